#include "core/settings.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <algorithm>

namespace sleepnet {

std::string url_decode(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        auto hex = [](char h) { return h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1; };
        if (c == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
            out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
            i += 2;
        } else {   // '+' stays '+': a link's fragment is not a form, and 1e+21 is how numbers print
            out += c;
        }
    }
    return out;
}

std::string url_encode(std::string_view s) {
    static const char* digits = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == ',' || c == '~')
            out += static_cast<char>(c);
        else { out += '%'; out += digits[c >> 4]; out += digits[c & 15]; }
    }
    return out;
}

std::vector<KeyValue> parse_query(std::string_view q) {
    std::vector<KeyValue> out;
    if (!q.empty() && (q[0] == '#' || q[0] == '?')) q.remove_prefix(1);
    while (!q.empty()) {
        size_t amp = q.find('&');
        std::string_view part = q.substr(0, amp);
        q = amp == std::string_view::npos ? std::string_view{} : q.substr(amp + 1);
        if (part.empty()) continue;
        size_t eq = part.find('=');
        if (eq == std::string_view::npos) out.push_back({url_decode(part), "", true});
        else out.push_back({url_decode(part.substr(0, eq)), url_decode(part.substr(eq + 1))});
    }
    return out;
}

// "name=..." with a name of letters, digits and '_' (a setting), as opposed to a value such as "/tmp/a=b".
static bool is_pair(const std::string& a) {
    const size_t eq = a.find('=');
    if (eq == std::string::npos || eq == 0) return false;
    for (size_t i = 0; i < eq; ++i) {
        const unsigned char c = static_cast<unsigned char>(a[i]);
        if (!(std::isalnum(c) || c == '_')) return false;
    }
    return true;
}

std::vector<KeyConflict> conflicting_keys(const std::vector<KeyValue>& kvs,
                                          const std::function<bool(const std::string&)>& numeric) {
    auto same = [&](const KeyValue& a, const KeyValue& b) {
        if (a.bare != b.bare) return false;
        if (a.value == b.value) return true;
        return numeric && numeric(a.key) && is_plain_number(a.value) && is_plain_number(b.value) &&
               std::strtod(a.value.c_str(), nullptr) == std::strtod(b.value.c_str(), nullptr);
    };
    std::vector<KeyConflict> out;
    for (size_t i = 0; i < kvs.size(); ++i) {
        bool seen = false;
        for (size_t j = 0; j < i && !seen; ++j) seen = kvs[j].key == kvs[i].key;
        if (seen) continue;   // judged at its first occurrence
        for (size_t j = i + 1; j < kvs.size(); ++j)
            if (kvs[j].key == kvs[i].key && !same(kvs[i], kvs[j])) {
                out.push_back({kvs[i], kvs[j]});
                break;
            }
    }
    return out;
}

std::vector<KeyValue> parse_args(const std::vector<std::string>& args, std::vector<std::string>* positional) {
    std::vector<KeyValue> out;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.rfind("--", 0) == 0) {
            std::string body = a.substr(2);
            size_t eq = body.find('=');
            if (eq != std::string::npos) out.push_back({body.substr(0, eq), body.substr(eq + 1)});
            else if (i + 1 < args.size() && args[i + 1].rfind("--", 0) != 0 && !is_pair(args[i + 1]))
                out.push_back({body, args[++i]});
            else out.push_back({body, "", true});
        } else if (a.find('=') != std::string::npos) {
            size_t eq = a.find('=');
            out.push_back({a.substr(0, eq), a.substr(eq + 1)});
        } else if (positional) {
            positional->push_back(a);
        } else {
            out.push_back({a, ""});
        }
    }
    return out;
}

// Decimal text only: strtod/strtoll would also take leading white space and (strtod) hexadecimal, so
// " 5" passed where "5 " did not, and 0x10 meant 16 for a real key but nothing for a whole-number key.
bool is_plain_number(const std::string& v) {
    if (v.empty() || std::isspace(static_cast<unsigned char>(v[0]))) return false;
    return v.find_first_of("xX") == std::string::npos;
}

// The shortest of 10..17 significant digits that reads back as the same double: a value's text is what
// links and saved files compare, so 0.1 and 0.10000000001 must not both print as "0.1".
std::string format_number(double v) {
    if (v == 0) return "0";   // -0 too: one text for one value
    char buf[64];
    for (int digits = 10; digits <= 17; ++digits) {
        std::snprintf(buf, sizeof buf, "%.*g", digits, v);
        if (std::strtod(buf, nullptr) == v) break;
    }
    return buf;
}

void SettingsTable::add_int(const char* key, int* f, int lo, int hi, const char* help) {
    entries_.push_back({key, help, "[" + std::to_string(lo) + ".." + std::to_string(hi) + "]",
        [=](const std::string& v) -> std::string {
            errno = 0; char* end = nullptr;
            long long x = std::strtoll(v.c_str(), &end, 10);
            if (!is_plain_number(v) || *end || (errno && errno != ERANGE)) return "not a whole number";
            if (errno == ERANGE || x < lo || x > hi) return "out of range: from " + std::to_string(lo) + " to " + std::to_string(hi);   // no "a..b": ImGui wraps after a dot
            *f = static_cast<int>(x); return "";
        },
        [=] { return std::to_string(*f); }});
    entries_.back().number = true;
}

void SettingsTable::add_double(const char* key, double* f, double lo, double hi, const char* help) {
    entries_.push_back({key, help, "[" + format_number(lo) + ".." + format_number(hi) + "]",
        [=](const std::string& v) -> std::string {
            errno = 0; char* end = nullptr;
            double x = std::strtod(v.c_str(), &end);
            if (!is_plain_number(v) || *end) return "not a number";
            // ERANGE with a nonzero finite result is a subnormal number: exact enough, and in range checks below.
            if (errno == ERANGE && (x == 0 || !std::isfinite(x))) return "beyond what a double holds (overflow or underflow)";
            if ((errno && errno != ERANGE) || !std::isfinite(x)) return "not a finite number";
            if (x < lo || x > hi) return "out of range: from " + format_number(lo) + " to " + format_number(hi);
            *f = x; return "";
        },
        [=] { return format_number(*f); }});
    entries_.back().number = true;
}

void SettingsTable::add_bool(const char* key, bool* f, const char* help) {
    entries_.push_back({key, help, "0|1",
        [=](const std::string& v) -> std::string {
            if (v == "1" || v == "true" || v == "on" || v == "yes") { *f = true; return ""; }
            if (v == "0" || v == "false" || v == "off" || v == "no") { *f = false; return ""; }
            return "not a boolean (use 1/0, on/off, true/false)";
        },
        [=] { return std::string(*f ? "1" : "0"); }, true});
}

void SettingsTable::add_string(const char* key, std::string* f, const char* help,
                               std::function<std::string(const std::string&)> check) {
    entries_.push_back({key, help, "text",
        [=](const std::string& v) -> std::string {
            if (check) { std::string e = check(v); if (!e.empty()) return e; }
            *f = v; return "";
        },
        [=] { return *f; }});
}

void SettingsTable::add_text(const char* key, const char* help, std::function<std::string(const std::string&)> parse,
                             std::function<std::string()> format) {
    entries_.push_back({key, help, "text", std::move(parse), std::move(format)});
}

void SettingsTable::add_choice(const char* key, std::string* f, std::vector<std::string> choices, const char* help) {
    std::string range;
    for (auto& c : choices) range += (range.empty() ? "" : "|") + c;
    entries_.push_back({key, help, range,
        [=](const std::string& v) -> std::string {
            for (auto& c : choices) if (c == v) { *f = v; return ""; }
            return "not one of " + range;
        },
        [=] { return *f; }});
}

const SettingsTable::Entry* SettingsTable::find(const std::string& key) const {
    for (auto& e : entries_) if (e.key == key) return &e;
    return nullptr;
}

void SettingsTable::remove(const std::string& key) {
    entries_.erase(std::remove_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.key == key; }), entries_.end());
}

bool SettingsTable::has(const std::string& key) const { return find(key) != nullptr; }
bool SettingsTable::is_number(const std::string& key) const { auto* e = find(key); return e && e->number; }
std::string SettingsTable::get(const std::string& key) const { auto* e = find(key); return e ? e->get() : ""; }

bool SettingsTable::set(const std::string& key, const std::string& value, std::string* error) {
    const Entry* e = find(key);
    if (!e) { if (error) *error = "unknown setting"; return false; }
    // A NUL (%00 in a URL) would end the text for the C parsers below: "7%00junk" would read as 7.
    if (value.find('\0') != std::string::npos) { if (error) *error = "contains a NUL character (%00)"; return false; }
    std::string err = e->set(value);
    if (error) *error = err;
    return err.empty();
}

bool SettingsTable::set(const KeyValue& kv, std::string* error) {
    if (!kv.bare) return set(kv.key, kv.value, error);
    const Entry* e = find(kv.key);
    if (e && e->flag) return set(kv.key, "1", error);
    if (error) *error = e ? "needs a value (--" + kv.key + " VALUE or " + kv.key + "=VALUE)" : "unknown setting";
    return false;
}

std::vector<SettingsIssue> SettingsTable::apply(const std::vector<KeyValue>& kvs) {
    std::vector<SettingsIssue> issues;
    for (auto& kv : kvs) {
        std::string err;
        if (!set(kv, &err)) issues.push_back({kv.key, kv.value, err});
    }
    return issues;
}

std::string SettingsTable::to_query() const {
    std::string out;
    for (auto& e : entries_) {
        if (!out.empty()) out += '&';
        out += url_encode(e.key);
        out += '=';
        out += url_encode(e.get());
    }
    return out;
}

std::string SettingsTable::reread() {
    std::string first;
    for (const auto& e : entries_) {
        const std::string text = e.get(), err = e.set(text);
        if (!err.empty() && first.empty()) first = e.key + "=" + text + ": " + err;
    }
    return first;
}

std::vector<std::string> SettingsTable::keys() const {
    std::vector<std::string> k;
    for (auto& e : entries_) k.push_back(e.key);
    return k;
}

std::string diff_query(const SettingsTable& now, const SettingsTable& base) {
    std::string out;
    for (auto& k : now.keys())
        if (now.get(k) != base.get(k)) out += (out.empty() ? "" : "&") + url_encode(k) + "=" + url_encode(now.get(k));
    return out;
}

std::string SettingsTable::help(int indent) const {
    size_t w = 0;
    for (auto& e : entries_) w = std::max(w, e.key.size());
    std::string out;
    for (auto& e : entries_) {
        out += std::string(indent, ' ') + "--" + e.key + std::string(w - e.key.size() + 2, ' ') + e.help +
               "  (" + e.range + ", default " + e.get() + ")\n";
    }
    return out;
}

// Text echoed back from a URL or command line: control characters (a NUL would end the text where it is drawn)
// shown as '?', and long text cut, so one bad value cannot fill the notices.
std::string shown_text(const std::string& s, size_t max_len) {
    if (max_len < s.size())   // cut before a character, not inside one (UTF-8 continuation bytes are 10xxxxxx)
        while (max_len > 0 && (static_cast<unsigned char>(s[max_len]) & 0xC0) == 0x80) --max_len;
    std::string out;
    for (size_t i = 0; i < s.size() && i < max_len; ++i)
        out += static_cast<unsigned char>(s[i]) < 0x20 || s[i] == 0x7f ? '?' : s[i];
    if (s.size() > max_len) {
        out += "... (";
        out += std::to_string(s.size());
        out += " characters)";
    }
    return out;
}

std::string format_issues(const std::vector<SettingsIssue>& issues) {
    std::string out;
    for (auto& i : issues) {
        out += '\'';
        out += shown_text(i.key, 60);
        if (!i.value.empty()) { out += '='; out += shown_text(i.value, 60); }
        out += "': ";
        out += shown_text(i.message, 300);
        out += '\n';
    }
    return out;
}

}  // namespace sleepnet
