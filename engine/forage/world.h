// Foraging model: the world (reference A4). A 50x50 torus holding 2-pixel particles of 4 orientations
// (horizontal, vertical, positive and negative diagonal). No two particles touch (no shared side or
// corner, wrapping included). An eaten particle is replaced by one of the same type at a random free spot,
// so the density stays constant. Unsupervised worlds hold all 4 types (32 each, 10 % density with 2-pixel
// particles spread over 8 slots as in the code); task worlds hold the task's two types (63 each).
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/rng.h"

namespace sleepnet::forage {

enum ParticleType : int8_t { kHorizontal = 0, kVertical = 1, kDiagPos = 2, kDiagNeg = 3 };

struct Particle { int16_t x, y; int8_t type; };

struct World {
    int size = 50;
    std::vector<int16_t> cell;          // size*size: particle index or -1
    std::vector<Particle> particles;

    void init(int sz) { size = sz; clear(); }
    void clear();
    // Fills the world with `per_type` particles of each type whose flag is set in types[4].
    void populate(const bool types[4], int per_type, Rng& rng);
    int at(int x, int y) const { return cell[static_cast<size_t>(wrap(x) * size + wrap(y))]; }
    int wrap(int v) const { v %= size; return v < 0 ? v + size : v; }
    // Second pixel offset of a type.
    static void offset(int type, int* dx, int* dy);
    // Removes the particle at (x, y) if any, places a replacement of the same type, returns its type or -1.
    int eat(int x, int y, Rng& rng);
    int occupied() const;               // number of occupied cells
    bool touching() const;              // true if any two particles touch (invariant: never)

private:
    bool can_place(int x, int y, int type) const;
    void place(int idx, Rng& rng);
};

}  // namespace sleepnet::forage
