// sleepnet digits: the IDX file format (MNIST and look-alikes) and the labelled image sets read from it.
//
// IDX: a big-endian header (magic 0x00000803 for 3-d unsigned-byte images, 0x00000801 for 1-d labels, then
// one 32-bit size per dimension) followed by raw bytes. Pixels stay bytes in memory (a quarter of the
// size of floats: 47 MB for MNIST's 60k training images); MLP code converts a batch at a time.
// Nothing here throws: every reader returns "" or a message naming the file and the problem.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace sleepnet::digits {

// Images with labels, one byte per pixel, row-major, image i at pixels[i * rows * cols].
struct LabelledImages {
    int rows = 0, cols = 0;
    std::vector<uint8_t> pixels;
    std::vector<uint8_t> labels;
    int size() const { return static_cast<int>(labels.size()); }
    int pixel_count() const { return rows * cols; }
    const uint8_t* image(int i) const { return pixels.data() + static_cast<size_t>(i) * pixel_count(); }
};

// A data set: training and test images, labels 0..classes-1.
struct DigitsData {
    LabelledImages train, test;
    int classes = 10;
    std::string source;       // where it came from (directory, or "bytes")
};

// Parsers for in-memory IDX bytes. `name` appears in error messages (a file name, or "train images").
std::string parse_idx_images(const uint8_t* bytes, size_t n, const std::string& name, LabelledImages* out);
std::string parse_idx_labels(const uint8_t* bytes, size_t n, const std::string& name, int classes,
                             std::vector<uint8_t>* labels);

// Images and labels together; checks that the counts match. On error *out is left unchanged.
std::string read_idx_pair(const std::vector<uint8_t>& image_bytes, const std::string& image_name,
                          const std::vector<uint8_t>& label_bytes, const std::string& label_name, int classes,
                          LabelledImages* out);

// The four standard files from a directory: train-images-idx3-ubyte, train-labels-idx1-ubyte,
// t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte (also accepted: the '.' spelling "train-images.idx3-ubyte").
// Raw, uncompressed. On error *out is left unchanged.
std::string load_digits_dir(const std::string& dir, int classes, DigitsData* out);
// The files load_digits_dir may read in `dir` (both spellings of each name), e.g. to keep outputs off them.
std::vector<std::string> digits_dir_files(const std::string& dir);

// The same from bytes already in memory (the web build's asset).
std::string load_digits_bytes(const std::vector<uint8_t>& train_images, const std::vector<uint8_t>& train_labels,
                              const std::vector<uint8_t>& test_images, const std::vector<uint8_t>& test_labels,
                              int classes, DigitsData* out);

}  // namespace sleepnet::digits
