// sleepnet core: key=value settings.
//
// The same keys come from the page URL (#a=1&b=2), from the desktop app's argv and from CLI flags
// (--a 1, --a=1 or a=1). A SettingsTable binds each key to a field with its range and help text.
// apply() never throws: a bad or unknown key keeps the field's current (default) value and is reported.
// A key given without a value ("#flag", a trailing "--flag") switches an on/off key on; for any other key it
// is an error ("needs a value"), never a silent 1.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace sleepnet {

struct KeyValue { std::string key, value; bool bare = false; };   // bare: the key came without a value

// "a=1&b=x%20y" -> {a:1, b:"x y"}. A leading '#' or '?' is skipped. A bare "flag" is marked bare.
std::vector<KeyValue> parse_query(std::string_view query);
// argv tail -> key/values. Accepts --key=value, --key value, key=value and bare --flag (marked bare).
// "--key WORD" takes WORD as the value unless it starts with "--" or is itself a key=value pair (a name of
// letters, digits and '_' before its '='), so "--data /tmp/a=b" keeps the path whole.
// Positional words (no '=' and no leading --) are returned in *positional if given, else reported.
std::vector<KeyValue> parse_args(const std::vector<std::string>& args, std::vector<std::string>* positional);

// A key given twice with different values (or once bare, once with a value): a command line or link that
// says two things. One per key, in order: its first occurrence and the first that differs from it. For a key
// `numeric` says holds a number, texts of the same number ("0.1" and "0.10") are the same value.
struct KeyConflict { KeyValue first, second; };
std::vector<KeyConflict> conflicting_keys(const std::vector<KeyValue>& kvs,
                                          const std::function<bool(const std::string&)>& numeric = {});

struct SettingsIssue { std::string key, value, message; };

class SettingsTable {
public:
    void add_int(const char* key, int* field, int lo, int hi, const char* help);
    void add_double(const char* key, double* field, double lo, double hi, const char* help);
    void add_bool(const char* key, bool* field, const char* help);
    void add_string(const char* key, std::string* field, const char* help,
                    std::function<std::string(const std::string&)> check = {});  // check returns "" or an error
    void add_choice(const char* key, std::string* field, std::vector<std::string> choices, const char* help);
    // A value kept in another form (e.g. a list of numbers): parse returns "" or an error; format gives the text.
    void add_text(const char* key, const char* help, std::function<std::string(const std::string&)> parse,
                  std::function<std::string()> format);

    // Applies every pair; returns one issue per rejected pair (unknown key, bad number, out of range ...).
    std::vector<SettingsIssue> apply(const std::vector<KeyValue>& kvs);
    bool set(const std::string& key, const std::string& value, std::string* error);
    bool set(const KeyValue& kv, std::string* error);  // as above; a bare key: on/off keys -> 1, else an error
    void remove(const std::string& key);             // unbinds a key (a command that fixes it itself)
    bool has(const std::string& key) const;
    bool is_number(const std::string& key) const;    // an add_int or add_double key
    std::string get(const std::string& key) const;    // current value as text
    // Sets every key from its own text, as a URL or file header carries it (numbers read back exactly), so
    // each field passes its key's checks. Returns "" or the first "key=text: error" (range, NaN, ...).
    // Not for tables with a preset key, whose setting resets the others.
    std::string reread();
    std::string to_query() const;                     // every key=value, URL-encoded, '&'-joined
    std::string help(int indent = 2) const;           // one line per key: name, range, default, help
    std::vector<std::string> keys() const;

private:
    struct Entry {
        std::string key, help, range;
        std::function<std::string(const std::string&)> set;   // returns "" or error
        std::function<std::string()> get;
        bool flag = false;                                    // an on/off key (a bare key switches it on)
        bool number = false;                                  // an int or double key
    };
    std::vector<Entry> entries_;
    const Entry* find(const std::string& key) const;
};

std::string format_number(double v);   // the shortest text (10 significant digits or more) that reads back as v
std::string format_issues(const std::vector<SettingsIssue>& issues);
// Text from a user, fit for a message (control characters as '?', cut after max_len bytes).
std::string shown_text(const std::string& s, size_t max_len);
// The key=value pairs of `now` that differ from `base` (both tables bound to structs of the same type), URL-encoded
// and '&'-joined: what a link or report needs beside a preset.
std::string diff_query(const SettingsTable& now, const SettingsTable& base);
// Text a number parser may take: not empty, no leading white space, no hexadecimal (strtod/strtol accept both).
bool is_plain_number(const std::string& v);
std::string url_encode(std::string_view s);
std::string url_decode(std::string_view s);

}  // namespace sleepnet
