// sleepnet digits: the bias-free ReLU perceptron of Tadros et al. 2022 and its awake training.
//
// DeepLearnToolbox conventions, as the authors' MATLAB code (reference B1, B2, B5):
//   - every layer is ReLU, the output too, and there are no biases;
//   - loss ½Σe²/B; the output error is the raw (prediction − target), without the output ReLU's
//     derivative (B5); hidden errors are masked by a > 0 and by the dropout mask;
//   - SGD with momentum: v = m·v + lr·(dW/B); W = W − v; the momentum buffer lives as long as the net
//     (carried across tasks and through sleep);
//   - dropout on hidden layers: training multiplies by a 0/1 mask (keep when U(0,1) > p); test mode
//     scales hidden activations by 1 − p instead.
// Weights live in MlpWeights (shared with the SRC sleep). Float32 throughout; the products go through
// gemm(), so results are identical natively and in WebAssembly.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/rng.h"
#include "core/settings.h"
#include "digits/mlp_weights.h"

namespace sleepnet::digits {

struct MlpSettings {
    std::string hidden = "1200,1200";   // hidden layer widths, input and output widths come from the data
    double lr = 0.1, momentum = 0.5, dropout = 0.25, init_range = 0.01;
    int batch = 100, epochs = 2;
    void bind(SettingsTable& t);
    // {inputs, hidden..., outputs}; "" or an error about `hidden` (a bad width, or a network over the caps).
    // With inputs = outputs = 0 (data not yet known) only the hidden layers count towards the caps.
    std::string layer_sizes(int inputs, int outputs, std::vector<int>* sizes) const;
    static constexpr int kMaxWeights = 32000000;       // ~13x the paper's network
    static constexpr int kMaxActivations = 32000000;   // batch x (sum of layer widths)
};

// Every value is a finite number (a NaN or infinity spreads through every later product and SRC's scale factors).
bool all_finite(const std::vector<std::vector<float>>& layers);

class Mlp {
public:
    // Weights U(−init_range, init_range), drawn layer by layer in row-major order; momentum zero.
    void init(const std::vector<int>& sizes, float init_range, Rng& rng);

    MlpWeights& weights() { return w_; }
    const MlpWeights& weights() const { return w_; }
    std::vector<std::vector<float>>& velocity() { return v_; }
    const std::vector<std::vector<float>>& velocity() const { return v_; }
    bool finite() const { return all_finite(w_.W) && all_finite(v_); }   // false once training has diverged
    int inputs() const { return w_.sizes.front(); }
    int outputs() const { return w_.sizes.back(); }

    // Gradients of one batch (x: B x inputs, labels 0..outputs-1) into grad (same shape as W, summed over
    // the batch, not yet divided by B). Draws the dropout masks from *dropout_rng (if dropout > 0).
    // Returns the loss ½Σe²/B.
    double gradients(const float* x, const uint8_t* labels, int B, float dropout, Rng* dropout_rng,
                     std::vector<std::vector<float>>* grad);
    // One SGD step: gradients() then the momentum update. Returns the loss.
    double train_batch(const float* x, const uint8_t* labels, int B, float lr, float momentum, float dropout,
                       Rng* dropout_rng);

    // Test mode: out (B x outputs) for x (B x inputs). If layer_max is given (size layers()), each entry is
    // raised to the largest activation seen in that layer (layer l+1 = output of W[l]).
    void predict(const float* x, int B, float dropout, float* out, std::vector<float>* layer_max = nullptr);
    int classify(const float* x, float dropout);   // argmax (first of ties) of one image's outputs
    // Outputs (B x outputs) of the last forward pass (a training batch, or predict's last chunk).
    const float* last_outputs() const { return act_.empty() ? nullptr : act_.back().data(); }

private:
    MlpWeights w_;
    std::vector<std::vector<float>> v_, grad_;
    std::vector<std::vector<float>> act_, delta_;
    void forward(const float* x, int B, bool training, float dropout, Rng* rng, std::vector<float>* layer_max);
};

// Pixels (bytes) to inputs in [0,1]: x = p / 255.
void bytes_to_inputs(const uint8_t* pixels, int count, float* out);
// Index of the largest of n values (the first one on ties).
int argmax(const float* v, int n);

}  // namespace sleepnet::digits
