// Foraging model: firing-rate homeostasis (see homeostasis.h).
#include "forage/homeostasis.h"

#include "forage/forage_network.h"

namespace sleepnet::forage {

void homeostasis_epoch(ForageNetwork& net, const NetFlags& f, const HomeostasisConsts& c) {
    for (int o = 0; o < kNO; ++o) {
        double& r = net.rate_o[o];
        r = r * (1.0 - c.rate_ema) + net.epoch_spikes_o[o] * c.rate_ema;
        if (r > c.target_o) net.resistance_o[o] *= 1.0 + c.target_dt;
        if (r < c.target_o) net.resistance_o[o] *= 1.0 - c.target_dt;
    }
    for (int h = 0; h < kNH; ++h) {
        double& r = net.rate_h[h];
        r = r * (1.0 - c.rate_ema) + net.epoch_spikes_h[h] * c.rate_ema;
        if (f.hidden_frozen) continue;
        if (r > c.target_h) net.in_target_h[h] *= 1.0 - c.target_dt;
        if (r < c.target_h) net.in_target_h[h] *= 1.0 + c.target_dt;
    }
}

}  // namespace sleepnet::forage
