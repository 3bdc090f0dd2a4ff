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
expect 1 "/nonexistent" -- digits --data /nonexistent --seeds 1
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
# Every command listed by --help has its own --help and rejects an unknown option with exit 2.
cmds=$($sn --help | sed -n '/^Commands:/,/^$/p' | sed -n 's/^  \([a-z0-9]*\( [a-z0-9]*\)\?\)  .*/\1/p' | sed 's/ *$//' | grep -vE '^(version|help)$')
while IFS= read -r c; do
  [ -z "$c" ] && continue
  expect 0 '.' -- $c --help
  expect 2 'no-such-option' -- $c --no-such-option=1
done <<<"$cmds"
echo "cli: $fails failure(s)"
[ $fails -eq 0 ]
