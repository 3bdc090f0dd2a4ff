// sleepnet digits: blocked float32 GEMM with register tiles (see gemm.h).
#include "digits/gemm.h"

#include <cstdint>
#include <cstring>
#include <vector>

namespace sleepnet::digits {

namespace {

#if defined(__AVX512F__)
constexpr int kLanes = 16, kMR = 6, kNV = 4;      // 24 zmm accumulators of 32
constexpr int kSparseNV = 3;                      // 48 columns: 1200 = 25 strips (2-4 measured alike)
const char* const kFlavour = "avx512";
#elif defined(__AVX__)
constexpr int kLanes = 8, kMR = 4, kNV = 3;       // 12 ymm accumulators of 16
constexpr int kSparseNV = 4;
const char* const kFlavour = "avx2";
#else
// 2 x 4 measured fastest under V8 (16 xmm registers): 27 GFLOP/s vs 16 for 4 x 3.
constexpr int kLanes = 4, kMR = 2, kNV = 4;
// Sparse: 6 vectors (24 columns) with (offset, value) pairs measured ~4 % faster in training than 4 with
// two arrays (8: V8 loads all 8 B vectors before the products and spills, -40 %).
constexpr int kSparseNV = 6;
const char* const kFlavour = "sse/simd128";
#endif
typedef float Vec __attribute__((vector_size(kLanes * 4)));

constexpr double kSparseMax = 0.5;       // sparse kernel when at most this fraction of A is nonzero
constexpr int kKC = 256;                 // k block: A tile rows stay in L1
constexpr int kNC = 256;                 // n block: a kKC x kNC panel of B (256 KB) stays in L2

template <class T> inline T load(const float* p) { T v; std::memcpy(&v, p, sizeof(T)); return v; }
template <class T> inline void store(float* p, T v) { std::memcpy(p, &v, sizeof(T)); }
template <class T> inline T zero() { return T{}; }

// One register tile: MR rows x NV vectors of type T (a SIMD vector, or float for the last columns).
template <class T, int MR, int NV>
inline void tile(int K, const float* A, ptrdiff_t sam, ptrdiff_t sak, const float* B, ptrdiff_t ldb, float* C,
                 ptrdiff_t ldc, bool load_c) {
    constexpr int W = sizeof(T) / sizeof(float);
    T acc[MR][NV];
    for (int i = 0; i < MR; ++i)
        for (int j = 0; j < NV; ++j) acc[i][j] = load_c ? load<T>(C + i * ldc + j * W) : zero<T>();
    for (int k = 0; k < K; ++k) {
        T b[NV];
        for (int j = 0; j < NV; ++j) b[j] = load<T>(B + k * ldb + j * W);
        const float* a = A + k * sak;
        for (int i = 0; i < MR; ++i) {
            const float ai = a[i * sam];
            for (int j = 0; j < NV; ++j) acc[i][j] = acc[i][j] + b[j] * ai;
        }
    }
    for (int i = 0; i < MR; ++i)
        for (int j = 0; j < NV; ++j) store<T>(C + i * ldc + j * W, acc[i][j]);
}

// All rows m for one column strip of NV vectors of T; the MR remainder uses smaller tiles.
template <class T, int NV>
__attribute__((noinline)) void strip(int M, int K, const float* A, ptrdiff_t sam, ptrdiff_t sak, const float* B, ptrdiff_t ldb, float* C,
           ptrdiff_t ldc, bool load_c) {
    int m = 0;
    for (; m + kMR <= M; m += kMR) tile<T, kMR, NV>(K, A + m * sam, sam, sak, B, ldb, C + m * ldc, ldc, load_c);
    for (; m < M; ++m) tile<T, 1, NV>(K, A + m * sam, sam, sak, B, ldb, C + m * ldc, ldc, load_c);
}

// A nonzero of A: the panel offset of its row k (k times the panel's row stride, which saves a multiply
// per term: wasm +5 %) and the value A(m,k). Pairs, so that the kernel reads one stream.
struct Term { int off; float a; };

// One row of C for one column strip, from a sparse row of A: only the k with A(m,k) != 0, ascending.
// Skipping a zero term leaves every sum bit-identical: a zero product (B finite) added to a sum that is
// never -0 (sums start at +0, and x + y = -0 needs both -0) changes nothing.
template <class T, int NV>
inline void sparse_row(int nnz, const Term* terms, const float* B, float* C, bool load_c) {
    constexpr int W = sizeof(T) / sizeof(float);
    T acc[NV];
    for (int j = 0; j < NV; ++j) acc[j] = load_c ? load<T>(C + j * W) : zero<T>();
    for (int t = 0; t < nnz; ++t) {
        const float a = terms[t].a;
        const float* b = B + terms[t].off;
        for (int j = 0; j < NV; ++j) acc[j] = acc[j] + load<T>(b + j * W) * a;
    }
    for (int j = 0; j < NV; ++j) store<T>(C + j * W, acc[j]);
}

// All rows for one column strip; row m's nonzeros are terms [start[m], start[m+1]).
template <class T, int NV>
__attribute__((noinline)) void sparse_strip(int M, const int* start, const Term* terms, const float* B, float* C,
                                            ptrdiff_t ldc, bool load_c) {
    for (int m = 0; m < M; ++m)
        sparse_row<T, NV>(start[m + 1] - start[m], terms + start[m], B, C + m * ldc, load_c);
}

}  // namespace

const char* gemm_flavour() { return kFlavour; }

// Copies rows [k0, k0+kc) x columns [n, n+w) of B into panel (row k at panel + k*ldp), so that the kernel
// reads B sequentially whatever its layout (row-major, or transposed: the forward pass reads W itself).
static void pack(const float* B, ptrdiff_t sbk, ptrdiff_t sbn, int k0, int kc, int n, int w, float* panel, int ldp) {
    typedef float v4 __attribute__((vector_size(16)));
    if (sbn == 1) {
        // Vector copies: a memcpy call per row (16 floats in WebAssembly) was ~2 % of training there.
        for (int k = 0; k < kc; ++k) {
            const float* src = B + (k0 + k) * sbk + n;
            float* dst = panel + k * ldp;
            int j = 0;
            for (; j + kLanes <= w; j += kLanes) store<Vec>(dst + j, load<Vec>(src + j));
            for (; j < w; ++j) dst[j] = src[j];
        }
        return;
    }
    int j0 = 0;
    if (sbk == 1) {   // B = Wᵀ (the forward pass): transpose 4 x 4 blocks with shuffles (a copy: no arithmetic)
        const int k4 = kc - kc % 4;
        for (; j0 + 4 <= w; j0 += 4) {
            const float* c = B + (n + j0) * sbn + k0;
            float* out = panel + j0;
            for (int k = 0; k < k4; k += 4) {
                const v4 r0 = load<v4>(c + k), r1 = load<v4>(c + sbn + k), r2 = load<v4>(c + 2 * sbn + k),
                         r3 = load<v4>(c + 3 * sbn + k);
                const v4 lo01 = __builtin_shufflevector(r0, r1, 0, 4, 1, 5), lo23 = __builtin_shufflevector(r2, r3, 0, 4, 1, 5);
                const v4 hi01 = __builtin_shufflevector(r0, r1, 2, 6, 3, 7), hi23 = __builtin_shufflevector(r2, r3, 2, 6, 3, 7);
                store<v4>(out + k * ldp, __builtin_shufflevector(lo01, lo23, 0, 1, 4, 5));
                store<v4>(out + (k + 1) * ldp, __builtin_shufflevector(lo01, lo23, 2, 3, 6, 7));
                store<v4>(out + (k + 2) * ldp, __builtin_shufflevector(hi01, hi23, 0, 1, 4, 5));
                store<v4>(out + (k + 3) * ldp, __builtin_shufflevector(hi01, hi23, 2, 3, 6, 7));
            }
            for (int jj = 0; jj < 4; ++jj)
                for (int k = k4; k < kc; ++k) out[k * ldp + jj] = c[jj * sbn + k];
        }
    }
    for (int j = j0; j < w; ++j) {
        const float* col = B + (n + j) * sbn + k0 * sbk;
        for (int k = 0; k < kc; ++k) panel[k * ldp + j] = col[k * sbk];
    }
}

void gemm(int M, int N, int K, const float* A, ptrdiff_t sam, ptrdiff_t sak, const float* B, ptrdiff_t sbk,
          ptrdiff_t sbn, float* C, ptrdiff_t ldc, bool accumulate) {
    if (M <= 0 || N <= 0) return;
    if (K <= 0) {
        if (!accumulate) for (int m = 0; m < M; ++m) std::memset(C + m * ldc, 0, sizeof(float) * N);
        return;
    }
    constexpr int NR = kLanes * kNV, NRS = kLanes * kSparseNV;
    // The two main kernels are called through volatile pointers so that the WebAssembly optimiser cannot
    // inline them into this function: inlined, V8 compiled the dense kernel about 30 % slower.
    static void (*volatile dense_kernel)(int, int, const float*, ptrdiff_t, ptrdiff_t, const float*, ptrdiff_t,
                                         float*, ptrdiff_t, bool) = strip<Vec, kNV>;
    static void (*volatile sparse_kernel)(int, const int*, const Term*, const float*, float*, ptrdiff_t, bool) =
        sparse_strip<Vec, kSparseNV>;
    static thread_local std::vector<float> panel;
    static thread_local std::vector<int> start;
    static thread_local std::vector<Term> terms;
    // The panel starts on a 64-byte boundary: with malloc's 16-byte alignment, AVX-512 loads of a panel
    // row crossed cache lines depending on the heap's state (native sparse kernel up to 30 % slower).
    panel.resize(static_cast<size_t>(kKC) * (NR > NRS ? NR : NRS) + 16);
    float* P = panel.data() + (16 - (reinterpret_cast<uintptr_t>(panel.data()) / sizeof(float)) % 16) % 16;
    for (int k0 = 0; k0 < K; k0 += kKC) {
        const int kc = K - k0 < kKC ? K - k0 : kKC;
        const bool load_c = accumulate || k0 > 0;
        const float* Ak = A + k0 * sak;
        // ReLU activations, dropout and the masked errors make A mostly zeros: list each row's nonzeros
        // (ascending k) and use the sparse kernel when they are few enough. Not when accumulating into
        // the caller's C, which might hold -0 (then skipping a +0 term would change the result).
        bool sparse = false;
        if (!accumulate) {
            start.resize(static_cast<size_t>(M) + 1);
            terms.resize(static_cast<size_t>(M) * kc);
            int* st = start.data();
            Term* tw = terms.data();
            int nnz = 0;
            for (int m = 0; m < M; ++m) {
                st[m] = nnz;
                const float* a = Ak + m * sam;
                for (int k = 0; k < kc; ++k) {
                    const float x = a[k * sak];
                    tw[nnz] = Term{k * NRS, x};   // row k of a panel (every sparse panel has row stride NRS)
                    nnz += x != 0.0f;
                }
            }
            st[M] = nnz;
            sparse = nnz <= kSparseMax * static_cast<double>(M) * kc;
        }
        if (sparse) {   // strips across all of N (each packs its own panel: no n blocks needed)
            const int* st = start.data();
            const Term* tr = terms.data();
            int n = 0;
            for (; n + NRS <= N; n += NRS) {
                pack(B, sbk, sbn, k0, kc, n, NRS, P, NRS);
                sparse_kernel(M, st, tr, P, C + n, ldc, load_c);
            }
            if (kSparseNV > 4 && n + 4 * kLanes <= N) {
                pack(B, sbk, sbn, k0, kc, n, 4 * kLanes, P, NRS);
                sparse_strip<Vec, 4>(M, st, tr, P, C + n, ldc, load_c);
                n += 4 * kLanes;
            }
            if (kSparseNV > 2 && n + 2 * kLanes <= N) {
                pack(B, sbk, sbn, k0, kc, n, 2 * kLanes, P, NRS);
                sparse_strip<Vec, 2>(M, st, tr, P, C + n, ldc, load_c);
                n += 2 * kLanes;
            }
            for (; n + kLanes <= N; n += kLanes) {
                pack(B, sbk, sbn, k0, kc, n, kLanes, P, NRS);
                sparse_strip<Vec, 1>(M, st, tr, P, C + n, ldc, load_c);
            }
            for (; n < N; ++n) {
                pack(B, sbk, sbn, k0, kc, n, 1, P, NRS);
                sparse_strip<float, 1>(M, st, tr, P, C + n, ldc, load_c);
            }
            continue;
        }
        for (int n0 = 0; n0 < N; n0 += kNC) {
            const int nend = N - n0 < kNC ? N : n0 + kNC;
            int n = n0;
            for (; n + NR <= nend; n += NR) {
                pack(B, sbk, sbn, k0, kc, n, NR, P, NR);
                dense_kernel(M, kc, Ak, sam, sak, P, NR, C + n, ldc, load_c);
            }
            for (; n + kLanes <= nend; n += kLanes) {
                pack(B, sbk, sbn, k0, kc, n, kLanes, P, kLanes);
                strip<Vec, 1>(M, kc, Ak, sam, sak, P, kLanes, C + n, ldc, load_c);
            }
            for (; n < nend; ++n) {
                pack(B, sbk, sbn, k0, kc, n, 1, P, 1);
                strip<float, 1>(M, kc, Ak, sam, sak, P, 1, C + n, ldc, load_c);
            }
        }
    }
}

}  // namespace sleepnet::digits
