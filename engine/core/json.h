// sleepnet core: a small streaming JSON writer and a CSV helper.
//
// One schema everywhere: the CLI's --json, the app's export and `reproduce` all write through this.
// Numbers are written with up to 10 significant digits (enough to compare runs, short enough to read).
#pragma once
#include <string>
#include <vector>

namespace sleepnet {

class JsonWriter {
public:
    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(const std::string& k);
    JsonWriter& value(const std::string& s);
    JsonWriter& value(const char* s) { return value(std::string(s)); }
    JsonWriter& value(double d);      // NaN/inf are written as null (JSON has no such numbers)
    JsonWriter& value(int i) { return value(static_cast<long long>(i)); }
    JsonWriter& value(long long i);
    JsonWriter& value(bool b);
    JsonWriter& null();
    JsonWriter& raw(const std::string& json);      // an already-encoded value
    JsonWriter& numbers(const std::vector<double>& v);
    template <class T> JsonWriter& kv(const std::string& k, const T& v) { key(k); return value(v); }
    const std::string& str() const { return out_; }

private:
    std::string out_;
    std::vector<bool> first_;       // per open container: no element written yet
    bool after_key_ = false;
    void sep();
};

std::string json_escape(const std::string& s);
std::string csv_escape(const std::string& s);
std::string fmt_num(double d);      // the writers' number format

// Writes text to a file; returns "" or an error message naming the file.
std::string write_text_file(const std::string& path, const std::string& text);
// Reads a whole file; returns "" or an error message naming the file. With max_bytes > 0, reading stops
// and the file is refused as soon as it holds more (also for pipes and endless devices).
std::string read_file(const std::string& path, std::vector<unsigned char>* bytes, double max_bytes = 0);

}  // namespace sleepnet
