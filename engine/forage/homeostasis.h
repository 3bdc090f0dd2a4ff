// Foraging model: firing-rate homeostasis, once per epoch while plasticity is on (reference A5.3; the
// authors' spike_rate_adaptation). rate <- (1-r) rate + r * spikes_in_epoch; O neurons above their target
// rate get a higher input resistance (x(1+dt)), below it a lower one; H neurons (before the freeze) move
// their input normalisation target the opposite way. Targets: 0.5 spikes/epoch (O), 0.01 (H).
#pragma once

namespace sleepnet::forage {
struct ForageNetwork;
struct NetFlags;

struct HomeostasisConsts { double rate_ema, target_dt, target_h, target_o; };

void homeostasis_epoch(ForageNetwork& net, const NetFlags& f, const HomeostasisConsts& c);

}  // namespace sleepnet::forage
