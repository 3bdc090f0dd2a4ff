// sleepnet digits: task sequences (see tasks.h).
#include "digits/tasks.h"

#include "core/settings.h"

namespace sleepnet::digits {

std::vector<int> TaskSequence::seen_classes(int upto_task) const {
    std::vector<int> r;
    for (int t = 0; t <= upto_task && t < tasks(); ++t) r.insert(r.end(), classes[t].begin(), classes[t].end());
    return r;
}

std::string TaskSequence::text() const {
    std::string s;
    for (size_t t = 0; t < classes.size(); ++t) {
        if (t) s += ',';
        for (int c : classes[t]) s += char('0' + c);
    }
    return s;
}

std::string parse_task_sequence(const std::string& text, int classes, TaskSequence* out) {
    if (classes < 1 || classes > 10) return "task sequence: only 1..10 classes can be written as digits";
    const std::string shown = shown_text(text, 60);   // a long paste names its fault without filling the message
    TaskSequence seq;
    std::vector<bool> used(classes, false);
    std::vector<int> group;
    auto close_group = [&]() -> std::string {
        if (group.empty())   // named by its task number (a character position meant little: "position 21" of 11 tasks)
            return "task sequence '" + shown + "': task " + std::to_string(seq.classes.size() + 1) +
                   " is empty (commas separate tasks: two in a row, or one at either end, leave a task with no class)";
        seq.classes.push_back(group);
        group.clear();
        return "";
    };
    if (text.find_first_not_of(" \t") == std::string::npos) return "task sequence is empty (e.g. \"01,23,45,67,89\")";
    bool gap = false;   // white space since the last class digit of this task
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == ' ' || c == '\t') { gap = !group.empty(); continue; }
        // "01 23" could mean one task or two: spaces may pad tasks ("01, 23") but not split one.
        if (gap && c >= '0' && c <= '9')
            return "task sequence '" + shown + "': a space between classes; separate tasks with commas (e.g. \"01,23\")";
        gap = false;
        if (c == ',') { std::string e = close_group(); if (!e.empty()) return e; continue; }
        if (c < '0' || c > '9') {
            // The whole character, not one byte of it, when it is UTF-8 (lead byte 11xxxxxx, then 10xxxxxx).
            size_t n = 1;
            if ((static_cast<unsigned char>(c) & 0xC0) == 0xC0)
                while (i + n < text.size() && (static_cast<unsigned char>(text[i + n]) & 0xC0) == 0x80 && n < 4) ++n;
            return "task sequence '" + shown + "': '" + text.substr(i, n) + "' is not a class digit (write e.g. \"01,23,45\")";
        }
        int k = c - '0';
        if (k >= classes) return "task sequence '" + shown + "': class " + std::to_string(k) + " is outside 0.." + std::to_string(classes - 1);
        if (used[k]) return "task sequence '" + shown + "': class " + std::to_string(k) + " appears twice";
        used[k] = true;
        group.push_back(k);
    }
    std::string e = close_group();
    if (!e.empty()) return e;
    *out = std::move(seq);
    return "";
}

std::vector<int> examples_of(const LabelledImages& d, const std::vector<int>& classes, int limit) {
    bool want[256] = {};
    for (int c : classes) if (c >= 0 && c < 256) want[c] = true;
    std::vector<int> r;
    for (int i = 0; i < d.size(); ++i) {
        if (!want[d.labels[i]]) continue;
        r.push_back(i);
        if (limit > 0 && static_cast<int>(r.size()) >= limit) break;
    }
    return r;
}

}  // namespace sleepnet::digits
