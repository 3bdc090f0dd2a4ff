// sleepnet digits: IDX reader (see idx.h).
#include "digits/idx.h"

#include <cstdio>

#include "core/json.h"

namespace sleepnet::digits {

static uint32_t be32(const uint8_t* p) {
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}

static std::string hex32(uint32_t v) {
    char b[16];
    std::snprintf(b, sizeof b, "0x%08X", v);
    return b;
}

std::string parse_idx_images(const uint8_t* bytes, size_t n, const std::string& name, LabelledImages* out) {
    if (n < 4) return name + ": too short for an IDX header (" + std::to_string(n) + " bytes)";
    const uint32_t magic = be32(bytes);
    if (magic == 0x00000801u) return name + ": is an IDX label file (magic 0x00000801), expected images (0x00000803)";
    if (magic != 0x00000803u)
        return name + ": bad magic number " + hex32(magic) + " (expected 0x00000803, 3-d unsigned-byte images)";
    if (n < 16) return name + ": too short for an IDX image header (" + std::to_string(n) + " bytes, need 16)";
    const uint32_t count = be32(bytes + 4), rows = be32(bytes + 8), cols = be32(bytes + 12);
    if (rows == 0 || cols == 0 || rows > 4096 || cols > 4096)
        return name + ": implausible image size " + std::to_string(rows) + "x" + std::to_string(cols);
    if (count == 0) return name + ": contains no images";
    if (count > 100000000u) return name + ": implausible image count " + std::to_string(count);
    const uint64_t need = 16 + uint64_t(count) * rows * cols;
    if (n < need)
        return name + ": truncated: header says " + std::to_string(count) + " images of " + std::to_string(rows) +
               "x" + std::to_string(cols) + " (" + std::to_string(need) + " bytes) but the file has " +
               std::to_string(n) + " bytes";
    if (n > need)
        return name + ": " + std::to_string(n - need) + " unexpected bytes after " + std::to_string(count) + " images";
    out->rows = int(rows);
    out->cols = int(cols);
    out->pixels.assign(bytes + 16, bytes + need);
    return "";
}

std::string parse_idx_labels(const uint8_t* bytes, size_t n, const std::string& name, int classes,
                             std::vector<uint8_t>* labels) {
    if (n < 4) return name + ": too short for an IDX header (" + std::to_string(n) + " bytes)";
    const uint32_t magic = be32(bytes);
    if (magic == 0x00000803u) return name + ": is an IDX image file (magic 0x00000803), expected labels (0x00000801)";
    if (magic != 0x00000801u)
        return name + ": bad magic number " + hex32(magic) + " (expected 0x00000801, 1-d unsigned-byte labels)";
    if (n < 8) return name + ": too short for an IDX label header (" + std::to_string(n) + " bytes, need 8)";
    const uint32_t count = be32(bytes + 4);
    if (count == 0) return name + ": contains no labels";
    const uint64_t need = 8 + uint64_t(count);
    if (n < need)
        return name + ": truncated: header says " + std::to_string(count) + " labels but the file has only " +
               std::to_string(n - 8);
    if (n > need) return name + ": " + std::to_string(n - need) + " unexpected bytes after " + std::to_string(count) + " labels";
    for (uint32_t i = 0; i < count; ++i)
        if (bytes[8 + i] >= classes)
            return name + ": label " + std::to_string(bytes[8 + i]) + " at index " + std::to_string(i) +
                   " is outside 0.." + std::to_string(classes - 1);
    labels->assign(bytes + 8, bytes + need);
    return "";
}

std::string read_idx_pair(const std::vector<uint8_t>& image_bytes, const std::string& image_name,
                          const std::vector<uint8_t>& label_bytes, const std::string& label_name, int classes,
                          LabelledImages* out) {
    LabelledImages r;
    std::string e = parse_idx_images(image_bytes.data(), image_bytes.size(), image_name, &r);
    if (e.empty()) e = parse_idx_labels(label_bytes.data(), label_bytes.size(), label_name, classes, &r.labels);
    if (!e.empty()) return e;
    const size_t images = r.pixels.size() / size_t(r.pixel_count());
    if (images != r.labels.size())
        return image_name + " has " + std::to_string(images) + " images but " + label_name + " has " +
               std::to_string(r.labels.size()) + " labels";
    *out = std::move(r);
    return "";
}

// An IDX file larger than this is refused before it is read whole (MNIST's largest is 47 MB; EMNIST's 0.55 GB).
constexpr double kMaxIdxBytes = 1e9;

// Reads dir/<a> or, if missing, dir/<b>.
static std::string read_either(const std::string& dir, const char* a, const char* b, std::vector<uint8_t>* bytes,
                               std::string* used) {
    std::string pa = dir + "/" + a, pb = dir + "/" + b;
    std::string e = read_file(pa, bytes, kMaxIdxBytes);
    if (e.empty()) { *used = pa; return ""; }
    if (read_file(pb, bytes, kMaxIdxBytes).empty()) { *used = pb; return ""; }
    *used = pa;
    return e + " (raw uncompressed IDX expected; also tried '" + pb + "')";
}

static std::string check_shapes(const DigitsData& d) {
    if (d.train.rows != d.test.rows || d.train.cols != d.test.cols)
        return "training images are " + std::to_string(d.train.rows) + "x" + std::to_string(d.train.cols) +
               " but test images are " + std::to_string(d.test.rows) + "x" + std::to_string(d.test.cols);
    return "";
}

static const char* const kIdxNames[4][2] = {{"train-images-idx3-ubyte", "train-images.idx3-ubyte"},
                                            {"train-labels-idx1-ubyte", "train-labels.idx1-ubyte"},
                                            {"t10k-images-idx3-ubyte", "t10k-images.idx3-ubyte"},
                                            {"t10k-labels-idx1-ubyte", "t10k-labels.idx1-ubyte"}};

std::vector<std::string> digits_dir_files(const std::string& dir) {
    std::vector<std::string> v;
    for (const auto& pair : kIdxNames)
        for (const char* name : pair) v.push_back(dir + "/" + name);
    return v;
}

std::string load_digits_dir(const std::string& dir, int classes, DigitsData* out) {
    const auto& names = kIdxNames;
    std::vector<uint8_t> bytes[4];
    std::string used[4];
    for (int i = 0; i < 4; ++i) {
        std::string e = read_either(dir, names[i][0], names[i][1], &bytes[i], &used[i]);
        if (!e.empty()) return e;
    }
    DigitsData d;
    d.classes = classes;
    d.source = dir;
    std::string e = read_idx_pair(bytes[0], used[0], bytes[1], used[1], classes, &d.train);
    if (e.empty()) e = read_idx_pair(bytes[2], used[2], bytes[3], used[3], classes, &d.test);
    if (e.empty()) e = check_shapes(d);
    if (!e.empty()) return e;
    *out = std::move(d);
    return "";
}

std::string load_digits_bytes(const std::vector<uint8_t>& train_images, const std::vector<uint8_t>& train_labels,
                              const std::vector<uint8_t>& test_images, const std::vector<uint8_t>& test_labels,
                              int classes, DigitsData* out) {
    DigitsData d;
    d.classes = classes;
    d.source = "bytes";
    std::string e = read_idx_pair(train_images, "train images", train_labels, "train labels", classes, &d.train);
    if (e.empty()) e = read_idx_pair(test_images, "test images", test_labels, "test labels", classes, &d.test);
    if (e.empty()) e = check_shapes(d);
    if (!e.empty()) return e;
    *out = std::move(d);
    return "";
}

}  // namespace sleepnet::digits
