// sleepnet digits: a small cache-blocked float32 matrix product for MLP training.
//
//   C[m][n] = (accumulate ? C[m][n] : 0) + sum over k = 0..K-1, in that order, of A(m,k) * B(k,n)
//
// Both operands are read through strides, A(m,k) = A[m * sam + k * sak] and B(k,n) = B[k * sbk + n * sbn],
// so one kernel serves X·Wᵀ, D·W and Dᵀ·X without transposed copies. B is packed per strip into a
// contiguous panel before use, whatever its layout.
//
// Why this shape: every output element is a plain sequential sum over k with separate multiply and add
// (no FMA), vectorised across outputs n. Vector width then cannot change any result, so the native build
// (AVX-512, 16 lanes) and the WebAssembly build (simd128, 4 lanes) give bit-identical numbers.
// Speed comes from register tiles (MR rows x NV vectors of C held in registers while k runs) and from
// blocking k and n so the B panel in use stays in cache. When A is mostly zeros (inputs, ReLU activations
// with dropout, and the errors masked by them: half to four fifths of the training products), a sparse
// kernel runs over each row's nonzero k only, still in ascending order. A skipped term is an exact zero
// product, whose addition changes no sum, so results stay the same bits (for finite B; not used when
// accumulating into the caller's C).
#pragma once
#include <cstddef>

namespace sleepnet::digits {

void gemm(int M, int N, int K, const float* A, ptrdiff_t sam, ptrdiff_t sak, const float* B, ptrdiff_t sbk,
          ptrdiff_t sbn, float* C, ptrdiff_t ldc, bool accumulate);

// The SIMD flavour compiled in ("avx512", "avx2", "sse/simd128"), for benchmarks.
const char* gemm_flavour();

}  // namespace sleepnet::digits
