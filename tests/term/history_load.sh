#!/bin/sh
# Terminal test of the dashboard reading the recorder's database at start
# (app/ui_past.c, persist/recload.c). The database is the recorder's own
# (one `--record --samples 1` sample makes the schema and this boot's row);
# this test then adds 40 minutes of past samples in which a process it
# started (its real pid and start time) rises from 1 MB to 200 MB. The
# dashboard started with --db and the TREND column on (a test oomwatchrc)
# shows `rising` for it within seconds, though it has run for far less
# than the 20 minutes the verdict needs, and the status line says the
# history was loaded. Without a database it says "no record" and the
# trend stays "...". The time to the first frame, with and without the
# database, goes to the log (no timing assertion).
. "$(dirname "$0")/../lib.sh"

if ! has_tmux; then
	skip "history load terminal test" "tmux is not installed"
	exit 0
fi
if ! command -v sqlite3 >/dev/null 2>&1; then
	skip "history load terminal test" "the sqlite3 shell is not installed"
	exit 0
fi
need_sleeper "history load terminal test" || exit 1
SLEEPER_OPT=-s
BIN=$OOMWATCH_BIN
db="$T_TMP/history.db"

"$BIN" --record -d 0.05 --samples 1 --db "$db" 2>"$T_TMP/rec.err" ||
	fail "the recorder made the database" "$(cat "$T_TMP/rec.err")"
sleeper owtpast 1 || fail "namedsleeper owtpast is ready"
pid=$SPID
# stat field 22 (start time): the 20th after the ")" closing the name
start=$(sed 's/.*) //' "/proc/$pid/stat" | awk '{print $20}')
bootid=$(cat /proc/sys/kernel/random/boot_id)
now=$(($(date +%s) * 1000))
sqlite3 "$db" <<SQL || fail "the past was written into the database"
INSERT INTO procs(boot, pid, start_time, first_sample, last_sample, comm)
  SELECT id, $pid, $start, 0, 0, 'ns owtpast' FROM boots
  WHERE boot_id = '$bootid';
WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < 40)
INSERT INTO samples(time_ms, boot, resolution_s, mem_available_kb)
  SELECT $now - (41 - n) * 60000, b.id, 0, 100000 FROM i, boots b
  WHERE b.boot_id = '$bootid';
INSERT INTO proc_rows(sample_id, proc_id, rss_kb, anon_kb, swap_kb)
  SELECT s.id, p.id, 1000 + (s.time_ms - ($now - 40 * 60000)) / 12,
         1000, 0
  FROM samples s JOIN procs p ON p.boot = s.boot
  WHERE p.pid = $pid AND s.mem_available_kb = 100000;
SQL

mkdir -p "$T_TMP/config/oomwatch"
printf 'columns = pid rss trend command\n' >"$T_TMP/config/oomwatch/oomwatchrc"

# start ARGS: start the dashboard; MS is the time to its first frame (the
# function-key line on screen), in ms.
start() {
	t0=$(date +%s%3N)
	tmux_start 120 30 "$BIN -d 0.5 --no-protect -p $pid $*"
	tmux_wait "F10Quit" 10 || fail "the dashboard started ($*)"
	MS=$(($(date +%s%3N) - t0))
}

start --db "$db"
echo "first frame with the database: $MS ms"
check "the status line says the history was loaded" \
	tmux_wait "history: loaded 0h4[01]m from $db" 10
check "the trend of the process is rising at once" \
	wait_until 10 sh -c "tmux -S '$T_SOCK' capture-pane -p -t t |
		grep -q '^ *$pid .*rising'"
tmux_stop

start --db "$T_TMP/none.db"
echo "first frame without a database: $MS ms"
check "no database: the status line says so" \
	tmux_wait "history: no record at $T_TMP/none.db" 10
check "no database: the trend is still learning" \
	sh -c "tmux -S '$T_SOCK' capture-pane -p -t t | grep -q '^ *$pid .*\.\.\.'"
tmux_stop

printf 'not a database at all, but long enough to be read as one\n' \
	>"$T_TMP/bad.db"
start --db "$T_TMP/bad.db"
check "a corrupt database: the status line says why" \
	tmux_wait "history: not a history database, or damaged" 10
tmux_stop
t_done
