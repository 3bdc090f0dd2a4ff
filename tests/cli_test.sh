#!/usr/bin/env bash
# Tests the `sleepnet` command line: help, version, and clear errors with exit code 2 for bad input.
# Usage: tests/cli_test.sh "SLEEPNET_COMMAND"   (e.g. build/native/sleepnet, or "node .../sleepnet.js")
set -u
sn=$1
fails=0
expect() {  # expect CODE PATTERN -- ARGS...: exit code and a pattern in stdout+stderr
  local code=$1 pat=$2; shift 3
  local got rc
  got=$(timeout 120 $sn "$@" 2>&1); rc=$?
  if [ "$rc" != "$code" ] || ! grep -qE -- "$pat" <<<"$got"; then
    echo "FAIL: sleepnet $* -> exit $rc (want $code), output lacks /$pat/:"; echo "$got" | head -5; fails=$((fails + 1))
  else
    echo "ok: sleepnet $* -> $rc"
  fi
}
expect 0 'Commands:' -- --help
expect 0 '^sleepnet [0-9]+\.[0-9]+\.[0-9]+ ' -- version
expect 2 "unknown command 'frobnicate'" -- frobnicate
expect 2 'Usage: sleepnet' --
# Bad values get a message that names them, and exit 2 (bad usage) or 1 (a file that cannot be read).
expect 2 "unknown subcommand 'nosuch'" -- reproduce nosuch
expect 0 "sleepnet reproduce golden2022" -- reproduce --help
expect 0 "sleepnet bench forage" -- bench -h
expect 2 "needs a subcommand" -- bench
expect 2 "seeds" -- digits --seeds 0
expect 2 "protocol" -- forage --protocol nosuch
expect 2 "order" -- digits --order 0x
# -h taken as an option's value is that value, not a request for help.
expect 2 "task sequence '-h'" -- digits --order -h
expect 2 "unknown protocol '-h'" -- forage --protocol -h
expect 1 "/nonexistent" -- digits --data /nonexistent --seeds 1
# $SLEEPNET_MNIST_DIR names the data when --data does not (the wasm build did not see the shell's environment).
got=$(SLEEPNET_MNIST_DIR=/nonexistent/env-dé timeout 60 $sn digits --seeds 1 2>&1); rc=$?
if [ $rc -eq 1 ] && grep -q "'/nonexistent/env-dé/" <<<"$got" && grep -q 'named by \$SLEEPNET_MNIST_DIR' <<<"$got"; then echo "ok: SLEEPNET_MNIST_DIR -> 1"
else echo "FAIL: SLEEPNET_MNIST_DIR ignored (exit $rc): $(head -2 <<<"$got")"; fails=$((fails + 1)); fi
# Progress on a stderr that is not a terminal is plain lines, no carriage returns or escape codes.
got=$(timeout 60 $sn forage --protocol single --seeds 1 --train_aeons 2 --unsup_aeons 1 --test_aeons 1 --epochs_per_aeon 2 2>&1 >/dev/null)
if grep -q "forage single .*%" <<<"$got" && ! grep -q $'[\r\033]' <<<"$got"; then echo "ok: piped progress is plain"
else echo "FAIL: piped progress: $(head -c 200 <<<"$got" | cat -A)"; fails=$((fails + 1)); fi
# Results that cannot be written to stdout (a full disk: /dev/full) end with exit 1 and a message, not exit 0.
for cmd in "version" "forage --protocol single --seeds 1 --train_aeons 1 --unsup_aeons 1 --test_aeons 1 --epochs_per_aeon 1"; do
  got=$(timeout 60 $sn $cmd 2>&1 >/dev/full); rc=$?
  if [ $rc -eq 1 ] && grep -q "cannot write to standard output" <<<"$got"; then echo "ok: ${cmd%% --*} >/dev/full -> 1"
  else echo "FAIL: ${cmd%% --*} >/dev/full -> exit $rc: $(tail -1 <<<"$got")"; fails=$((fails + 1)); fi
done
# Threads that cannot be started leave the work to those that did (it aborted with std::system_error). 40 asked
# under a 30 MB address-space limit (8 MB of stack each): the same output as one thread. Under 150 MB most start and
# their runs then find no memory: a clear message and exit 1, not an abort. Native only: node needs more than that.
if [[ "$sn" != node* ]]; then
  args="forage --protocol single --seeds 40 --train_aeons 1 --unsup_aeons 1 --test_aeons 1 --epochs_per_aeon 1"
  o1=$( (ulimit -v 30000; timeout 120 $sn $args --threads 40 2>/dev/null) ); rc=$?
  o2=$(timeout 120 $sn $args --threads 1 2>/dev/null)
  if [ $rc -eq 0 ] && [ -n "$o1" ] && [ "$o1" == "$o2" ]; then echo "ok: threads that cannot start"
  else echo "FAIL: 40 threads under ulimit -v 30000: exit $rc, output $( [ "$o1" == "$o2" ] && echo same || echo differs)"; fails=$((fails + 1)); fi
  got=$( (ulimit -v 150000; timeout 120 $sn $args --threads 40 2>&1 >/dev/null) ); rc=$?
  if { [ $rc -eq 0 ] || { [ $rc -eq 1 ] && grep -q "out of memory; use fewer --threads" <<<"$got"; }; }; then echo "ok: many threads, little memory -> $rc"
  else echo "FAIL: 40 threads under ulimit -v 150000: exit $rc: $(grep -v % <<<"$got" | tail -1)"; fails=$((fails + 1)); fi
fi
# Stdout holds results only: a rerun prints the same bytes (the wall time is on stderr, "done in N s").
for cmd in "forage --protocol sleep_t2 --seeds 2 --train_aeons 3 --unsup_aeons 1 --test_aeons 1 --interleave_aeons 2 --epochs_per_aeon 2" \
           "reproduce golden2022 --seeds 1 --train_aeons 2 --unsup_aeons 1 --test_aeons 1 --interleave_aeons 2 --epochs_per_aeon 2"; do
  o1=$(timeout 120 $sn $cmd 2>/dev/null); o2=$(timeout 120 $sn $cmd 2>&1 >/dev/null)
  o3=$(timeout 120 $sn $cmd 2>/dev/null)
  if [ -n "$o1" ] && [ "$o1" == "$o3" ] && grep -q "done in [0-9.]* s" <<<"$o2"; then echo "ok: ${cmd%% --*}: stdout identical on a rerun"
  else echo "FAIL: ${cmd%% --*}: stdout differs on a rerun, or no time on stderr: $(diff <(echo "$o1") <(echo "$o3") | head -3)"; fails=$((fails + 1)); fi
done
expect 0 "warning: in 4 test\(s\) no task particle was eaten" -- forage --protocol single --seeds 2 --train_aeons 1 --unsup_aeons 1 --test_aeons 1 --epochs_per_aeon 1
expect 0 "reproduce golden2022: warning: in [0-9]+ test\(s\) no task particle was eaten" -- reproduce golden2022 --seeds 1 --threads 1 --train_aeons 1 --unsup_aeons 0 --test_aeons 1 --interleave_aeons 2 --epochs_per_aeon 1
# --protocols runs a subset of the reproduction: its rows are the full run's rows for those protocols, to the digit.
rg="reproduce golden2022 --seeds 2 --threads 1 --train_aeons 3 --unsup_aeons 1 --test_aeons 2 --interleave_aeons 3 --epochs_per_aeon 10"
tmpd=$(mktemp -d)
full=$(timeout 120 $sn $rg 2>/dev/null | tr -s ' ')
part=$(timeout 120 $sn $rg --protocols freeze5,t1_t2_sleep_t1,naive_sleep --json "$tmpd/p.json" 2>/dev/null | tr -s ' ')
rows=$(grep -E "(Task 1|Task 2) " <<<"$part")
# Rows all at the 0.5 placeholder (no particle eaten) would match whatever was run: some must differ from it.
if [ "$(wc -l <<<"$rows")" -eq 6 ] && [ "$(grep -c -F -x -f <(echo "$rows") <<<"$full")" -eq 6 ] && grep -q "^protocols: freeze5,naive_sleep,t1_t2_sleep_t1" <<<"$part" \
   && [ "$(grep -c -v "0.500 ± 0.000" <<<"$rows")" -ge 3 ] && grep -q '"protocols":\["freeze5","naive_sleep","t1_t2_sleep_t1"\]' "$tmpd/p.json"
then echo "ok: reproduce golden2022 --protocols: the full run's rows"
else echo "FAIL: reproduce golden2022 --protocols: rows differ from the full run's, are placeholders, or the JSON lacks the list:"; echo "$part" | head -12; fails=$((fails + 1)); fi
rm -rf "$tmpd"
expect 2 "protocols ' ,' names no protocol" -- reproduce golden2022 --protocols " ,"
expect 2 "unknown protocol 'single' \(the single-task figures are sequential's tests after Task 1: use sequential\)" -- reproduce golden2022 --protocols sleep_t2,single
expect 2 "unknown protocol 'x'; valid: sequential t1_t2_sleep_t1 interleaved" -- reproduce golden2022 --protocols x
# The model keys a run changed from its preset are printed (and kept in forage's JSON).
expect 0 "changed from the preset: unsup_aeons=1&train_aeons=1&test_aeons=1&epochs_per_aeon=1&stdp_scale=0.5" -- forage --protocol single --seeds 1 --train_aeons 1 --unsup_aeons 1 --test_aeons 1 --epochs_per_aeon 1 --stdp_scale 0.5
# Settings that saturate the network (each in range) stop the run with a message and exit 1, not gigabytes.
sat="--train_aeons 2 --unsup_aeons 1 --test_aeons 1 --interleave_aeons 2 --target_dt 0.5 --rate_ema 1"
expect 1 "seed 1: the network's activity saturated" -- forage --protocol sleep_t2 --seeds 1 $sat
expect 1 "seed 1: .*saturated" -- reproduce golden2022 --seeds 1 --threads 1 $sat
# Training that diverges (a learning rate in range but far too large) stops with a message, not chance-level tables.
expect 1 "seed 1: training diverged in task 1 .*lr 10" -- digits --preset quick --order 01,23 --per_task 300 --test_limit 500 --lr 10
expect 1 "saturated" -- bench forage --aeons 1 --repeats 1 --warmup 1 --target_dt 0.5 --rate_ema 1
# An option given twice with different values is refused (which one was meant?); the same value twice is fine.
expect 2 "'--seeds' is given twice \('1' and '3'\)" -- forage --seeds 1 --protocol single --seeds=3
expect 2 "'--sleep' is given twice" -- digits --sleep --sleep 0
expect 2 "'--order' is given twice \('01' and '1'\)" -- digits --order 01 --order 1
expect 0 "final accuracy" -- digits --preset quick --order 01 --per_task 50 --test_limit 100 --hidden 8,8 --lr 0.1 --lr 0.10
# Keys the chosen condition does not use are named, not silently ignored.
expect 0 "note: --src_inc has no effect: there is no sleep" -- digits --preset quick --order 01 --per_task 50 --test_limit 100 --sleep 0 --hidden 8,8 --src_inc 5
expect 0 "after T1" -- forage --protocol single --seeds 1 --seeds 1 --unsup_aeons 1 --train_aeons 1 --test_aeons 1 --epochs_per_aeon 2
# An output file that cannot be written is reported before the run (exit 1, "nothing was run"), for every command
# that writes one; reproduce golden2022 has no --csv (it would be ignored), so it rejects it.
expect 1 "cannot write '/nonexistent/x.json'.*nothing was run" -- reproduce golden2022 --seeds 1 --json /nonexistent/x.json
expect 1 "cannot write '/nonexistent/x.json'.*nothing was run" -- reproduce tadros2022 --seeds 1 --json /nonexistent/x.json
expect 1 "cannot write '/nonexistent/x.json'.*nothing was run" -- bench digits --json /nonexistent/x.json
expect 1 "cannot write '/nonexistent/x.csv'.*nothing was run" -- digits --preset quick --csv /nonexistent/x.csv
expect 1 "cannot write '/nonexistent/x.csv'.*nothing was run" -- forage --protocol single --csv /nonexistent/x.csv
expect 2 "csv" -- reproduce golden2022 --seeds 1 --csv x.csv
# The check leaves an existing file alone when the run then fails for another reason, and leaves no file behind.
tmpd=$(mktemp -d)
echo keep > "$tmpd/old.json"
expect 2 "protocol" -- forage --protocol nosuch --json "$tmpd/old.json"
[ "$(cat "$tmpd/old.json")" = keep ] || { echo "FAIL: an existing output file was changed"; fails=$((fails + 1)); }
expect 1 "/nonexistent" -- digits --data /nonexistent --json "$tmpd/new.json"
[ ! -e "$tmpd/new.json" ] || { echo "FAIL: the output check left $tmpd/new.json behind"; fails=$((fails + 1)); }
rm -rf "$tmpd"
# A named pipe as the output is written, not probed (opening a FIFO to probe it waited forever for a writer).
# Native only: node's file system (the wasm build's) cannot write a FIFO and says so ("I/O error", exit 1).
if [[ "$sn" != *node* ]]; then
tmpd=$(mktemp -d)
mkfifo "$tmpd/pipe"
cat "$tmpd/pipe" > "$tmpd/got" & catpid=$!
expect 0 "final accuracy" -- digits --preset quick --order 01 --per_task 50 --test_limit 100 --sleep 0 --hidden 8,8 --json "$tmpd/pipe"
for _ in $(seq 50); do kill -0 $catpid 2>/dev/null || break; sleep 0.1; done   # a hung run leaves cat waiting
kill $catpid 2>/dev/null; wait $catpid 2>/dev/null
grep -q '"command":"digits"' "$tmpd/got" || { echo "FAIL: nothing came through the pipe"; fails=$((fails + 1)); }
rm -rf "$tmpd"
fi
# An option without a value is an error, never a silent 1; a value holding '=' stays whole.
expect 2 "'--per_task'.*needs a value" -- digits --preset quick --per_task
expect 2 "'--json'.*needs a value" -- forage --protocol single --json --seeds 1
expect 1 "cannot .*'/nonexistent/a=b/" -- digits --data /nonexistent/a=b --seeds 1
expect 2 "beyond what a double holds" -- digits --lr 1e-400
# Two outputs naming one file are refused before the run.
expect 1 "same file 'same.out'.*nothing was run" -- digits --preset quick --json same.out --csv ./same.out
# A network beyond the memory caps gets a message (it used to abort on a failed allocation).
expect 2 "hidden.*limit" -- digits --hidden 100000,100000
# Keys a command sets itself are not accepted (they used to be silently overridden).
expect 2 "'--sleep=0'.*unknown setting" -- reproduce tadros2022 --sleep 0
expect 2 "joint_max_epochs 1 is below" -- reproduce tadros2022 --joint_max_epochs 1
expect 2 "'--train_aeons=5'.*unknown setting" -- bench forage --train_aeons 5
expect 2 "'--epochs_per_aeon=1'.*unknown setting" -- bench forage --epochs_per_aeon 1
expect 0 "--stdp_scale .*default 2\)" -- bench forage -h
# Running out of memory (here under a 1.5 GB address-space limit: four threads of 5000x5000 networks) is a
# message and exit 1, not an abort from a worker thread. Native only (the wasm heap has its own limit).
if [[ "$sn" != *node* ]]; then
  got=$( (ulimit -v 1500000; $sn digits --order 01 --per_task 50 --test_limit 100 --sleep 0 --hidden 5000,5000 --seeds 4 --threads 4) 2>&1); rc=$?
  if [ $rc -eq 1 ] && grep -q "out of memory; use fewer --threads" <<<"$got"; then echo "ok: out of memory -> 1"
  else echo "FAIL: out of memory -> exit $rc:"; echo "$got" | tail -3; fails=$((fails + 1)); fi
fi
expect 0 "usage: sleepnet version" -- version --help
expect 0 "Commands:" -- help help
# help NAME is NAME --help; version takes nothing.
expect 0 "usage: sleepnet digits" -- help digits
expect 2 "takes no options" -- version extra
# A valid data set without digits 0 and 1: bench digits (which trains them) says so instead of crashing.
tmpd=$(mktemp -d)
idx() {  # idx FILE MAGIC_LAST_BYTE COUNT [ROWS COLS]: an IDX header; the body is appended by the caller
  { printf '\x00\x00\x08'; printf "\\x$(printf %02x "$2")"; printf "\\x00\\x00\\x00\\x$(printf %02x "$3")"
    [ $# -gt 3 ] && printf "\\x00\\x00\\x00\\x$(printf %02x "$4")\\x00\\x00\\x00\\x$(printf %02x "$5")"; } > "$1"
}
for set in train t10k; do
  idx "$tmpd/$set-images-idx3-ubyte" 3 2 28 28; head -c 1568 /dev/zero >> "$tmpd/$set-images-idx3-ubyte"
  idx "$tmpd/$set-labels-idx1-ubyte" 1 2; printf '\x02\x03' >> "$tmpd/$set-labels-idx1-ubyte"
done
expect 1 "task 1 has no training images.*benchmark trains digits 0 and 1" -- bench digits --repeats 1 --batches 1 --sleep_steps 1 --data "$tmpd"
expect 2 "task 1 has no training images" -- digits --data "$tmpd" --order 01
# The published numbers stand beside another protocol only with the change named; one seed has no SD (null, not 0).
expect 0 "changed from the paper protocol: order=23&per_task=5&hidden=8,8" -- reproduce tadros2022 --data "$tmpd" --order 23 --per_task 5 --hidden 8,8 --seeds 1 --joint_max_epochs 2 --json "$tmpd/r.json"
grep -q '"measure":"final accuracy (%)","paper":48.47,"mean":[0-9.]*,"sd":null' "$tmpd/r.json" || { echo "FAIL: one seed's SD is not null"; fails=$((fails + 1)); }
expect 2 "task 2 has no test images among the first 1" -- digits --data "$tmpd" --order 2,3 --test_limit 1
# per_task and test_limit beyond the data: the run says how many images it used.
expect 0 "training images per task: 1, 1 \(fewer than per_task 5: all the task has\)" -- digits --data "$tmpd" --order 2,3 --per_task 5 --sleep 0 --hidden 8,8
expect 0 "test images: all 2 \(test_limit 9 is more" -- digits --data "$tmpd" --order 2,3 --test_limit 9 --sleep 0 --hidden 8,8
# An output that names an input data file is refused before anything runs (it used to replace the labels).
sum0=$(cksum < "$tmpd/t10k-labels-idx1-ubyte")
expect 1 "the output '.*t10k-labels-idx1-ubyte' is an input file" -- digits --data "$tmpd" --order 23 --csv "$tmpd/./t10k-labels-idx1-ubyte"
expect 1 "is an input file" -- reproduce tadros2022 --data "$tmpd" --json "$tmpd/train-images-idx3-ubyte"
ln "$tmpd/t10k-labels-idx1-ubyte" "$tmpd/hardlink"   # another name for the same file
expect 1 "the output '.*hardlink' is an input file" -- digits --data "$tmpd" --order 23 --json "$tmpd/hardlink"
[ "$(cksum < "$tmpd/t10k-labels-idx1-ubyte")" = "$sum0" ] || { echo "FAIL: an input data file was changed"; fails=$((fails + 1)); }
rm -rf "$tmpd" same.out
# Every command listed by --help has its own --help and rejects an unknown option with exit 2.
cmds=$($sn --help | sed -n '/^Commands:/,/^$/p' | sed -n 's/^  \([a-z0-9]*\( [a-z0-9]*\)\?\)  .*/\1/p' | sed 's/ *$//' | grep -vE '^(version|help)$')
while IFS= read -r c; do
  [ -z "$c" ] && continue
  expect 0 '.' -- $c --help
  expect 2 'no-such-option' -- $c --no-such-option=1
done <<<"$cmds"
echo "cli: $fails failure(s)"
[ $fails -eq 0 ]
