// sleepnet core: a bundle of named byte blobs in one file (how the web build ships MNIST's four IDX files).
//
// Layout, little-endian: "SNBUNDLE" | u32 version (1) | u32 count | count x (u32 name_len, name,
// u64 size, bytes). scripts/pack_data.mjs writes it (then gzips it); the app reads it after the page has
// decompressed it. Decoding checks every length against the data, so a truncated or foreign file gets
// a clear message instead of a crash.
#pragma once
#include <string>
#include <vector>

namespace sleepnet {

struct NamedBlob { std::string name; std::vector<unsigned char> bytes; };

std::vector<unsigned char> encode_bundle(const std::vector<NamedBlob>& blobs);
// Returns "" on success, else what is wrong; *out is left empty on error.
std::string decode_bundle(const std::vector<unsigned char>& data, std::vector<NamedBlob>* out);
const NamedBlob* find_blob(const std::vector<NamedBlob>& blobs, const std::string& name);

}  // namespace sleepnet
