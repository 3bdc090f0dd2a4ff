#include "core/json.h"

#include <sys/stat.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace sleepnet {

std::string fmt_num(double d) {
    if (!std::isfinite(d)) return "null";
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.10g", d);
    return buf;
}

std::string json_escape(const std::string& s) {
    std::string o = "\"";
    for (unsigned char c : s) {
        switch (c) {
            case '"': o += "\\\""; break;
            case '\\': o += "\\\\"; break;
            case '\n': o += "\\n"; break;
            case '\r': o += "\\r"; break;
            case '\t': o += "\\t"; break;
            default:
                if (c < 0x20) { char b[8]; std::snprintf(b, sizeof b, "\\u%04x", c); o += b; }
                else o += static_cast<char>(c);
        }
    }
    return o + "\"";
}

std::string csv_escape(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string o = "\"";
    for (char c : s) { if (c == '"') o += '"'; o += c; }
    return o + "\"";
}

void JsonWriter::sep() {
    if (after_key_) { after_key_ = false; return; }
    if (!first_.empty()) {
        if (!first_.back()) out_ += ',';
        first_.back() = false;
    }
}
JsonWriter& JsonWriter::begin_object() { sep(); out_ += '{'; first_.push_back(true); return *this; }
JsonWriter& JsonWriter::end_object() { out_ += '}'; first_.pop_back(); return *this; }
JsonWriter& JsonWriter::begin_array() { sep(); out_ += '['; first_.push_back(true); return *this; }
JsonWriter& JsonWriter::end_array() { out_ += ']'; first_.pop_back(); return *this; }
JsonWriter& JsonWriter::key(const std::string& k) { sep(); out_ += json_escape(k) + ":"; after_key_ = true; return *this; }
JsonWriter& JsonWriter::value(const std::string& s) { sep(); out_ += json_escape(s); return *this; }
JsonWriter& JsonWriter::value(double d) { sep(); out_ += fmt_num(d); return *this; }
JsonWriter& JsonWriter::value(long long i) { sep(); out_ += std::to_string(i); return *this; }
JsonWriter& JsonWriter::value(bool b) { sep(); out_ += b ? "true" : "false"; return *this; }
JsonWriter& JsonWriter::null() { sep(); out_ += "null"; return *this; }
JsonWriter& JsonWriter::raw(const std::string& j) { sep(); out_ += j; return *this; }
JsonWriter& JsonWriter::numbers(const std::vector<double>& v) {
    begin_array();
    for (double d : v) value(d);
    return end_array();
}

std::string write_text_file(const std::string& path, const std::string& text) {
    FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return "cannot write '" + path + "': " + std::strerror(errno);
    size_t n = std::fwrite(text.data(), 1, text.size(), f);
    int closed = std::fclose(f);
    if (n != text.size() || closed != 0) return "cannot write '" + path + "': disk full or I/O error";
    return "";
}

std::string read_file(const std::string& path, std::vector<unsigned char>* bytes, double max_bytes) {
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return "cannot open '" + path + "': " + std::strerror(errno);
    bytes->clear();
    auto too_large = [&] {
        std::fclose(f);
        bytes->clear();
        return "'" + path + "' is more than the " + fmt_num(max_bytes / 1e6) + " MB accepted";
    };
    // A regular file's size is known: refuse before reading. (Devices and pipes are checked while reading; a
    // seek would call a directory "9e12 MB".)
    struct stat st {};
    if (max_bytes > 0 && fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && static_cast<double>(st.st_size) > max_bytes)
        return too_large();
    errno = 0;
    unsigned char buf[1 << 16];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
        bytes->insert(bytes->end(), buf, buf + n);
        if (max_bytes > 0 && bytes->size() > max_bytes) return too_large();
    }
    const bool err = std::ferror(f) != 0;
    const int code = errno;            // e.g. EISDIR when the path names a directory
    std::fclose(f);
    if (err) return "cannot read '" + path + "': " + (code ? std::strerror(code) : "I/O error");
    return "";
}

}  // namespace sleepnet
