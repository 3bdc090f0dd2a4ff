// sleepnet digits: the network's state (weights and momentum) as bytes, for saving and loading.
//
// Layout, little-endian: "SNDGNET" + '\0', u32 version (1), u32 number of weight layers L, L+1 u32
// layer sizes, then per layer the weights (float32, row-major as MlpWeights), then per layer the
// momentum buffers. Loading checks every part and leaves the target unchanged on any error.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "digits/mlp.h"

namespace sleepnet::digits {

std::vector<uint8_t> encode_network(const Mlp& net);
size_t encoded_network_size(const Mlp& net);   // encode_network(net).size(), without encoding
// Replaces net's weights and momentum. The layer sizes in the bytes must equal net's current sizes.
std::string decode_network(const std::vector<uint8_t>& bytes, Mlp* net);

}  // namespace sleepnet::digits
