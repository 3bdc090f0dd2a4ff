// sleepnet digits: the weights of a bias-free multilayer perceptron, shared by training (mlp.*) and
// Sleep Replay Consolidation (src_sleep.*). Plain data: either side may read and write it.
#pragma once
#include <vector>

namespace sleepnet::digits {

struct MlpWeights {
    std::vector<int> sizes;              // layer widths, input first: {784, 1200, 1200, 10}
    std::vector<std::vector<float>> W;   // W[l] maps layer l to l+1: sizes[l+1] rows x sizes[l] columns,
                                         // row-major, W[l][post * sizes[l] + pre]
    int layers() const { return static_cast<int>(W.size()); }
    float& at(int l, int post, int pre) { return W[l][static_cast<size_t>(post) * sizes[l] + pre]; }
    float at(int l, int post, int pre) const { return W[l][static_cast<size_t>(post) * sizes[l] + pre]; }
};

}  // namespace sleepnet::digits
