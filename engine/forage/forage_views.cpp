// Foraging model: the read-only views of a run (weights, their history and PCA, spikes, world).
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
// deflation: the projection on PC k of snapshot i is sqrt(lambda_k) * v_k[i].
std::vector<float> ForageRun::weight_pca() const {
    const int n = snapshot_count();
    std::vector<float> out(static_cast<size_t>(2 * n), 0.0f);
    if (n < 2) return out;
    const auto& S = impl_->snaps;
    std::vector<double> mean(kWeights, 0.0);
    for (int i = 0; i < n; ++i) for (int s = 0; s < kWeights; ++s) mean[s] += S[static_cast<size_t>(i) * kWeights + s];
    for (double& m : mean) m /= n;
    std::vector<double> G(static_cast<size_t>(n) * n, 0.0);
    for (int i = 0; i < n; ++i)
        for (int j = i; j < n; ++j) {
            double g = 0;
            for (int s = 0; s < kWeights; ++s)
                g += (S[static_cast<size_t>(i) * kWeights + s] - mean[s]) * (S[static_cast<size_t>(j) * kWeights + s] - mean[s]);
            G[static_cast<size_t>(i) * n + j] = G[static_cast<size_t>(j) * n + i] = g;
        }
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
            for (int i = 0; i < n; ++i) v[i] = nv[i] / norm;
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
