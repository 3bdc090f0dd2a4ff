// sleepnet core: seeded, splittable random numbers.
//
// Why our own: std:: distributions differ between libstdc++ (native) and libc++ (WebAssembly), and the
// engine must give the same numbers in both. Everything here is plain integer maths or exact IEEE ops.
//
// One stream per purpose: Rng::stream(seed, Stream::X) derives an independent generator, so adding a draw
// for one purpose never shifts the numbers of another (twins share data-order and init streams).
#pragma once
#include <cstdint>

namespace sleepnet {

// Stream ids. Append new ones at the end; never renumber (it would change every published result).
enum class Stream : uint64_t {
    InitWeights = 1, DataOrder = 2, Dropout = 3, SleepNoise = 4, SleepInput = 5,
    World = 6, Exploration = 7, Release = 8, Wiring = 9, Ties = 10, Misc = 11,
};

inline uint64_t splitmix64(uint64_t& x) {
    uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// xoshiro256** (Blackman & Vigna): fast, 256-bit state, good statistical quality.
struct Rng {
    uint64_t s[4];

    Rng() { reseed(1); }                 // not explicit: structs holding an Rng stay {}-initialisable
    explicit Rng(uint64_t seed) { reseed(seed); }
    void reseed(uint64_t seed) { uint64_t x = seed; for (auto& w : s) w = splitmix64(x); }

    // An independent generator for (seed, purpose[, index]); index separates e.g. seeds in a batch.
    static Rng stream(uint64_t seed, Stream purpose, uint64_t index = 0) {
        uint64_t x = seed ^ 0x6A09E667F3BCC909ull;
        uint64_t a = splitmix64(x) ^ (static_cast<uint64_t>(purpose) * 0xD1B54A32D192ED03ull);
        uint64_t b = splitmix64(a) ^ (index * 0x9E3779B97F4A7C15ull);
        return Rng(splitmix64(b));
    }

    static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    uint64_t next() {
        const uint64_t r = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45);
        return r;
    }
    uint32_t next32() { return static_cast<uint32_t>(next() >> 32); }

    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }       // [0,1)
    uint32_t next24() { return static_cast<uint32_t>(next() >> 40); }                  // the bits of uniformf
    // [0,1): next24() 2^-24, exact in float. Converting from 32 bits (the same value) is one instruction in
    // WebAssembly, where V8 converts a 64-bit integer to float slowly.
    float uniformf() { return static_cast<float>(next24()) * 0x1.0p-24f; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    bool bernoulli(double p) { return uniform() < p; }

    // Unbiased integer in [0, n) (Lemire's multiply-and-reject). n must be > 0.
    uint32_t below(uint32_t n) {
        uint64_t m = static_cast<uint64_t>(next32()) * n;
        uint32_t l = static_cast<uint32_t>(m);
        if (l < n) {
            const uint32_t t = (0u - n) % n;
            while (l < t) { m = static_cast<uint64_t>(next32()) * n; l = static_cast<uint32_t>(m); }
        }
        return static_cast<uint32_t>(m >> 32);
    }

    // Fisher-Yates shuffle of any random-access range of n elements.
    template <class T> void shuffle(T* a, uint32_t n) {
        for (uint32_t i = n; i > 1; --i) { uint32_t j = below(i); T t = a[i - 1]; a[i - 1] = a[j]; a[j] = t; }
    }
};

}  // namespace sleepnet
