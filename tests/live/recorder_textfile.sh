#!/bin/sh
# `oomwatch --record --textfile DIR`: every sample writes DIR/oomwatch.prom
# (renamed into place, no temporary left), complete, with oomwatch_
# metrics, the kernel events by kind, and passing `promtool check metrics`
# (SKIP of that check when promtool is absent: on PATH or $BUILD/tools);
# it is rewritten every sample; a missing DIR is one clear line and exit 1
# before any database is made.
. "$(dirname "$0")/../lib.sh"

if [ ! -x "$OOMWATCH_BIN" ]; then
	skip "recorder textfile" "oomwatch not built"
	exit 0
fi
dir="$T_TMP/tf"
mkdir "$dir"
prom="$dir/oomwatch.prom"
"$OOMWATCH_BIN" --record -d 0.2 --db "$T_TMP/h.db" --textfile "$dir" 2>"$T_TMP/err" &
rec=$!
own_pid "$rec"
check "the file appears" wait_until 20 test -s "$prom"
m1=$(stat -c %Y.%i "$prom")
check "it is rewritten every sample" wait_until 5 sh -c '[ "$(stat -c %Y.%i "$1")" != "$2" ]' sh "$prom" "$m1"
kill -TERM "$rec"
wait "$rec"
check "recorder exits 0" [ $? = 0 ]
check "mode 0644 (node_exporter reads it)" [ "$(stat -c %a "$prom")" = 644 ]
check "no temporary file left" [ "$(ls "$dir")" = oomwatch.prom ]
check "oomwatch_ metrics" grep -q '^oomwatch_memory_available_bytes [0-9]' "$prom"
check "every sample line is oomwatch_" [ -z "$(grep -v '^#' "$prom" | grep -v '^oomwatch_')" ]
check "complete: ends with a newline" [ "$(tail -c 1 "$prom" | od -An -c | tr -d ' ')" = '\n' ]
check "kernel events by kind" grep -q '^oomwatch_kernel_events_total{kind="oom_kill"}' "$prom"
check "no timestamps" [ -z "$(grep -v '^#' "$prom" | awk 'NF > 2')" ]
PROMTOOL=$(command -v promtool 2>/dev/null)
[ -z "$PROMTOOL" ] && [ -x "$BUILD/tools/promtool" ] && PROMTOOL="$BUILD/tools/promtool"
if [ -n "$PROMTOOL" ]; then
	check "promtool check metrics" sh -c '"$1" check metrics <"$2"' sh "$PROMTOOL" "$prom"
else
	skip "promtool check metrics" "promtool not on PATH nor in \$BUILD/tools"
fi
check "no message on stderr" [ -z "$(cat "$T_TMP/err")" ]

"$OOMWATCH_BIN" --record --db "$T_TMP/h2.db" --textfile "$T_TMP/none" 2>"$T_TMP/err2"
check "missing DIR: exit 1" [ $? = 1 ]
check "missing DIR: one clear line" \
	[ "$(wc -l <"$T_TMP/err2")" = 1 ] && grep -q "textfile.*No such file" "$T_TMP/err2"
check "missing DIR: no database made" [ ! -e "$T_TMP/h2.db" ]
t_done
