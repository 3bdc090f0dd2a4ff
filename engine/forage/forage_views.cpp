// Foraging model: the read-only views of a run (weights, their history and PCA, spikes, world).
#include <algorithm>
#include <cmath>

#include "forage/forage_run_impl.h"

namespace sleepnet {
using namespace forage;

void ForageRun::Impl::take_snapshot(int aeon) {
    if (static_cast<int>(snap_aeon.size()) >= kMaxSnapshots) {
        // Decimate: keep the snapshots on the doubled stride, so memory stays flat for any run length.
        snap_stride *= 2;
        size_t keep = 0;
        for (size_t i = 0; i < snap_aeon.size(); ++i) {
            if (snap_aeon[i] % snap_stride != 0) continue;
            snap_aeon[keep] = snap_aeon[i];
            std::copy(snaps.begin() + static_cast<long>(i * kWeights), snaps.begin() + static_cast<long>((i + 1) * kWeights),
                      snaps.begin() + static_cast<long>(keep * kWeights));
            ++keep;
        }
        snap_aeon.resize(keep);
        snaps.resize(keep * kWeights);
        if (aeon % snap_stride != 0) return;
    }
    snap_aeon.push_back(aeon);
    for (int s = 0; s < kWeights; ++s) snaps.push_back(static_cast<float>(net.ho.w[static_cast<size_t>(s)]));
}

std::vector<float> ForageRun::weights() const {
    std::vector<float> w(kWeights);
    for (int s = 0; s < kWeights; ++s) w[s] = static_cast<float>(impl_->net.ho.w[static_cast<size_t>(s)]);
    return w;
}

int ForageRun::snapshot_count() const { return static_cast<int>(impl_->snap_aeon.size()); }
std::vector<int> ForageRun::snapshot_aeons() const { return impl_->snap_aeon; }
std::vector<float> ForageRun::snapshot(int i) const {
    if (i < 0 || i >= snapshot_count()) return {};
    const auto b = impl_->snaps.begin() + static_cast<long>(i) * kWeights;
    return std::vector<float>(b, b + kWeights);
}

// PCA by the Gram matrix of the centred snapshots (n <= 256) and deterministic power iteration with
// deflation: the projection on PC k of snapshot i is sqrt(lambda_k) * v_k[i]. The centred Gram comes from
// the raw dot products D (G = D - r_i - r_j + c, r the row means, c their mean), which are cached per
// snapshot aeon: the app asks for the projection while the run adds snapshots, and recomputing every product
// (n^2/2 x 6272 multiply-adds, ~0.2 s in WebAssembly for n = 256) stalled its frames.
std::vector<float> ForageRun::weight_pca() const {
    const int n = snapshot_count();
    std::vector<float> out(static_cast<size_t>(2 * n), 0.0f);
    if (n < 2) return out;
    const auto& S = impl_->snaps;
    const auto& aeon = impl_->snap_aeon;
    Impl::Gram& cache = impl_->gram;
    // Old index of each snapshot in the cache (both aeon lists ascend), or -1.
    std::vector<int> old(static_cast<size_t>(n), -1);
    for (size_t i = 0, k = 0; i < static_cast<size_t>(n); ++i) {
        while (k < cache.aeon.size() && cache.aeon[k] < aeon[i]) ++k;
        if (k < cache.aeon.size() && cache.aeon[k] == aeon[i]) old[i] = static_cast<int>(k);
    }
    const size_t m = cache.aeon.size();
    std::vector<double> D(static_cast<size_t>(n) * n);
    for (int i = 0; i < n; ++i)
        for (int j = i; j < n; ++j) {
            double d;
            if (old[i] >= 0 && old[j] >= 0) {
                d = cache.dot[static_cast<size_t>(old[i]) * m + static_cast<size_t>(old[j])];
            } else {
                const float* a = S.data() + static_cast<size_t>(i) * kWeights;
                const float* b = S.data() + static_cast<size_t>(j) * kWeights;
                d = 0;
                for (int s = 0; s < kWeights; ++s) d += static_cast<double>(a[s]) * b[s];
            }
            D[static_cast<size_t>(i) * n + j] = D[static_cast<size_t>(j) * n + i] = d;
        }
    cache.aeon = aeon;
    cache.dot = D;
    std::vector<double> r(static_cast<size_t>(n), 0.0);
    double c = 0;
    for (int i = 0; i < n; ++i) {
        for (int j = 0; j < n; ++j) r[i] += D[static_cast<size_t>(i) * n + j];
        r[i] /= n;
        c += r[i];
    }
    c /= n;
    std::vector<double>& G = D;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) G[static_cast<size_t>(i) * n + j] += c - r[i] - r[j];
    for (int k = 0; k < 2; ++k) {
        std::vector<double> v(n), nv(n);
        for (int i = 0; i < n; ++i) v[i] = 1.0 + 0.01 * i;
        double lambda = 0;
        for (int it = 0; it < 200; ++it) {
            double norm = 0;
            for (int i = 0; i < n; ++i) { double a = 0; for (int j = 0; j < n; ++j) a += G[static_cast<size_t>(i) * n + j] * v[j]; nv[i] = a; norm += a * a; }
            norm = std::sqrt(norm);
            if (norm == 0) break;
            lambda = norm;
            double change = 0;
            for (int i = 0; i < n; ++i) { const double x = nv[i] / norm; change = std::max(change, std::fabs(x - v[i])); v[i] = x; }
            if (change < 1e-12) break;   // converged (a view: stopping early changes nothing visible)
        }
        const double sl = std::sqrt(lambda);
        for (int i = 0; i < n; ++i) out[static_cast<size_t>(2 * i + k)] = static_cast<float>(sl * v[i]);
        for (int i = 0; i < n; ++i) for (int j = 0; j < n; ++j) G[static_cast<size_t>(i) * n + j] -= lambda * v[i] * v[j];
    }
    return out;
}

std::vector<ForageSpike> ForageRun::recent_spikes() const {
    const auto& m = *impl_;
    return std::vector<ForageSpike>(m.spikes.begin() + static_cast<long>(m.spikes_head), m.spikes.end());
}

ForageWorldView ForageRun::world() const {
    const auto& m = *impl_;
    ForageWorldView v;
    v.size = m.world.size;
    v.cells.assign(m.world.cell.size(), -1);
    for (size_t c = 0; c < m.world.cell.size(); ++c)
        if (m.world.cell[c] >= 0) v.cells[c] = m.world.particles[static_cast<size_t>(m.world.cell[c])].type;
    v.agent_x = m.agent.x; v.agent_y = m.agent.y;
    for (int k = 0; k < m.agent.trail_len; ++k) {
        const int i = (m.agent.trail_next - m.agent.trail_len + k + kTrail) % kTrail;
        v.trail_x.push_back(m.agent.trail_x[i]); v.trail_y.push_back(m.agent.trail_y[i]);
    }
    for (int t = 0; t < 4; ++t) { if (m.sign[t] > 0) v.rewarded_type = t; if (m.sign[t] < 0) v.punished_type = t; }
    return v;
}

}  // namespace sleepnet
