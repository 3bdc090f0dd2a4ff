// sleepnet digits: class-incremental task sequences over one shared 10-way output.
//
// A sequence is written as text: groups of class digits separated by commas, in training order.
// "01,23,45,67,89" (the paper's five pairs) or "9,8,7,6,5,4,3,2,1,0" (ten one-class tasks).
// Each task trains on the first `per_task` training examples of its classes, in data-set order
// (the paper's create_class_task takes the first 5000).
#pragma once
#include <string>
#include <vector>

#include "digits/idx.h"

namespace sleepnet::digits {

struct TaskSequence {
    std::vector<std::vector<int>> classes;          // classes[t] = the classes of task t
    int tasks() const { return static_cast<int>(classes.size()); }
    std::vector<int> seen_classes(int upto_task) const;   // classes of tasks 0..upto_task
    std::string text() const;                        // back to "01,23,..."
};

// Parses the text form. Errors: empty text or group, a character that is not a digit, a class outside
// 0..classes-1, a class that appears twice. Returns "" or a message; *out is unchanged on error.
std::string parse_task_sequence(const std::string& text, int classes, TaskSequence* out);

// Indices (in data-set order) of the examples whose label is in `classes`; the first `limit` of them
// (limit <= 0: all).
std::vector<int> examples_of(const LabelledImages& d, const std::vector<int>& classes, int limit);

}  // namespace sleepnet::digits
