// sleepnet app: the Embind API for the page's JavaScript and the browser tests.
//   Module.status()            {version, buildType, simd, platform, frames, fps, data, message, glError, overflowPx, tooltip,
//                               playing, speed, scenario, query, commands, done, frameMedianMs, frameP95Ms, engineMedianMs, engineP95Ms,
//                               typing (a text field takes the keys, as of the last frame)}
//   Module.runs()              [{label, stage, sleeping, done, progress, work, old, new, oldLabel, newLabel,
//                                accuracyMatrix: [[...]] | null, finalAccuracy, results: [...]}]
//   Module.notices()           [{key, value, message}]  (settings that were not understood)
//   Module.resultsJson()       the results, as the JSON export (the CLI's schema)
//   Module.exportResults(fmt)  "json" | "csv" | "png" | "net": triggers a download, returns the message
//   Module.widgetRect(name)    {x, y, w, h, text, tip, enabled} in canvas pixels (device pixels unless the drawing
//                              buffer is capped) where the control was drawn last frame, or null; text: what it
//                              shows (where set: a combo's choice, a checkbox's "on"/"off"), tip: its tooltip
//                              ("play", "speed", "seed", "tasks", "task presets", "learner", "schedule",
//                              "sleep steps", "protocol", "scale"; "panel": the controls' content box)
//   Module.setPlaying(bool), Module.setSpeed(0..4), Module.applySettings("key=value&...") -> notice text
//   Module.openLink("#key=value&...")  the hash as a link: its keys on the defaults (index.html: hashchange)
#include <emscripten/bind.h>

#include <cmath>

#include "app.h"
#include "digits/digits_run.h"
#include "forage/forage_run.h"
#include "imgui.h"

using namespace emscripten;
using namespace sleepnet;
using sleepnet::app::the_app;

static val num(double v) { return std::isnan(v) ? val::null() : val(v); }

static val status() {
    const auto& s = the_app().status();
    const Experiment& e = the_app().experiment();
    val o = val::object();
    o.set("version", s.version);
    o.set("buildType", s.build_type);
    o.set("simd", s.simd);
    o.set("platform", s.platform);
    o.set("frames", static_cast<double>(s.frames));
    o.set("fps", s.fps);
    o.set("data", s.data);
    o.set("message", s.message);
    o.set("glError", s.gl_error);
    o.set("overflowPx", s.overflow_px);
    o.set("tooltip", s.tooltip);
    o.set("playing", the_app().playing());
    o.set("typing", ImGui::GetCurrentContext() != nullptr && ImGui::GetIO().WantTextInput);
    o.set("speed", the_app().speed());
    o.set("scenario", e.settings().scenario);
    o.set("query", the_app().query());
    val commands = val::array();
    for (const auto& c : the_app().commands()) commands.call<void>("push", c);
    o.set("commands", commands);
    o.set("done", e.run_count() > 0 && e.done());
    o.set("frameMedianMs", the_app().frame_ms_median());
    o.set("frameP95Ms", the_app().frame_ms_p95());
    o.set("engineMedianMs", the_app().engine_ms_median());
    o.set("engineP95Ms", the_app().engine_ms_p95());
    return o;
}

static val runs() {
    Experiment& e = the_app().experiment();
    val a = val::array();
    for (int i = 0; i < e.run_count(); ++i) {
        ScenarioRun& r = e.run(i);
        Headline h = r.headline();
        val o = val::object();
        o.set("label", e.run_label(i));
        o.set("stage", e.stage_label(i));
        o.set("sleeping", r.sleeping());
        o.set("done", r.done());
        o.set("progress", r.progress());
        o.set("work", static_cast<double>(r.work()));
        o.set("old", h.old_task);
        o.set("new", h.new_task);
        o.set("oldLabel", h.old_label);
        o.set("newLabel", h.new_label);
        o.set("sample", h.sample);   // > 0: the figures are estimates on this many test images; 0: exact
        if (auto* d = r.digits()) {
            const auto& R = d->accuracy();
            val m = val::array();
            for (int t = 0; t < R.tasks; ++t) {
                val row = val::array();
                for (int k = 0; k < R.tasks; ++k) row.call<void>("push", num(R.at(t, k)));
                m.call<void>("push", row);
            }
            o.set("accuracyMatrix", m);
            o.set("finalAccuracy", num(d->final_accuracy()));
            o.set("task", d->task());
        } else if (auto* f = r.forage()) {
            val res = val::array();
            for (auto& x : f->results()) {
                val v = val::object();
                v.set("checkpoint", x.checkpoint);
                v.set("task", x.task + 1);
                v.set("score", x.score);
                res.call<void>("push", v);
            }
            o.set("results", res);
            o.set("aeons", static_cast<double>(f->timeline().size()));
        }
        a.call<void>("push", o);
    }
    return a;
}

static val notices() {
    val a = val::array();
    for (auto& n : the_app().notices()) {
        val o = val::object();
        o.set("key", n.key);
        o.set("value", n.value);
        o.set("message", n.message);
        a.call<void>("push", o);
    }
    return a;
}

static val widget_rect(std::string name) {
    const auto* r = the_app().widget_rect(name);
    if (!r) return val::null();
    val o = val::object();
    o.set("x", r->x);
    o.set("y", r->y);
    o.set("w", r->w);
    o.set("h", r->h);
    o.set("text", r->text);
    o.set("tip", r->tip);
    o.set("enabled", r->enabled);
    return o;
}

static std::string results_json() { return the_app().experiment().results_json(); }
static std::string export_results(std::string fmt) { return the_app().export_results(fmt); }
static void set_playing(bool p) { the_app().set_playing(p); }
static void set_speed(int s) { the_app().set_speed(s); }
static std::string apply_settings(std::string q) { return the_app().apply_settings(q); }
static std::string open_link(std::string hash) { return the_app().open_link(hash); }

EMSCRIPTEN_BINDINGS(sleepnet_app) {
    function("status", &status);
    function("runs", &runs);
    function("notices", &notices);
    function("widgetRect", &widget_rect);
    function("resultsJson", &results_json);
    function("exportResults", &export_results);
    function("setPlaying", &set_playing);
    function("setSpeed", &set_speed);
    function("applySettings", &apply_settings);
    function("openLink", &open_link);
}
