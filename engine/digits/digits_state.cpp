// sleepnet digits: network state bytes (see digits_state.h).
#include "digits/digits_state.h"

#include <cmath>
#include <cstring>

namespace sleepnet::digits {

namespace {
constexpr char kMagic[8] = {'S', 'N', 'D', 'G', 'N', 'E', 'T', '\0'};
constexpr uint32_t kVersion = 1;

void put_u32(std::vector<uint8_t>& b, uint32_t v) { for (int s = 0; s < 32; s += 8) b.push_back(uint8_t(v >> s)); }
uint32_t get_u32(const uint8_t* p) { return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24; }
void put_floats(std::vector<uint8_t>& b, const std::vector<float>& v) {
    for (float f : v) { uint32_t u; std::memcpy(&u, &f, 4); put_u32(b, u); }
}
}  // namespace

size_t encoded_network_size(const Mlp& net) {
    const MlpWeights& w = net.weights();
    size_t n = 8 + 4 + 4 + 4 * w.sizes.size();
    for (auto& W : w.W) n += 4 * W.size();
    for (auto& v : net.velocity()) n += 4 * v.size();
    return n;
}

std::vector<uint8_t> encode_network(const Mlp& net) {
    const MlpWeights& w = net.weights();
    std::vector<uint8_t> b(kMagic, kMagic + 8);
    b.reserve(encoded_network_size(net));   // one allocation: large networks are saved in the browser's heap
    put_u32(b, kVersion);
    put_u32(b, static_cast<uint32_t>(w.layers()));
    for (int s : w.sizes) put_u32(b, static_cast<uint32_t>(s));
    for (auto& W : w.W) put_floats(b, W);
    for (auto& v : net.velocity()) put_floats(b, v);
    return b;
}

std::string decode_network(const std::vector<uint8_t>& bytes, Mlp* net) {
    const char* what = "network state: ";
    if (bytes.size() < 16 || std::memcmp(bytes.data(), kMagic, 8) != 0)
        return std::string(what) + "not a sleepnet digits network (bad magic)";
    const uint32_t version = get_u32(&bytes[8]);
    if (version != kVersion)
        return std::string(what) + "version " + std::to_string(version) + " is not supported (this build reads " +
               std::to_string(kVersion) + ")";
    const uint32_t L = get_u32(&bytes[12]);
    const MlpWeights& cur = net->weights();
    if (L != static_cast<uint32_t>(cur.layers()))
        return std::string(what) + std::to_string(L) + " weight layers, but this network has " + std::to_string(cur.layers());
    if (bytes.size() < 16 + 4 * (size_t(L) + 1)) return std::string(what) + "truncated header";
    size_t pos = 16, floats = 0;
    std::string shape, mine;
    bool same = true;
    for (uint32_t i = 0; i <= L; ++i, pos += 4) {
        const uint32_t s = get_u32(&bytes[pos]);
        shape += (i ? "-" : "") + std::to_string(s);
        mine += (i ? "-" : "") + std::to_string(cur.sizes[i]);
        same = same && s == static_cast<uint32_t>(cur.sizes[i]);
        if (i > 0) floats += size_t(cur.sizes[i]) * cur.sizes[i - 1];
    }
    if (!same) return std::string(what) + "layer sizes " + shape + " differ from this network's " + mine;
    const size_t need = pos + 2 * 4 * floats;
    if (bytes.size() != need)
        return std::string(what) + (bytes.size() < need ? "truncated: " : "unexpected length: ") +
               std::to_string(bytes.size()) + " bytes, expected " + std::to_string(need);
    auto read = [&](std::vector<std::vector<float>>& dst) {
        for (int l = 0; l < cur.layers(); ++l) {
            std::vector<float> v(size_t(cur.sizes[l]) * cur.sizes[l + 1]);
            for (auto& f : v) { uint32_t u = get_u32(&bytes[pos]); std::memcpy(&f, &u, 4); pos += 4; }
            dst.push_back(std::move(v));
        }
    };
    std::vector<std::vector<float>> W, V;
    read(W);
    read(V);
    if (!all_finite(W) || !all_finite(V)) return std::string(what) + "a weight or momentum value is not a finite number";
    net->weights().W = std::move(W);
    net->velocity() = std::move(V);
    return "";
}

}  // namespace sleepnet::digits
