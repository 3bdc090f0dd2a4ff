// sleepnet app: every tooltip and explanation, in plain words, in one place.
#pragma once
#include <cmath>
#include <cstdio>
#include <string>

#include "published.h"

namespace sleepnet::app::help {

inline constexpr const char* kForgetting =
    "Catastrophic forgetting: a network trained on one task after another loses the old tasks, because\n"
    "learning the new one overwrites the same connections. Here you can watch it happen.";
inline constexpr const char* kSleep =
    "Sleep: a phase with no data at all. The network's neurons fire spontaneously, and local plasticity\n"
    "(STDP) strengthens the connections between neurons that fire together. This replays what the\n"
    "network already knows and protects old memories from being overwritten.";
inline constexpr const char* kStdp =
    "STDP (spike-timing-dependent plasticity): a connection grows when the sending neuron fires just\n"
    "before the receiving one, and shrinks otherwise. It needs no teacher and no stored examples.";
inline constexpr const char* kSrc =
    "Sleep Replay Consolidation (Tadros et al. 2022): the trained network is turned into a spiking one,\n"
    "driven by noisy input shaped like the average image seen so far, and its weights change by STDP.\n"
    "Afterwards the network runs normally again.";
// The published figures (engine/published.h) and the commands that run the papers' protocols beside them. The
// lab's runs are smaller and shorter; the README lists what the commands give.
inline std::string published_tadros() {
    char b[320];
    std::snprintf(b, sizeof b, "Tadros et al. 2022, split MNIST in 5 tasks, 784-1200-1200-10 network, final accuracy on all "
                  "10 digits: sequential %.2f%%, SRC sleep %.2f%%, joint training %.2f%%. Command: sleepnet reproduce "
                  "tadros2022 --seeds 5", published::kTadrosSequential, published::kTadrosSrc, published::kTadrosJoint);
    return b;
}
inline std::string published_golden() {
    std::string out = "Golden et al. 2022, foraging, Task 1 / Task 2 (share of rewarded particles, means of 10 runs):";
    for (const published::GoldenRow& r : published::kGolden2022) {
        if (std::isnan(r.task[0]) && std::isnan(r.task[1])) continue;
        char b[160];
        auto f = [](double v) {
            char t[16];
            std::snprintf(t, sizeof t, "%.2f", v);
            return std::isnan(v) ? std::string("-") : std::string(t);
        };
        std::snprintf(b, sizeof b, " %s %s / %s;", r.condition, f(r.task[0]).c_str(), f(r.task[1]).c_str());
        out += b;
    }
    return out + " Command: sleepnet reproduce golden2022 --seeds 10 (demo scale; --scale paper for the published stage lengths).";
}
inline constexpr const char* kTwins =
    "Twins: two networks with the same seed, the same starting weights and the same order of training\n"
    "examples. They differ only in sleep: blue sleeps, orange does not. They advance in lockstep: while\n"
    "blue sleeps, orange waits.";
// Foraging: what each twin runs comes from the protocol (ui_controls.cpp adds it); this follows.
inline constexpr const char* kForageTwins =
    "Twins: two networks with the same seed, the same starting weights and the same particles. They\n"
    "advance in lockstep: while one sleeps, the other waits. The stages both protocols begin with (for\n"
    "the default protocol: unsupervised, Task 1 and its tests) give both twins the same numbers, so they\n"
    "are simulated once and shown for both.";
inline constexpr const char* kPlay = "Run or pause the training (key: space).";
inline constexpr const char* kStep = "Advance by one small piece of work, then pause (key: n).";
inline constexpr const char* kReset = "Start again from the beginning with the current settings (key: r).";
inline constexpr const char* kSpeed =
    "How much work is done per frame. Up to 'fastest' the app keeps each frame short (8 ms of work),\n"
    "so the page stays smooth. 'max' gives the engine 40 ms per frame: long runs (foraging) finish sooner,\n"
    "at a lower frame rate; the foraging scenario starts there until you pick a speed. The numbers\n"
    "never depend on the speed.";
inline constexpr const char* kSeed =
    "Random seed: it fixes the starting weights, the order of the training examples and the sleep noise.\n"
    "The same seed and settings always give the same numbers, in the browser, the desktop app and the\n"
    "command line.";
inline constexpr const char* kOrder =
    "Which digits each task teaches, in order. \"01,23,45,67,89\" is five tasks of two digits each.\n"
    "Every task uses the same 10 outputs, so the network must tell all digits seen so far apart.";
inline constexpr const char* kSleepToggle =
    "Twins on: show a sleeping and a non-sleeping network side by side. Twins off: run one network,\n"
    "with sleep on or off (key: s toggles sleep).";
inline constexpr const char* kSchedule =
    "When to sleep: after each task (as in Tadros et al.), or in short naps between training batches\n"
    "(interleaved, as in the foraging paper).";
inline constexpr const char* kSleepLength =
    "Sleep length in time steps of the spiking network, for the sleep after the first task; each later\n"
    "sleep is longer (src_steps_per_task more per task).";
inline constexpr const char* kNapLength =
    "Length of each nap in time steps of the spiking network (schedule interleaved: a nap every\n"
    "sleep_every training batches, all of the same length).";
inline constexpr const char* kDigitsScenario =
    "Split MNIST: learn the digits a few at a time; SRC sleep after each task (see schedule).";
inline constexpr const char* kDigitsScenarioNaps =
    "Split MNIST: learn the digits a few at a time; SRC sleep in short naps between training batches\n"
    "(see schedule).";
inline constexpr const char* kPreset =
    "quick: a smaller network and fewer examples per task, so a run takes seconds.\n"
    "paper: the published network (784-1200-1200-10) and protocol; slower.";
inline constexpr const char* kProtocol =
    "Foraging protocol: sequential (Task 1 then Task 2: forgets Task 1), interleaved sleep (Task 2\n"
    "training alternates with sleep: keeps both), interleaved training (Task 1 and Task 2 alternate),\n"
    "and the controls from the paper. The box shows the protocol that runs: with one network and sleep\n"
    "off, the sequential baseline (T1 -> T2).";
inline constexpr const char* kHeadline =
    "Accuracy on the old tasks (learned before) and on the task being learned now, for each network.\n"
    "Forgetting shows as the old-task number falling. After each evaluation these are the accuracy\n"
    "matrix's figures (every test image); a number with ~ is an estimate on the first 300 test images,\n"
    "measured while a task trains or a network sleeps (about 60 per task: a few points off).\n"
    "At the end, 'all digits' is the accuracy on every test image, the measure of Tadros et al. 2022;\n"
    "the grey line gives the paper's figure for the same condition (foraging: its Task 1 / Task 2).";
inline constexpr const char* kCurves =
    "Accuracy on each task's test digits over time, in percent. Vertical lines mark task boundaries, shaded\n"
    "spans are sleep. Points during training and sleep are estimates on the first 300 test images (about\n"
    "60 per task, so a few points off); each evaluation adds a point on every test image, the accuracy\n"
    "matrix's figure, so a task's curve ends at its matrix cell.";
inline constexpr const char* kAccMatrix =
    "Accuracy matrix: row i, column j is the accuracy on task j's test digits after training task i.\n"
    "Below the diagonal is memory: forgetting shows as dark cells there.";
inline constexpr const char* kConfusion =
    "Confusion matrix of the last evaluation: row = true digit, column = the network's answer. A good\n"
    "network has a bright diagonal. Forgetting shows as whole rows moving to the newest digits.";
inline constexpr const char* kCurrentDigit = "The training digit being shown to the network now, and the network's guess.";
inline constexpr const char* kReceptive =
    "First-layer weights as images: what each of the first hidden neurons responds to (blue negative,\n"
    "orange positive).";
inline constexpr const char* kRaster =
    "Spike raster: each dot is one neuron firing at one time step during sleep; rows are neurons,\n"
    "grouped by layer (input at the bottom).";
inline constexpr const char* kForageRaster =
    "Spike raster of the last 3 movement cycles (a flash of the agent's view, then a move): each dot is one\n"
    "neuron firing at one time step; rows are neurons, from the bottom: input (the 7x7 view), hidden,\n"
    "output (the 8 directions). In a sleep stage, the cycles without a view are sleep.";
inline constexpr const char* kRates = "Firing rate of each layer during sleep (spikes per neuron per step).";
inline constexpr const char* kDrawPad =
    "Draw a digit with the mouse or a finger. Both networks classify it live. Right click or 'clear' to\n"
    "start over.";
inline constexpr const char* kWorld =
    "The foraging world (50x50, wrapping at the edges). The agent (white) eats particles: the rewarded\n"
    "kind for the current task (yellow) and the punished kind (teal). In the unsupervised stage all four\n"
    "kinds lie about, none rewarded or punished yet (blue). Its trail fades behind it.";
inline constexpr const char* kView = "What the agent sees: the 7x7 window around it, the input to its network.";
inline constexpr const char* kForagePerf =
    "Pattern discriminability: the share of rewarded particles among the task particles eaten, over the\n"
    "last 100. 0.5 is chance. Dots are tests with learning switched off. x: the aeons done by the run\n"
    "furthest along (an aeon is epochs_per_aeon movement cycles of 600 steps, 100 by default).";
inline constexpr const char* kForageWeights =
    "Hidden-to-output weights: for each of the 8 movement directions, the 784 hidden neurons' weights\n"
    "as a 28x28 image. Strong weights decide where the agent goes.";
inline constexpr const char* kCommand =
    "The command that runs the same network with the same settings and seed in the command-line program\n"
    "(build/native/sleepnet, see the README): it gives the same results (accuracy matrix, test scores),\n"
    "without the app. (The digits curves are the app's own extra samples, on 300 test images each.)";
inline constexpr const char* kExport =
    "Results as JSON or CSV (the same format as the command line), a PNG of the window, or the networks\n"
    "as a file you can load again later.";

}  // namespace sleepnet::app::help
