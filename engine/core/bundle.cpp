#include "core/bundle.h"

#include <cstring>

namespace sleepnet {

static const char kMagic[8] = {'S', 'N', 'B', 'U', 'N', 'D', 'L', 'E'};

static void put_le(std::vector<unsigned char>& o, unsigned long long v, int bytes) {
    for (int i = 0; i < bytes; ++i) o.push_back(static_cast<unsigned char>(v >> (8 * i)));
}

std::vector<unsigned char> encode_bundle(const std::vector<NamedBlob>& blobs) {
    std::vector<unsigned char> o(kMagic, kMagic + 8);
    put_le(o, 1, 4);
    put_le(o, blobs.size(), 4);
    for (auto& b : blobs) {
        put_le(o, b.name.size(), 4);
        o.insert(o.end(), b.name.begin(), b.name.end());
        put_le(o, b.bytes.size(), 8);
        o.insert(o.end(), b.bytes.begin(), b.bytes.end());
    }
    return o;
}

std::string decode_bundle(const std::vector<unsigned char>& d, std::vector<NamedBlob>* out) {
    out->clear();
    size_t pos = 0;
    auto get = [&](int bytes, unsigned long long* v) {
        if (d.size() - pos < static_cast<size_t>(bytes)) return false;
        *v = 0;
        for (int i = 0; i < bytes; ++i) *v |= static_cast<unsigned long long>(d[pos + i]) << (8 * i);
        pos += bytes;
        return true;
    };
    if (d.size() < 16 || std::memcmp(d.data(), kMagic, 8) != 0) return "not a sleepnet data bundle (bad magic)";
    pos = 8;
    unsigned long long version = 0, count = 0;
    get(4, &version);
    get(4, &count);
    if (version != 1) return "unsupported data bundle version " + std::to_string(version);
    std::vector<NamedBlob> blobs;
    for (unsigned long long i = 0; i < count; ++i) {
        unsigned long long n = 0, size = 0;
        if (!get(4, &n) || d.size() - pos < n) return "data bundle truncated in entry " + std::to_string(i);
        NamedBlob b;
        b.name.assign(reinterpret_cast<const char*>(d.data() + pos), n);
        pos += n;
        if (!get(8, &size) || d.size() - pos < size) return "data bundle truncated in '" + b.name + "'";
        b.bytes.assign(d.begin() + pos, d.begin() + pos + size);
        pos += size;
        blobs.push_back(std::move(b));
    }
    if (pos != d.size()) return "data bundle has " + std::to_string(d.size() - pos) + " trailing bytes";
    *out = std::move(blobs);
    return "";
}

const NamedBlob* find_blob(const std::vector<NamedBlob>& blobs, const std::string& name) {
    for (auto& b : blobs) if (b.name == name) return &b;
    return nullptr;
}

}  // namespace sleepnet
