// bench/forage_diag.cpp — a diagnostic (not part of the engine or the CLI): why does Task 1 plateau?
//
// Runs protocol "single" for one seed with the CLI's model keys and stops after the Task-1 test. It drives
// ForageRun::Impl as ForageRun::advance does (Impl::quiet_steps, then simulate_step), so results equal
// `sleepnet forage`, and at each move of Task-1 training and testing it replays the agent's choice on copies
// of the agent and its RNGs to classify the move without changing it:
//   source   net = the output with most spikes chose it, none = no output spike (direction kept),
//            explore = the exploration rule overrode it;
//   outcome  rewarded / punished / empty, and what the 8 neighbour cells offered (a greedy oracle);
//   for net moves: did the chosen direction hit a rewarded cell when one was adjacent?
// At the end of training it prints H->O weight statistics (saturation at the bounds, per-output sums, and the
// share of each output's input held by its top 1/5/10 %: what the freeze controls would freeze).
//
// Built with the native targets (CMake target forage_diag):
//   build/native/forage_diag seed=1 train_aeons=300 chunk=50 [model keys...]
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "forage/forage_run_impl.h"

using namespace sleepnet;
using namespace sleepnet::forage;

struct MoveStats {
    long moves = 0, by_source[3] = {0, 0, 0};          // net, none, explore
    long rew[3] = {0, 0, 0}, pun[3] = {0, 0, 0};        // eaten, by source
    long offer_rew = 0, offer_pun = 0, offer_both = 0;  // moves with a rewarded / punished neighbour cell
    long net_offer_rew = 0, net_hit_rew = 0;            // net moves with a rewarded neighbour; those that took it
    long net_offer_pun_only = 0, net_hit_pun_only = 0;  // net moves with only punished neighbours; those that took it
    long o_spikes = 0, ties = 0;
    double pun_cells_only = 0;                          // sum over those moves of (punished neighbour cells)/8
    void print(const char* label) const {
        if (moves == 0) return;
        const auto share = [](long r, long p) { return r + p > 0 ? static_cast<double>(r) / (r + p) : 0.5; };
        const long R = rew[0] + rew[1] + rew[2], P = pun[0] + pun[1] + pun[2];
        std::printf("%-14s moves %6ld  score %.3f (eaten %ld)  | net %.3f (%ld eaten, %.1f%% of moves)  none %.3f (%ld, %.1f%%)"
                    "  explore %.3f (%ld, %.1f%%)\n", label, moves, share(R, P), R + P,
                    share(rew[0], pun[0]), rew[0] + pun[0], 100.0 * by_source[0] / moves,
                    share(rew[1], pun[1]), rew[1] + pun[1], 100.0 * by_source[1] / moves,
                    share(rew[2], pun[2]), rew[2] + pun[2], 100.0 * by_source[2] / moves);
        std::printf("%-14s   neighbours: rewarded %.1f%% punished %.1f%% both %.1f%% of moves;  net takes rewarded %.3f"
                    " (when only punished: %.3f, a random direction %.3f);  O spikes/move %.2f, ties %.1f%%\n", "",
                    100.0 * offer_rew / moves, 100.0 * offer_pun / moves, 100.0 * offer_both / moves,
                    net_offer_rew ? static_cast<double>(net_hit_rew) / net_offer_rew : 0.0,
                    net_offer_pun_only ? static_cast<double>(net_hit_pun_only) / net_offer_pun_only : 0.0,
                    net_offer_pun_only ? pun_cells_only / net_offer_pun_only : 0.0,
                    static_cast<double>(o_spikes) / moves, 100.0 * ties / moves);
    }
};

static void classify(const ForageRun::Impl& m, MoveStats& s) {
    Agent a = m.agent;
    Rng ties = m.rng_ties, ex = m.rng_explore;
    int best = 0, nbest = 0, total = 0;
    for (int o = 0; o < kNO; ++o) {
        total += m.net.dir_count[o];
        if (m.net.dir_count[o] > best) { best = m.net.dir_count[o]; nbest = 0; }
        if (m.net.dir_count[o] == best && best > 0) ++nbest;
    }
    const bool chose = a.choose(m.net.dir_count, ties);
    const int ndx = a.dx, ndy = a.dy;
    const bool explored = a.explore(m.p.explore_paper, m.p.explore_per_hunger, ex);
    const int src = explored ? 2 : (chose ? 0 : 1);
    bool nb_rew = false, nb_pun = false;
    int pun_cells = 0;
    for (int o = 0; o < kNO; ++o) {
        const int c = m.world.at(m.agent.x + kDirX[o], m.agent.y + kDirY[o]);
        if (c < 0) continue;
        const int sg = m.sign[m.world.particles[static_cast<size_t>(c)].type];
        if (sg > 0) nb_rew = true;
        if (sg < 0) { nb_pun = true; ++pun_cells; }
    }
    const auto sign_at = [&](int dx, int dy) {
        const int c = m.world.at(m.agent.x + dx, m.agent.y + dy);
        return c < 0 ? 0 : m.sign[m.world.particles[static_cast<size_t>(c)].type];
    };
    const int sg = sign_at(a.dx, a.dy);
    ++s.moves; ++s.by_source[src];
    s.o_spikes += total; if (nbest > 1) ++s.ties;
    if (sg > 0) ++s.rew[src];
    if (sg < 0) ++s.pun[src];
    s.offer_rew += nb_rew; s.offer_pun += nb_pun; s.offer_both += nb_rew && nb_pun;
    if (src == 0) {
        const int nsg = sign_at(ndx, ndy);
        if (nb_rew) { ++s.net_offer_rew; s.net_hit_rew += nsg > 0; }
        if (nb_pun && !nb_rew) { ++s.net_offer_pun_only; s.net_hit_pun_only += nsg < 0; s.pun_cells_only += pun_cells / 8.0; }
    }
}

// H->O synapses pruned to the floor (<= 10 w_min) and those still large (> 0.05).
static void count_floor_big(const ForageRun::Impl& m, long* near_min, long* big) {
    *near_min = *big = 0;
    for (int s = 0; s < m.net.ho.size(); ++s) { *near_min += m.net.ho.w[s] <= 10 * m.p.w_min; *big += m.net.ho.w[s] > 0.05; }
}

static void floor_share(const ForageRun::Impl& m) {
    long near_min, big;
    count_floor_big(m, &near_min, &big);
    std::printf("%-14s   H->O: %.1f%% <= 10 w_min, %ld > 0.05\n", "", 100.0 * near_min / m.net.ho.size(), big);
}

static void weight_stats(const ForageRun::Impl& m) {
    const Synapses& ho = m.net.ho;
    long at_max = 0, near_min, big_all, n = ho.size();
    count_floor_big(m, &near_min, &big_all);
    double wmax = 0;
    for (int s = 0; s < ho.size(); ++s) {
        if (ho.w[s] >= 0.99 * m.p.w_ho_max) ++at_max;
        if (ho.w[s] > wmax) wmax = ho.w[s];
    }
    std::printf("H->O: %ld synapses, %.2f%% at >= 0.99 w_max, %.2f%% <= 10 w_min, largest %.4f\n", n,
                100.0 * at_max / n, 100.0 * near_min / n, wmax);
    // Per output; also what the freeze controls would freeze: the share of its input held by its top 1/5/10 %
    // (ceil of the fraction, as ForageRun::Impl::freeze_top counts them).
    double share[3] = {0, 0, 0};
    const double frac[3] = {0.01, 0.05, 0.10};
    for (int o = 0; o < kNO; ++o) {
        double sum = 0, top = 0; int big = 0;
        std::vector<double> col;
        for (int c = ho.col_start[o]; c < ho.col_start[o + 1]; ++c) {
            const double w = ho.w[ho.col_syn[c]];
            col.push_back(w);
            sum += w; if (w > top) top = w; if (w > 0.05) ++big;
        }
        std::printf("  O%d: in-sum %.3f (target %.3f)  max %.3f  n(w>0.05) %3d  resistance %.3f  rate %.3f\n", o, sum,
                    m.net.in_target_o[o], top, big, m.net.resistance_o[o], m.net.rate_o[o]);
        std::sort(col.begin(), col.end(), [](double a, double b) { return a > b; });
        for (int k = 0; k < 3; ++k) {
            const size_t n_top = static_cast<size_t>(std::ceil(col.size() * frac[k]));
            double top_sum = 0;
            for (size_t i = 0; i < n_top; ++i) top_sum += col[i];
            share[k] += sum > 0 ? top_sum / sum / kNO : 0;
        }
    }
    std::printf("H->O: top 1 / 5 / 10 %% per output hold %.3f / %.3f / %.3f of its input (mean over outputs)\n",
                share[0], share[1], share[2]);
    int silent = 0; double rsum = 0;
    for (int h = 0; h < kNH; ++h) { rsum += m.net.rate_h[h]; if (m.net.rate_h[h] < 1e-3) ++silent; }
    std::printf("H: mean rate %.4f spikes/epoch, %d of %d below 1e-3\n", rsum / kNH, silent, kNH);
}


// Isolated-particle probe on a copy of the trained network (plasticity off): every particle of each type at
// every place in the 7x7 view where it fits, one at a time, from rest, one 600-step epoch each (`reps` times with
// different release noise; the move is read from the first). Reports the
// move the outputs choose when the particle touches one of the 8 neighbour cells (the agent's own cell
// excluded), and how orientation-selective the hidden neurons are (spikes summed over all places).
static void isolated_probe(const ForageRun::Impl& m, int reps) {
    NetFlags f; f.plasticity = false; f.hidden_frozen = true;
    std::vector<double> h_by_type(static_cast<size_t>(4 * kNH), 0.0);
    double take[4] = {0, 0, 0, 0}, silent[4] = {0, 0, 0, 0}, chance[4] = {0, 0, 0, 0};
    int adjacent[4] = {0, 0, 0, 0};
    for (int type = 0; type < 4; ++type) {
        int dx, dy; World::offset(type, &dx, &dy);
        for (int x = 0; x < kView; ++x)
            for (int y = 0; y < kView; ++y) {
                const int x2 = x + dx, y2 = y + dy;
                if (x2 < 0 || x2 >= kView || y2 < 0 || y2 >= kView) continue;
                if ((x == 3 && y == 3) || (x2 == 3 && y2 == 3)) continue;   // on the agent: already eaten
                int dir_count[kNO] = {};
                for (int rep = 0; rep < reps; ++rep) {   // repeats differ in the release noise only
                    ForageNetwork n = m.net;
                    n.release = Rng(1000003ULL * static_cast<uint64_t>(rep + 1) + static_cast<uint64_t>(x * kView + y));
                    n.I.reset_state(); n.H.reset_state(); n.O.reset_state();
                    for (int& c : n.epoch_spikes_h) c = 0;
                    for (int& c : n.dir_count) c = 0;
                    n.I.add_input(x * kView + y, m.p.pulse);
                    n.I.add_input(x2 * kView + y2, m.p.pulse);
                    const int64_t t0 = m.t + 10 * m.p.epoch_steps;
                    for (int k = 0; k < m.p.epoch_steps; ++k) n.step(t0 + k, f, false, k < m.p.action_window);
                    for (int h = 0; h < kNH; ++h) h_by_type[static_cast<size_t>(type * kNH + h)] += n.epoch_spikes_h[static_cast<size_t>(h)];
                    if (rep == 0) for (int o = 0; o < kNO; ++o) dir_count[o] = n.dir_count[o];
                }
                // Which neighbour cells does the particle cover?
                bool cover[8]; int ncover = 0;
                for (int o = 0; o < kNO; ++o) {
                    const int cx = 3 + kDirX[o], cy = 3 + kDirY[o];
                    cover[o] = (cx == x && cy == y) || (cx == x2 && cy == y2);
                    ncover += cover[o];
                }
                if (ncover == 0) continue;
                ++adjacent[type];
                chance[type] += ncover / 8.0;
                int best = 0, nbest = 0, hit = 0;
                for (int o = 0; o < kNO; ++o) if (dir_count[o] > best) best = dir_count[o];
                if (best == 0) { silent[type] += 1; continue; }
                for (int o = 0; o < kNO; ++o) if (dir_count[o] == best) { ++nbest; hit += cover[o]; }
                take[type] += static_cast<double>(hit) / nbest;   // ties at random
            }
    }
    static const char* names[4] = {"horizontal", "vertical", "diag d_pos", "diag d_neg"};
    std::printf("isolated particles touching a neighbour cell (from rest, one epoch): P(move onto it), P(no output spike), random-direction chance\n");
    for (int type = 0; type < 4; ++type) {
        const int s = type == kHorizontal ? 1 : (type == kDiagPos ? -1 : 0);   // Task 1
        std::printf("  %-11s %-9s n %2d  onto %.3f  silent %.3f  chance %.3f\n", names[type],
                    s > 0 ? "rewarded" : (s < 0 ? "punished" : "-"), adjacent[type], take[type] / adjacent[type],
                    silent[type] / adjacent[type], chance[type] / adjacent[type]);
    }
    // Hidden selectivity: share of a neuron's spikes that its preferred type draws (0.25 = none, 1 = one type);
    // and the rewarded-vs-punished Task-1 contrast (horizontal vs d_pos) per responsive neuron.
    int responsive = 0, sel_half = 0, rp_strong = 0;
    double pref_sum = 0, total_h = 0; int any_h = 0;
    for (int h = 0; h < kNH; ++h) {
        double tot = 0, mx = 0;
        for (int type = 0; type < 4; ++type) { const double v = h_by_type[static_cast<size_t>(type * kNH + h)]; tot += v; if (v > mx) mx = v; }
        total_h += tot; if (tot > 0) ++any_h;
        if (tot < 10) continue;
        ++responsive; pref_sum += mx / tot; sel_half += mx / tot > 0.5;
        const double a = h_by_type[static_cast<size_t>(kHorizontal * kNH + h)], b = h_by_type[static_cast<size_t>(kDiagPos * kNH + h)];
        if (a + b > 0 && (a - b) / (a + b) > 0.5) ++rp_strong;
        if (a + b > 0 && (a - b) / (a + b) < -0.5) ++rp_strong;
    }
    std::printf("hidden (%d repeats of each presentation): %.0f spikes over all presentations, %d neurons spike at least once\n", reps, total_h, any_h);
    std::printf("hidden: %d of %d respond (>= 10 spikes over all isolated particles and repeats); preferred-type share mean %.3f"
                " (0.25 = unselective), %d with share > 0.5; %d with |H - Dpos|/(H + Dpos) > 0.5\n", responsive, kNH,
                responsive ? pref_sum / responsive : 0.0, sel_half, rp_strong);
}

int main(int argc, char** argv) {
    uint64_t seed = 1;
    int chunk = 50, reps = 10;
    std::string query;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a.rfind("seed=", 0) == 0) seed = std::strtoull(a.c_str() + 5, nullptr, 10);
        else if (a.rfind("chunk=", 0) == 0) chunk = std::atoi(a.c_str() + 6);
        else if (a.rfind("reps=", 0) == 0) reps = std::atoi(a.c_str() + 5);
        else query += (query.empty() ? "" : "&") + a;
    }
    ForageParams p;
    const std::string err = forage_params_from_query(query, &p);
    if (!err.empty()) { std::fprintf(stderr, "%s\n", err.c_str()); return 2; }
    ForageRun::Impl m;
    m.init(p, "single", seed);
    if (!m.err.empty()) { std::fprintf(stderr, "%s\n", m.err.c_str()); return 2; }
    MoveStats train, test;
    int last_stage = -1, chunk_start = 0;
    while (!m.finished) {
        if (const int64_t jump = m.quiet_steps(m.p.epoch_steps)) { m.t += jump; continue; }
        if (m.t % m.p.epoch_steps == 0 && m.t % m.aeon_steps != 0 && !m.sleeping &&
            m.stage < static_cast<int>(m.protocol.stages.size())) {
            const Stage& st = m.protocol.stages[static_cast<size_t>(m.stage)];
            if (st.task == 0 && st.kind == StageKind::Train) classify(m, train);
            if (st.task == 0 && st.kind == StageKind::Test) classify(m, test);
        }
        if (m.t % m.aeon_steps == 0 && m.stage != last_stage) {
            if (last_stage >= 0 && m.protocol.stages[static_cast<size_t>(last_stage)].kind == StageKind::Train) {
                char lab[32]; std::snprintf(lab, sizeof lab, "train %d-end", chunk_start);
                train.print(lab); train = MoveStats();
                weight_stats(m);
            }
            last_stage = m.stage;
            if (m.protocol.stages[static_cast<size_t>(m.stage)].kind == StageKind::Train) { std::printf("after 1 training aeon:\n"); floor_share(m); }
        }
        if (m.t % m.aeon_steps == 0 && m.stage_aeons > 0 && m.stage_aeons % chunk == 0 &&
            m.protocol.stages[static_cast<size_t>(m.stage)].kind == StageKind::Train) {
            char lab[32]; std::snprintf(lab, sizeof lab, "train %d-%d", chunk_start, m.stage_aeons);
            train.print(lab); train = MoveStats(); chunk_start = m.stage_aeons;
            floor_share(m);
            std::fflush(stdout);
        }
        m.simulate_step();
        if (m.stage < static_cast<int>(m.protocol.stages.size()) && m.protocol.stages[static_cast<size_t>(m.stage)].kind == StageKind::Test &&
            m.protocol.stages[static_cast<size_t>(m.stage)].task == 1) break;   // the Task-1 test is done
    }
    test.print("test T1");
    isolated_probe(m, reps);
    for (const auto& r : m.results) std::printf("result %s task %d: %.3f (%d/%d)\n", r.checkpoint.c_str(), r.task + 1, r.score, r.rewarded, r.rewarded + r.punished);
    return 0;
}
