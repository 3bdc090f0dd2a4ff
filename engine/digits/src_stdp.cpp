// sleepnet digits: the SRC STDP row update (see src_stdp.h). GCC/Clang vector extensions: 8 doubles per
// block (AVX-512 natively, 4 x f64x2 in WebAssembly SIMD); every lane does det_exp's exact operation sequence.
#include "digits/src_stdp.h"

#include <cmath>
#include <cstring>

#include "core/detmath.h"
#include "digits/src_sleep.h"

namespace sleepnet::digits {

typedef double vd __attribute__((vector_size(64)));
typedef int64_t vi __attribute__((vector_size(64)));
typedef float vf __attribute__((vector_size(32)));
typedef uint8_t vb __attribute__((vector_size(8)));

static inline vd splat(double x) { return vd{x, x, x, x, x, x, x, x}; }
static inline vd select(vi m, vd a, vd b) { return (vd)(((vi)a & m) | ((vi)b & ~m)); }

// det_exp (core/detmath.h) lane by lane, for |x| <= 690, where it takes no overflow, underflow or
// extra-scaling branch. Same constants, same operations, same order -> bit-identical results.
static inline vd det_exp8(vd x) {
    const vd magic = splat(0x1.8p52);                    // adding it rounds |t| < 2^51 to an integer
    const vd t = x * kDetLog2E + select(x < 0, splat(-0.5), splat(0.5));
    vd k = (t + magic) - magic;                          // round to nearest even, then toward zero:
    k = select((t >= 0) & (k > t), k - 1.0, k);          // = (double)(int64_t)t, the scalar's truncation
    k = select((t < 0) & (k < t), k + 1.0, k);
    const vd r = (x - k * kDetLn2Hi) - k * kDetLn2Lo;
    const vd p = det_exp_series(r);
    const vi ki = (vi)(k + magic) - (vi)magic;           // exact integer k in the low bits
    const vd pow2 = (vd)((ki + 1023) << 52);
    return p * pow2;
}

static inline vd g8(vd w) {
    const vd e = det_exp8(-w / 0.001);
    return 2.0 * (1.0 - 1.0 / (1.0 + e));
}

static bool all_small(const float* w, int n) {     // |w| <= 0.69 -> |w / 0.001| <= 690; NaN fails too
    int small = 1;
    for (int j = 0; j < n; ++j) small &= std::fabs(w[j]) <= 0.69f;
    return small;
}

void src_g_row(const float* w, double* g, int n) {
    const int n8 = all_small(w, n) ? n - n % 8 : 0;
    for (int j = 0; j < n8; j += 8) {
        vf wf;
        std::memcpy(&wf, w + j, sizeof wf);
        const vd gv = g8(__builtin_convertvector(wf, vd));
        std::memcpy(g + j, &gv, sizeof gv);
    }
    for (int j = n8; j < n; ++j) g[j] = src_g(w[j]);
}

void src_stdp_row_scalar(float* row, float* mirror, size_t stride, const uint8_t* pre, int n, double inc,
                         double dec) {
    for (int j = 0; j < n; ++j) {
        const double w = row[j], g = src_g(w);
        const float nw = static_cast<float>(pre[j] ? w + inc * g : w - dec * g);
        row[j] = nw;
        if (mirror) mirror[static_cast<size_t>(j) * stride] = nw;
    }
}

void src_stdp_row(float* row, float* mirror, size_t stride, const uint8_t* pre, int n, double inc, double dec) {
    if (!all_small(row, n)) { src_stdp_row_scalar(row, mirror, stride, pre, n, inc, dec); return; }
    const int n8 = n - n % 8;
    for (int j = 0; j < n8; j += 8) {
        vf wf;
        vb mb;
        std::memcpy(&wf, row + j, sizeof wf);
        std::memcpy(&mb, pre + j, sizeof mb);
        const vd w = __builtin_convertvector(wf, vd);
        const vd g = g8(w);
        const vi spiked = __builtin_convertvector(mb, vi) != 0;
        const vf nw = __builtin_convertvector(select(spiked, w + inc * g, w - dec * g), vf);
        std::memcpy(row + j, &nw, sizeof nw);
        if (mirror)
            for (int k = 0; k < 8; ++k) mirror[static_cast<size_t>(j + k) * stride] = nw[k];
    }
    src_stdp_row_scalar(row + n8, mirror ? mirror + static_cast<size_t>(n8) * stride : nullptr, stride, pre + n8,
                        n - n8, inc, dec);
}

}  // namespace sleepnet::digits
