// sleepnet core: deterministic transcendental functions.
//
// Why: std::exp/std::log come from glibc natively and from musl in WebAssembly, and may differ in the last
// bit. The engine must give identical numbers in both builds, so it uses these, which are built only from
// +, -, *, / and exact scaling (correctly rounded IEEE ops, identical everywhere with -ffp-contract=off).
// Accuracy: about 1 ulp over the ranges the engine uses; tests/unit/test_core.cpp checks it against std::.
#pragma once
#include <cstdint>
#include <cstring>

namespace sleepnet {

// det_exp's constants and its series, shared with vectorised callers (digits/src_stdp.cpp), which must
// perform exactly the same operations lane by lane. T is double or a GCC/Clang vector of doubles.
inline constexpr double kDetLn2Hi = 6.93147180369123816490e-01, kDetLn2Lo = 1.90821492927058770002e-10;
inline constexpr double kDetLog2E = 1.44269504088896338700;
// Horner form of sum r^n/n!, n = 0..13 (|r| <= 0.347, truncation error < 1e-17).
template <class T> inline T det_exp_series(T r) {
    T p = T{} + 1.0 / 6227020800.0;
    p = p * r + 1.0 / 479001600.0;
    p = p * r + 1.0 / 39916800.0;
    p = p * r + 1.0 / 3628800.0;
    p = p * r + 1.0 / 362880.0;
    p = p * r + 1.0 / 40320.0;
    p = p * r + 1.0 / 5040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    p = p * r + 1.0;
    p = p * r + 1.0;
    return p;
}

// exp(x) for doubles. Range reduction x = k ln2 + r, |r| <= ln2/2, then the degree-13 series above.
inline double det_exp(double x) {
    if (x != x) return x;
    if (x > 709.0) return 1.0 / 0.0;
    if (x < -745.0) return 0.0;
    const double k = static_cast<double>(static_cast<int64_t>(x * kDetLog2E + (x < 0 ? -0.5 : 0.5)));
    const double r = (x - k * kDetLn2Hi) - k * kDetLn2Lo;
    double p = det_exp_series(r);
    // Scale by 2^k in two exact steps so subnormal results stay exact-ish and no overflow occurs early.
    int64_t ki = static_cast<int64_t>(k);
    auto pow2 = [](int64_t e) { uint64_t bits = static_cast<uint64_t>(e + 1023) << 52; double d; std::memcpy(&d, &bits, 8); return d; };
    if (ki > 1000) { p *= pow2(1000); ki -= 1000; }
    if (ki < -1000) { p *= pow2(-1000); ki += 1000; }
    return p * pow2(ki);
}

// log(x) for positive finite doubles: x = m 2^e with m in [sqrt(1/2), sqrt(2)), then atanh series.
inline double det_log(double x) {
    if (!(x > 0.0)) return x == 0.0 ? -1.0 / 0.0 : (x - x) / 0.0;
    if (x == 1.0 / 0.0) return x;
    uint64_t bits; std::memcpy(&bits, &x, 8);
    int64_t e = static_cast<int64_t>((bits >> 52) & 0x7FF);
    if (e == 0) { x *= 0x1.0p54; std::memcpy(&bits, &x, 8); e = static_cast<int64_t>((bits >> 52) & 0x7FF) - 54; }
    e -= 1023;
    bits = (bits & 0x000FFFFFFFFFFFFFull) | 0x3FF0000000000000ull;
    double m; std::memcpy(&m, &bits, 8);
    if (m > 1.41421356237309504880) { m *= 0.5; e += 1; }
    const double s = (m - 1.0) / (m + 1.0), s2 = s * s;   // |s| <= 0.1716
    double p = 1.0 / 25.0;
    for (int n = 23; n >= 1; n -= 2) p = p * s2 + 1.0 / n;
    return static_cast<double>(e) * kDetLn2Hi + (2.0 * s * p + static_cast<double>(e) * kDetLn2Lo);
}

inline float det_expf(float x) { return static_cast<float>(det_exp(static_cast<double>(x))); }

}  // namespace sleepnet
