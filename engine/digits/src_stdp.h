// sleepnet digits: the SRC STDP update of one post neuron's weight row, vectorised.
//
// For every pre j:  w += inc * g(w) if pre j spiked, else w -= dec * g(w),  g(w) = 2 (1 - 1/(1 + exp(-w/0.001))).
// g is computed in double with an 8-lane copy of det_exp (engine/core/detmath.h) that performs exactly the
// same IEEE operations in the same order, so every result is bit-identical to the scalar src_g(); blocks
// holding a weight with |w| > 0.69 (where det_exp needs its overflow/underflow paths) use the scalar one.
// This is the hot loop of sleep: each post spike updates 784 or 1200 weights.
#pragma once
#include <cstddef>
#include <cstdint>

namespace sleepnet::digits {

// row: the n weights W[post][0..n); mirror: the same weights in the transposed copy, at mirror[j * stride]
// (nullptr: none); pre_spiked[j] != 0 where pre j spiked this step.
void src_stdp_row(float* row, float* mirror, size_t stride, const uint8_t* pre_spiked, int n, double inc, double dec);

// g(w[j]) for j < n with the vectorised path where it applies (for tests: must equal src_g bit for bit).
void src_g_row(const float* w, double* g, int n);

// The scalar reference of the same update (used for tails, by tests, and to define the result).
void src_stdp_row_scalar(float* row, float* mirror, size_t stride, const uint8_t* pre_spiked, int n, double inc,
                         double dec);

}  // namespace sleepnet::digits
