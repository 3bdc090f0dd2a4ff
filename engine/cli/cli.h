// sleepnet command line: the command registry and helpers shared by the subcommands.
//
// Each subcommand lives in its own file and registers itself with a static Command object:
//     static sleepnet::cli::Command reg{"forage", "run one foraging protocol", usage, run_forage};
// Two-word names ("bench digits", "reproduce golden2022") are matched before one-word names.
#pragma once
#include <string>
#include <vector>

#include "core/settings.h"

namespace sleepnet::cli {

using Args = std::vector<std::string>;   // the words after the command name
using RunFn = int (*)(const Args&);

struct Command {
    const char* name;      // "forage" or "bench forage"
    const char* summary;   // one line for `sleepnet --help`
    const char* usage;     // full help for `sleepnet NAME --help`
    RunFn run;
    Command(const char* name, const char* summary, const char* usage, RunFn run);
};
const std::vector<const Command*>& commands();

// Exit codes.
enum : int { kOk = 0, kFail = 1, kUsage = 2 };

// Parses `args` into `table`; prints clear messages for unknown or bad keys and returns false on any.
// --help / -h print `usage` plus the table's help and set *wants_help. *parsed (if given) receives the
// key/value pairs as parsed, for commands that route them on to another table.
bool parse_settings(const char* cmd, const Args& args, SettingsTable& table, const char* usage, bool* wants_help,
                    std::vector<std::string>* positional = nullptr, std::vector<KeyValue>* parsed = nullptr);

// Checks, before a long run, that each non-empty output path can be written (a file that did not exist is
// created and removed again), and that no two name the same file. Prints "sleepnet CMD: ..." for the first
// problem; false then.
bool check_output_files(const char* cmd, const std::vector<std::string>& paths, const std::vector<std::string>& inputs = {});

// Whether a progress line is due on a stderr that is not a terminal (a log file): at each new tenth of the work, and
// at least every `every_s` seconds between (a paper-scale foraging run takes 8 minutes per tenth).
inline bool progress_line_due(int decile, int last_decile, double t, double last_t, double every_s = 60) {
    return decile != last_decile || t - last_t >= every_s;
}

// Progress on stderr: a single updating line on a terminal, a line every ~10 % (and every minute) otherwise. done() gives the wall time
// since construction there too, so that stdout holds only results (a rerun's stdout is byte-identical).
class Progress {
public:
    explicit Progress(std::string label);
    void update(double fraction, const std::string& detail = "");
    void done(const std::string& detail = "");
private:
    std::string label_;
    bool tty_;
    int last_decile_ = -1;
    double last_time_ = -1;
    double start_ = 0;
};

}  // namespace sleepnet::cli
