#!/usr/bin/env bash
# sleepnet's test command: sets up what is missing, builds everything, runs every test.
#   1. engine unit tests (doctest), native              4. the same unit tests as WebAssembly under node
#   2. the same under AddressSanitizer + UBSan          5. the CLI (native and wasm): help, errors
#   3. the desktop app under Xvfb (frames, save, open) 6. browser end-to-end tests (Chromium, playwright)
# Output of each step goes to test-output/; a summary line ends the run. Exit 0 only if all passed.
set -uo pipefail
case "${1:-}" in
  "") ;;
  -h|--help) sed -n '2,6p' "$0" | sed 's/^# \?//'; exit 0 ;;
  *) echo "test.sh: takes no options, runs every step (see --help)" >&2; exit 2 ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export NODE_PATH=/usr/share/nodejs
out="$root/test-output"
mkdir -p "$out"
passed=0; failed=0; failures=()
step() {  # step NAME COMMAND...: runs one step, logs it, counts it
  local name=$1; shift
  local t0=$SECONDS
  printf '== %s\n' "$name"
  if "$@" >"$out/$name.log" 2>&1; then
    passed=$((passed + 1)); printf '   ok (%ds)\n' $((SECONDS - t0))
  else
    failed=$((failed + 1)); failures+=("$name"); printf '   FAILED (%ds), last lines of test-output/%s.log:\n' $((SECONDS - t0)) "$name"
    tail -n 25 "$out/$name.log" | sed 's/^/   | /'
  fi
}
bash scripts/setup.sh || { echo "setup failed"; exit 1; }

step build-native  bash -c 'cmake --preset native && cmake --build --preset native'
step unit-native   build/native/sleepnet_tests --no-colors
step cli-native    bash tests/cli_test.sh build/native/sleepnet
step build-asan    bash -c 'cmake --preset asan && cmake --build --preset asan --target sleepnet_tests'
step unit-asan     env ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 build/asan/sleepnet_tests --no-colors
step desktop-app   bash tests/desktop_test.sh build/native/sleepnet_app test-output
step build-wasm    bash -c 'cmake --preset wasm && cmake --build --preset wasm'
step unit-wasm     node --no-experimental-fetch build/wasm/sleepnet_tests.js --no-colors
step cli-wasm      bash tests/cli_test.sh "node --no-experimental-fetch build/wasm/sleepnet.js"
step browser       node --test --test-concurrency=1 tests/browser/

echo
[ $failed -gt 0 ] && echo "failed steps: ${failures[*]}"
echo "summary: $passed passed, $failed failed"
[ $failed -eq 0 ]
