#!/bin/sh
# `oomwatch --record --textfile DIR`: every sample writes DIR/oomwatch.prom
# (renamed into place, no temporary left), complete, with oomwatch_
# metrics, the kernel events by kind, and passing `promtool check metrics`
# (SKIP of that check when promtool is absent: on PATH or $BUILD/tools);
# it is rewritten every sample; the kernel events' HELP says they are
# counted since the recorder started; --prom-top 4 lists 4 processes; a
# missing DIR is one clear line and exit 1 before any database is made. The time-to-OOM forecast: on a copy of the
# fixture /proc whose MemAvailable falls 40 MB/s toward the zones' low
# watermarks, oomwatch_forecast_mem_oom_seconds appears once the trend has
# its 20 samples, and counts down.
. "$(dirname "$0")/../lib.sh"

if [ ! -x "$OOMWATCH_BIN" ]; then
	skip "recorder textfile" "oomwatch not built"
	exit 0
fi
dir="$T_TMP/tf"
mkdir "$dir"
prom="$dir/oomwatch.prom"
"$OOMWATCH_BIN" --record -d 0.2 --db "$T_TMP/h.db" --textfile "$dir" --prom-top 4 2>"$T_TMP/err" &
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
check "their HELP: counted since the recorder started" grep -q \
	"^# HELP oomwatch_kernel_events_total Kernel events the recorder read in the log since it started" "$prom"
check "the top 4 processes (--prom-top 4)" [ "$(grep -c '^oomwatch_process_oom_score{' "$prom")" = 4 ]
check "no timestamps" [ -z "$(grep -v '^#' "$prom" | sed 's/{.*}//' | awk 'NF > 2')" ]
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
# the forecast: a fixture /proc whose MemAvailable falls steadily
if command -v python3 >/dev/null 2>&1; then
	fp="$T_TMP/proc"
	cp -a "$TOP/tests/fixtures/proc/basic" "$fp"
	mkdir "$T_TMP/tf2"
	# low watermarks of the fixture's zoneinfo: 84592 kB; at that floor
	# 300 MB above it, falling 40 MB/s, for 12 s at most
	python3 - "$fp/meminfo" <<'PY' &
import os, re, sys, time
p = sys.argv[1]
src = open(p).read()
t0 = time.time()
while time.time() - t0 < 12:
    v = max(84592, 84592 + 300000 - int(40000 * (time.time() - t0)))
    s = re.sub(r"MemAvailable:\s+\d+ kB", "MemAvailable:   %d kB" % v, src)
    open(p + ".t", "w").write(s)
    os.rename(p + ".t", p)
    time.sleep(0.02)
PY
	wr=$!
	own_pid "$wr"
	"$OOMWATCH_BIN" --record -d 0.1 --proc-root "$fp" --kmsg-file /dev/null \
		--db "$T_TMP/h3.db" --textfile "$T_TMP/tf2" 2>"$T_TMP/err3" &
	rec=$!
	own_pid "$rec"
	p2="$T_TMP/tf2/oomwatch.prom"
	fc() { sed -n 's/^oomwatch_forecast_mem_oom_seconds \([0-9][0-9]*\)$/\1/p' "$p2" 2>/dev/null; }
	check "forecast: oomwatch_forecast_mem_oom_seconds appears" wait_until 6 sh -c '[ -n "$(sed -n "s/^oomwatch_forecast_mem_oom_seconds \([0-9][0-9]*\)\$/\1/p" "$1" 2>/dev/null)" ]' sh "$p2"
	f1=$(fc)
	check "forecast: a few seconds ahead ($f1 s)" [ "${f1:-99}" -le 8 ]
	sleep 1.5
	f2=$(fc)
	check "forecast: counts down ($f1 s, then $f2 s)" [ -n "$f2" ] && [ "$f2" -lt "${f1:-0}" ]
	kill -TERM "$rec"
	wait "$rec"
	check "forecast: recorder exits 0" [ $? = 0 ]
	kill "$wr" 2>/dev/null
	wait "$wr" 2>/dev/null
else
	skip "forecast in the textfile" "python3 missing"
fi
t_done
