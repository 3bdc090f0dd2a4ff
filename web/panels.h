// sleepnet app: the panels of the main window. Each draws from the App's experiment (read-only snapshots)
// and may call the App's actions. One file each: ui_controls.cpp, ui_digits.cpp, ui_forage.cpp, ui_export.cpp.
#pragma once
#include <string>

namespace sleepnet::app {
class App;

// Records where the last item was drawn, under a name the browser tests look up (Module.widgetRect), with what it
// shows and its tooltip where the tests check those.
void remember_item(App& app, const char* name, const std::string& text = "", const std::string& tip = "");

struct Panels {
    static void controls(App& app);        // play/pause/step/reset, speed, seed, scenario settings
    static void notices(App& app);         // bad URL values, errors
    static void headline(App& app);        // old-task and new-task accuracy per twin, large
    static void digits_views(App& app);    // curves, matrices, current digit, receptive fields, raster, draw pad
    static void forage_views(App& app);    // world, view, curves, weights, raster
    static void export_panel(App& app);    // JSON, CSV, PNG, networks; import
    static void about(App& app);           // papers, data credit, explanations
};

}  // namespace sleepnet::app
