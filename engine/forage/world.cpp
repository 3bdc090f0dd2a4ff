// Foraging model: the torus world (see world.h).
#include "forage/world.h"

namespace sleepnet::forage {

void World::clear() {
    cell.assign(static_cast<size_t>(size) * size, -1);
    particles.clear();
}

void World::offset(int type, int* dx, int* dy) {
    static const int d[4][2] = {{1, 0}, {0, 1}, {1, 1}, {1, -1}};
    *dx = d[type][0]; *dy = d[type][1];
}

bool World::can_place(int x, int y, int type) const {
    int dx, dy; offset(type, &dx, &dy);
    // Both pixels and their 8-neighbourhoods must be free.
    for (int p = 0; p < 2; ++p) {
        const int px = x + p * dx, py = y + p * dy;
        for (int ax = -1; ax <= 1; ++ax)
            for (int ay = -1; ay <= 1; ++ay)
                if (at(px + ax, py + ay) >= 0) return false;
    }
    return true;
}

void World::place(int idx, Rng& rng) {
    Particle& p = particles[static_cast<size_t>(idx)];
    for (;;) {
        const int x = static_cast<int>(rng.below(static_cast<uint32_t>(size)));
        const int y = static_cast<int>(rng.below(static_cast<uint32_t>(size)));
        if (!can_place(x, y, p.type)) continue;
        int dx, dy; offset(p.type, &dx, &dy);
        p.x = static_cast<int16_t>(x); p.y = static_cast<int16_t>(y);
        cell[static_cast<size_t>(wrap(x) * size + wrap(y))] = static_cast<int16_t>(idx);
        cell[static_cast<size_t>(wrap(x + dx) * size + wrap(y + dy))] = static_cast<int16_t>(idx);
        return;
    }
}

void World::populate(const bool types[4], int per_type, Rng& rng) {
    clear();
    for (int t = 0; t < 4; ++t) {
        if (!types[t]) continue;
        for (int j = 0; j < per_type; ++j) {
            particles.push_back(Particle{0, 0, static_cast<int8_t>(t)});
            place(static_cast<int>(particles.size()) - 1, rng);
        }
    }
}

int World::eat(int x, int y, Rng& rng) {
    const int idx = at(x, y);
    if (idx < 0) return -1;
    Particle& p = particles[static_cast<size_t>(idx)];
    int dx, dy; offset(p.type, &dx, &dy);
    cell[static_cast<size_t>(wrap(p.x) * size + wrap(p.y))] = -1;
    cell[static_cast<size_t>(wrap(p.x + dx) * size + wrap(p.y + dy))] = -1;
    place(idx, rng);
    return p.type;
}

int World::occupied() const {
    int n = 0;
    for (int16_t c : cell) n += c >= 0;
    return n;
}

bool World::touching() const {
    for (int x = 0; x < size; ++x)
        for (int y = 0; y < size; ++y) {
            const int a = at(x, y);
            if (a < 0) continue;
            for (int ax = -1; ax <= 1; ++ax)
                for (int ay = -1; ay <= 1; ++ay) {
                    const int b = at(x + ax, y + ay);
                    if (b >= 0 && b != a) return true;
                }
        }
    return false;
}

}  // namespace sleepnet::forage
