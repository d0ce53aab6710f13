#!/bin/sh
# Terminal test of the events view reading the recorder's database
# (persist/recload_bbox.c, app/scr_events.c, view/bbpane.c). The database
# is the recorder's own (one `--record --samples 1` sample makes the
# schema and this boot's row); this test then adds an OOM kill of this
# boot that the live kernel log does not hold (a kmsg sequence number far
# past the log's, a victim pid that is not running) with a black box: 12
# processes, 2 growers and the victim's RSS over the 30 minutes before.
# The dashboard started with --db lists the kill "(from the record)" and,
# selected, shows "before this kill": MemAvailable and swap used, the top
# processes by RSS (the largest first, the 10th but not the 11th), the
# growers and the victim's RSS chart; an action key on it is refused.
# Without a database, no kill from the record is listed.
. "$(dirname "$0")/../lib.sh"

if ! has_tmux; then
	skip "events from the record terminal test" "tmux is not installed"
	exit 0
fi
if ! command -v sqlite3 >/dev/null 2>&1; then
	skip "events from the record terminal test" \
		"the sqlite3 shell is not installed"
	exit 0
fi
BIN=$OOMWATCH_BIN
db="$T_TMP/history.db"

"$BIN" --record -d 0.05 --samples 1 --db "$db" 2>"$T_TMP/rec.err" ||
	fail "the recorder made the database" "$(cat "$T_TMP/rec.err")"
bootid=$(cat /proc/sys/kernel/random/boot_id)
now=$(($(date +%s) * 1000))
# the kill's log time: now, in usec since boot (the newest event)
up=$(awk '{printf "%.0f", $1 * 1000000}' /proc/uptime)
victim=4194000 # above any pid_max default's running process
sqlite3 "$db" <<SQL || fail "the recorded kill was written into the database"
INSERT INTO events(time_ms, boot, kind, log_time_kind, log_time_us, seq, pid,
                   json)
  SELECT $now + 1000, id, 'oom_kill', 1, $up, 999999999999, $victim,
  '{"kind": "oom_kill", "time": 1.0, "pid": $victim, "comm": "bbvictim",
    "uid": 0, "anon_rss_kb": 300000, "file_rss_kb": 1000, "shmem_rss_kb": 0,
    "oom_score_adj": 0, "constraint": "global", "tasks": [{"pid": 1}]}'
  FROM boots WHERE boot_id = '$bootid';
INSERT INTO blackbox(event_id, time_ms, mem_available_kb, swap_total_kb,
                     swap_free_kb)
  SELECT id, $now - 5000, 51200, 2097152, 1048576 FROM events
  WHERE seq = 999999999999;
WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < 12)
INSERT INTO bb_procs(bb_id, pid, start_time, comm, rss_kb, swap_kb)
  SELECT b.id, 5000 + n, 1, 'bbtop' || n, n * 10240, 0 FROM i, blackbox b;
INSERT INTO bb_procs(bb_id, pid, start_time, comm, rss_kb, swap_kb)
  SELECT id, $victim, 1, 'bbvictim', 307200, 0 FROM blackbox;
INSERT INTO bb_grew(bb_id, rank, pid, start_time, comm, rss_before_kb, rss_kb)
  SELECT id, 0, $victim, 1, 'bbvictim', 10240, 307200 FROM blackbox;
INSERT INTO bb_grew(bb_id, rank, pid, start_time, comm, rss_before_kb, rss_kb)
  SELECT id, 1, 5012, 1, 'bbgrower', 0, 122880 FROM blackbox;
WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < 30)
INSERT INTO bb_victim_rss(bb_id, time_ms, rss_kb, swap_kb)
  SELECT b.id, $now - (31 - n) * 60000, n * 10240, 0 FROM i, blackbox b;
SQL

# start ARGS: the dashboard on its events screen
start() {
	tmux_start 120 40 "$BIN -d 0.5 --no-protect $*"
	tmux_wait "F10Quit" 10 || fail "the dashboard started ($*)"
	tmux_keys 2
}

start --db "$db"
check "the recorded kill is listed from the record" \
	tmux_wait "oom_kill .*pid $victim bbvictim (from the record)" 10
tmux_keys Home
check "before this kill: MemAvailable and swap used" \
	tmux_wait "Before this kill, at .*MemAvailable 50M, swap used 1.0G" 5
check "the largest process first" \
	sh -c "tmux -S '$T_SOCK' capture-pane -p -t t | grep -q ' 5012 .*bbtop12'"
check "the victim among the top" tmux_has "$victim .*300M .*bbvictim"
check "the 10th largest is shown (the victim is one), the 11th not" \
	sh -c "tmux -S '$T_SOCK' capture-pane -p -t t | grep -qw bbtop4 &&
		! tmux -S '$T_SOCK' capture-pane -p -t t | grep -qw bbtop3"
check "who grew most" tmux_has "bbgrower"
check "the victim's RSS chart" \
	tmux_has "Victim RSS from .* to .* (pid $victim bbvictim)"
tmux_keys F9
check "an action on a kill from the record is refused" \
	tmux_wait "a kill from the record: its process is gone" 5
[ "$T_FAILS" = 0 ] || tmux_screen # what was on screen, for the log
tmux_stop

start --db "$T_TMP/none.db"
sleep 1
check "no database: no kill from the record" tmux_lacks "(from the record)"
tmux_stop
t_done
