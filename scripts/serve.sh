#!/usr/bin/env bash
# sleepnet's main command: sets up what is missing, builds the web app and serves it.
#   scripts/serve.sh                 build the web app, serve it at http://localhost:8080
#   scripts/serve.sh --port 9000     another port
#   scripts/serve.sh --desktop [key=value ...]   build and start the desktop app instead
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export NODE_PATH=/usr/share/nodejs   # Debian's emcc needs it to find acorn
if [ "${1:-}" = "--desktop" ]; then
  shift
  bash scripts/setup.sh --native
  cmake --preset native >/dev/null
  cmake --build --preset native --target sleepnet_app
  exec build/native/sleepnet_app "$@"
fi
port=8080
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="${2:?--port needs a number}"; shift 2 ;;
    -h|--help) sed -n '2,5p' "$0" | sed 's/^# \?//'; exit 0 ;;
    *) echo "serve.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
bash scripts/setup.sh
cmake --preset wasm >/dev/null
cmake --build --preset wasm --target sleepnet_app mnist_bundle
exec node scripts/serve.mjs --port "$port"
