#!/usr/bin/env bash
# Tests the desktop app under a virtual display: the first frames render (a screenshot), and a network file is
# saved and opened again through the path a dropped file takes (--export net, --open), with a clear message for
# a missing, truncated or foreign file, or networks too large to save, while the app keeps running (exit 0).
# Batch runs (--frames) print refused settings and exit 1 when an export fails.
# Usage: tests/desktop_test.sh APP OUT_DIR   (e.g. build/native/sleepnet_app test-output)
set -u
app=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=$(mkdir -p "$2" && cd "$2" && pwd)
fails=0
# One virtual display for every run (xvfb-run per run once exited 5 when its clean-up failed, after a good run).
# Xvfb writes its display number to fd 3 when it is ready.
xready=$(mktemp -u); mkfifo "$xready"
Xvfb -displayfd 3 -screen 0 1400x900x24 -nolisten tcp 3>"$xready" >/dev/null 2>&1 & xvfb_pid=$!
trap 'kill $xvfb_pid 2>/dev/null' EXIT
read -r -t 30 xnum < "$xready"; rm -f "$xready"
[ -n "$xnum" ] || { echo "FAIL: Xvfb did not start"; exit 1; }
export DISPLAY=":$xnum"
run() { "$app" "$@" 2>&1; }
expect_exit() {  # expect_exit CODE PATTERN -- ARGS...: that exit code and PATTERN in the output
  local code=$1 pat=$2; shift 3
  local got rc
  got=$(run "$@"); rc=$?
  if [ $rc -ne "$code" ] || ! grep -qE -- "$pat" <<<"$got"; then
    echo "FAIL: sleepnet_app $* -> exit $rc, output lacks /$pat/:"; echo "$got" | tail -3; fails=$((fails + 1))
  else
    echo "ok: sleepnet_app $*"
  fi
}
expect() { expect_exit 0 "$@"; }   # expect PATTERN -- ARGS...: exit 0
tmp=$(mktemp -d)
cd "$tmp"
expect '^sleepnet_app \[key=value' -- -h
expect '^status:' -- --frames 30 --screenshot "$out/desktop.png"
[ -s "$out/desktop.png" ] || { echo "FAIL: no screenshot"; fails=$((fails + 1)); }
expect 'status: saved sleepnet-digits-seed1.snet' -- --frames 20 --export net
expect 'status: loaded networks from sleepnet-digits-seed1.snet' -- --frames 3 --open sleepnet-digits-seed1.snet
expect "status: Could not load 'sleepnet-digits-seed1.snet': this file holds networks for other settings" -- --frames 3 seed=2 --open sleepnet-digits-seed1.snet
head -c 1000 sleepnet-digits-seed1.snet > cut.snet
expect "status: Could not load 'cut.snet': network file is truncated. Nothing was changed." -- --frames 3 --open cut.snet
expect "status: Could not load: cannot open '$tmp/none.snet'" -- --frames 3 --open "$tmp/none.snet"
expect "status: Could not load: cannot read '$tmp': Is a directory" -- --frames 3 --open "$tmp"
# Networks whose file could not be opened again (over 256 MB) are not saved, with a message (the page's heap ran out
# building one).
expect_exit 1 "status: Not saved: these networks take 357 MB, more than the 256 MB" -- --frames 3 hidden=7000,2400 --export net
[ -z "$(find . -name '*.snet' -size +300M)" ] || { echo "FAIL: a 357 MB file was written"; fails=$((fails + 1)); }
# A network so large that one training batch outlasts any frame budget: the status line says why the page is slow.
expect "status: one step of these networks takes about [0-9]+ ms, longer than a frame" -- --frames 40 hidden=4000,4000
got=$(run --frames 40); grep -q "longer than a frame" <<<"$got" && { echo "FAIL: the default networks were called slow"; fails=$((fails + 1)); }
# --frames takes plain whole numbers from 1 (the command line's number rule); anything else exits 2 before a window opens.
for v in 0 -3 0x10 ' 5' 1.5 abc 99999999999999999999; do
  got=$("$app" --frames="$v" 2>&1); rc=$?
  [ $rc -eq 2 ] && grep -qF -- "--frames '$v' is not a whole number >= 1" <<<"$got" || { echo "FAIL: --frames '$v' -> exit $rc: $got"; fails=$((fails + 1)); }
done
# Batch runs report what the window would show: refused settings on stderr, a failed export as exit 1.
expect "settings not used:.*" -- --frames 3 lr=abc
grep -q "lr" <<<"$(run --frames 3 lr=abc)" || { echo "FAIL: the refused key lr is not named"; fails=$((fails + 1)); }
got=$(cd /proc && run --frames 3 --export json); rc=$?
[ $rc -eq 1 ] && grep -q "status: cannot write" <<<"$got" || { echo "FAIL: export into /proc -> exit $rc: $got"; fails=$((fails + 1)); }
# A second save never overwrites the first: it is numbered.
expect 'status: saved sleepnet-digits-seed1-2.snet' -- --frames 5 --export net
size=$(stat -c %s sleepnet-digits-seed1.snet)
# Without the data set nothing runs, and saving is refused: it must not overwrite a good file with an empty one.
SLEEPNET_MNIST_DIR=/nonexistent expect_exit 1 "status: Not saved: no experiment is running" -- --frames 5 --export net
# Diverged training (lr=10 is in range) stops the run, and its networks are not saved: the file could not be opened.
expect_exit 1 "status: Not saved: .*training diverged" -- --frames 100 lr=10 --export net
[ "$(stat -c %s sleepnet-digits-seed1.snet)" = "$size" ] || { echo "FAIL: a refused save changed the saved file"; fails=$((fails + 1)); }
for a in --open= --frames= '--frames 3 --frames 5' '--frames 3 --export json --export csv'; do
  got=$("$app" $a 2>&1); rc=$?
  [ $rc -eq 2 ] && grep -qE "needs a value|given twice" <<<"$got" || { echo "FAIL: sleepnet_app $a -> exit $rc: $got"; fails=$((fails + 1)); }
done
got=$(run --export png); [ $? -eq 2 ] && grep -q "use json, csv or net" <<<"$got" || { echo "FAIL: --export png accepted"; fails=$((fails + 1)); }
cd / && rm -rf "$tmp"
echo "desktop: $fails failure(s)"
[ $fails -eq 0 ]
