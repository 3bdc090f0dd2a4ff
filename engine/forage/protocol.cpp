// Foraging model: the protocol table (see protocol.h).
#include "forage/protocol.h"

#include "forage/forage_params.h"

namespace sleepnet::forage {

long long Protocol::total_aeons() const {
    long long n = 0;
    for (const Stage& s : stages) n += s.aeons;
    return n;
}

bool same_stage(const Stage& a, const Stage& b) {
    return a.kind == b.kind && a.aeons == b.aeons && a.task == b.task && a.uniform == b.uniform &&
           a.rates_from_test == b.rates_from_test && a.fraction == b.fraction && a.checkpoint == b.checkpoint;
}

long long shared_prefix_aeons(const Protocol& a, const Protocol& b) {
    long long n = 0;
    for (size_t i = 0; i < a.stages.size() && i < b.stages.size() && same_stage(a.stages[i], b.stages[i]); ++i)
        n += a.stages[i].aeons;
    return n;
}

std::vector<std::string> Protocol::stage_labels() const {
    std::vector<std::string> v;
    for (const Stage& s : stages) v.push_back(stage_label(s));
    return v;
}

const std::vector<std::string>& protocol_names() {
    static const std::vector<std::string> names = {"single", "single_t2", "sequential", "interleaved", "sleep_t2",
        "t1_t2_sleep_t1", "uniform_sleep", "freeze1", "freeze5", "freeze10", "naive_sleep"};
    return names;
}

std::string protocol_summary(const std::string& n) {
    if (n == "single") return "T1 only";
    if (n == "single_t2") return "T2 only";
    if (n == "sequential") return "T1 -> T2";
    if (n == "interleaved") return "T1 -> Interleaved(T1,T2)";
    if (n == "sleep_t2") return "T1 -> Interleaved(sleep,T2)";
    if (n == "t1_t2_sleep_t1") return "T1 -> T2 -> Interleaved(sleep,T1)";
    if (n == "uniform_sleep") return "T1 -> Interleaved(uniform-noise sleep,T2)";
    if (n == "freeze1") return "T1 -> freeze top 1% -> T2";
    if (n == "freeze5") return "T1 -> freeze top 5% -> T2";
    if (n == "freeze10") return "T1 -> freeze top 10% -> T2";
    if (n == "naive_sleep") return "naive -> Interleaved(sleep,T1), T2 rates from a naive test";
    return "";
}

bool protocol_sleeps(const std::string& name) {
    Protocol pr;
    if (!make_protocol(name, ForageParams{}, &pr).empty()) return false;
    for (const Stage& s : pr.stages)
        if (s.kind == StageKind::SleepInterleave) return true;
    return false;
}

std::string stage_label(const Stage& s) {
    const char* t = s.task == 0 ? "1" : "2";
    switch (s.kind) {
        case StageKind::Unsup: return "unsupervised";
        case StageKind::FreezeHidden: return "freeze I->H";
        case StageKind::Train: return std::string("train T") + t;
        case StageKind::Test: return std::string("test T") + t;
        case StageKind::Interleave: return "Interleaved(T1,T2)";
        case StageKind::SleepInterleave:
            return std::string(s.uniform ? "Interleaved(uniform sleep,T" : "Interleaved(sleep,T") + t + ")";
        case StageKind::FreezeTop: return "freeze top " + std::to_string(static_cast<int>(s.fraction * 100 + 0.5)) + "%";
    }
    return "?";
}

std::string make_protocol(const std::string& name, const ForageParams& p, Protocol* out) {
    bool known = false;
    for (const auto& n : protocol_names()) known |= n == name;
    if (!known) {
        std::string msg = "unknown protocol '" + name + "'; valid:";
        for (const auto& n : protocol_names()) msg += " " + n;
        return msg;
    }
    Protocol pr; pr.name = name;
    auto add = [&](StageKind k, int aeons, int task = 0) { Stage s; s.kind = k; s.aeons = aeons; s.task = task; pr.stages.push_back(s); return &pr.stages.back(); };
    auto tests = [&](const std::string& cp) {
        add(StageKind::Test, p.test_aeons, 0)->checkpoint = cp;
        add(StageKind::Test, p.test_aeons, 1)->checkpoint = cp;
    };
    add(StageKind::Unsup, p.unsup_aeons);
    add(StageKind::FreezeHidden, 0);
    if (name == "naive_sleep") {
        Stage* t2 = add(StageKind::Test, p.test_aeons, 1); t2->checkpoint = "naive"; t2->rates_from_test = true;
        add(StageKind::Test, p.test_aeons, 0)->checkpoint = "naive";
        add(StageKind::SleepInterleave, p.interleave_aeons, 0);
        tests("after Interleaved(sleep,T1)");
        *out = pr; return "";
    }
    if (name == "single_t2") { add(StageKind::Train, p.train_aeons, 1); tests("after T2"); *out = pr; return ""; }
    add(StageKind::Train, p.train_aeons, 0);
    tests("after T1");
    if (name == "sequential") { add(StageKind::Train, p.train_aeons, 1); tests("after T2"); }
    else if (name == "interleaved") { add(StageKind::Interleave, p.interleave_aeons); tests("after Interleaved(T1,T2)"); }
    else if (name == "sleep_t2") { add(StageKind::SleepInterleave, p.interleave_aeons, 1); tests("after Interleaved(sleep,T2)"); }
    else if (name == "uniform_sleep") {
        add(StageKind::SleepInterleave, p.interleave_aeons, 1)->uniform = true;
        tests("after Interleaved(uniform sleep,T2)");
    } else if (name == "t1_t2_sleep_t1") {
        add(StageKind::Train, p.train_aeons, 1); tests("after T2");
        add(StageKind::SleepInterleave, p.interleave_aeons, 0); tests("after Interleaved(sleep,T1)");
    } else if (name == "freeze1" || name == "freeze5" || name == "freeze10") {
        const double f = name == "freeze1" ? 0.01 : (name == "freeze5" ? 0.05 : 0.10);
        add(StageKind::FreezeTop, 0)->fraction = f;
        add(StageKind::Train, p.train_aeons, 1); tests("after T2");
    }
    *out = pr;
    return "";
}

}  // namespace sleepnet::forage
