// sleepnet: a binary archive for saving and loading a run's state. One function per state lists every field
// once, in a fixed order, and is called with a Writer (save) or a Reader (load):
//   template <class A> void io(A& a, State& s) { a.pod(s.count); a.vec(s.values); a.str(s.name); }
// Values are stored in the machine's byte order (little-endian on x86 and WebAssembly). The Reader never reads
// past its end: a short or corrupt blob sets ok() to false, and vectors are sized only from bytes that exist.
#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

namespace sleepnet {

struct Writer {
    std::vector<uint8_t> out;
    static constexpr bool reading = false;
    void bytes(const void* p, size_t n) { const auto* b = static_cast<const uint8_t*>(p); out.insert(out.end(), b, b + n); }
    template <class T> void pod(T& v) { static_assert(std::is_trivially_copyable_v<T>); bytes(&v, sizeof v); }
    template <class T> void vec(std::vector<T>& v) { uint64_t n = v.size(); pod(n); if (n) bytes(v.data(), n * sizeof(T)); }
    void str(std::string& s) { uint64_t n = s.size(); pod(n); bytes(s.data(), n); }
    bool ok() const { return true; }
    void fail() {}
    size_t left() const { return SIZE_MAX; }
};

struct Reader {
    const uint8_t* p; size_t n, at = 0;
    bool good = true;
    static constexpr bool reading = true;
    void bytes(void* dst, size_t k) { if (!good || k > n - at) { good = false; return; } std::memcpy(dst, p + at, k); at += k; }
    template <class T> void pod(T& v) { bytes(&v, sizeof v); }
    template <class T> void vec(std::vector<T>& v) {
        uint64_t k = 0; pod(k);
        if (!good || k > (n - at) / sizeof(T)) { good = false; return; }
        v.resize(k); if (k) bytes(v.data(), k * sizeof(T));
    }
    void str(std::string& s) {
        uint64_t k = 0; pod(k);
        if (!good || k > n - at) { good = false; return; }
        s.assign(reinterpret_cast<const char*>(p + at), k); at += k;
    }
    bool ok() const { return good; }
    void fail() { good = false; }
    size_t left() const { return n - at; }
};

}  // namespace sleepnet
