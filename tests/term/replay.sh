#!/bin/sh
# Terminal test of `oomwatch --replay` (app/replay.c, persist/recreplay.c)
# on a prepared database: the recorder's own schema (one `--record
# --samples 1` sample makes it), emptied, then 30 samples 10 s apart from
# 2027-01-15 08:00:00 UTC of a boot of its own, after 40 one a minute:
# "alpha" (pid 4001) grows by 100 kB a second (the TREND column calls it
# rising), "delta" (4005) grows from 08:01:00 (younger than 20 minutes:
# its verdict and chart come from the samples before the cursor, and its
# first seen is its first row), "zeta" (4006) has rows from 08:02:00 to
# 08:03:00 and was seen ending at 08:03:30 (its detail then says it
# ended), "beta" (4002) appears at 08:03:20, the
# sample an OOM kill
# arrived with (from then on its lines, rebuilt, are in the log pane and
# the kill in the events view). The header shows the replayed time, `t` steps
# a sample (the time and alpha's RSS change), `}` jumps to the kill, `-`
# steps a minute back, and `k` and the adj keys are refused with
# "replay"; `p` plays to the newest sample and pauses; `--at boot` starts
# at the running boot's first sample with process rows (its first when
# none has: the table then says no process was recorded there). The refusals
# before the screen (no database, a corrupt one, a TIME with no sample,
# a boot not recorded) are one line on stderr and exit status 1.
. "$(dirname "$0")/../lib.sh"

need_tmux_sqlite "replay terminal test" || exit 0
BIN=$OOMWATCH_BIN
T0=1800000000000

replay_db replay-test-boot $T0
sqlite3 "$db" <<SQL || fail "the fixture was written into the database"
$(replay_samples_sql replay-test-boot 30 "4000000 - n * 10000")
WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < 40)
INSERT INTO samples(time_ms, boot, resolution_s, mem_total_kb, mem_free_kb,
                    mem_available_kb, swap_total_kb, swap_free_kb)
  SELECT $T0 - n * 60000, b.id, 0, 8000000, 100000, 4000000, 0, 0
  FROM i, boots b WHERE b.boot_id = 'replay-test-boot';
$(replay_proc_sql replay-test-boot 4001 11 alpha 'alpha --grow')
$(replay_proc_sql replay-test-boot 4002 12 beta 'beta --late')
INSERT INTO proc_rows(sample_id, proc_id, rss_kb, anon_kb, swap_kb,
                      oom_score, oom_score_adj)
  SELECT s.id, p.id, 1000000 + (s.time_ms - $T0) / 10, 1000, 0,
         800, 0
  FROM samples s, procs p WHERE p.pid = 4001;
INSERT INTO proc_rows(sample_id, proc_id, rss_kb, anon_kb, swap_kb,
                      oom_score, oom_score_adj)
  SELECT s.id, p.id, 50000, 1000, 0, 700, 0
  FROM samples s, procs p WHERE p.pid = 4002 AND s.time_ms >= $T0 + 200000;
$(replay_proc_sql replay-test-boot 4005 15 delta 'delta --young')
INSERT INTO proc_rows(sample_id, proc_id, rss_kb, anon_kb, swap_kb,
                      oom_score, oom_score_adj)
  SELECT s.id, p.id, 200000 + (s.time_ms - $T0 - 60000) / 5, 1000, 0,
         100, 0
  FROM samples s, procs p WHERE p.pid = 4005 AND s.time_ms >= $T0 + 60000;
INSERT INTO procs(boot, pid, start_time, first_sample, last_sample, comm,
                  cmdline, uid, end_sample)
  SELECT b.id, 4006, 16, 0, 0, 'zeta', 'zeta --ends', 0, s.id
  FROM boots b, samples s WHERE b.boot_id = 'replay-test-boot'
  AND s.time_ms = $T0 + 210000;
INSERT INTO proc_rows(sample_id, proc_id, rss_kb, anon_kb, swap_kb,
                      oom_score, oom_score_adj)
  SELECT s.id, p.id, 70000, 1000, 0, 100, 0
  FROM samples s, procs p WHERE p.pid = 4006 AND s.time_ms >= $T0 + 120000
  AND s.time_ms <= $T0 + 180000;
$(replay_gamma_sql $((T0 + 200000)))
SQL

# start ARGS: the replay in tmux, UTC times; waits for the first frame.
start() {
	replay_start 120 30 "$*"
	tmux_wait "F10Quit" 10 || fail "the replay started ($*)"
}
# rss_of PID: the RSS column of PID's row on screen.
rss_of() {
	tmux_screen | sed 's/^\*/ /' | awk -v p="$1" '$1 == p { print $6; exit }'
}

# refused ARGS...: exit status 1 and one line naming MSG on stderr
refused() {
	msg=$1
	shift
	TZ=UTC "$BIN" --replay "$@" </dev/null >/dev/null 2>"$T_TMP/err"
	rc=$?
	[ "$rc" = 1 ] && [ "$(wc -l <"$T_TMP/err")" = 1 ] &&
		grep -q -- "$msg" "$T_TMP/err"
}

mkdir -p "$T_TMP/config/oomwatch"
printf 'columns = pid rss trend command\n' >"$T_TMP/config/oomwatch/oomwatchrc"
start
check "without --at: the newest sample in the header" \
	tmux_wait "replay 2027-01-15 08:04:50, sample 70/70" 5
check "the recorded minutes before the cursor make alpha rising" \
	wait_until 5 sh -c "tmux -S '$T_SOCK' capture-pane -p -t t |
		grep -q '^[* ] *4001 .*rising'"
tmux_keys Enter
check "the detail screen charts alpha's recorded minutes" \
	tmux_wait "RSS rising .* over 4[0-9]m" 5
tmux_keys Escape
tmux_keys F1
check "help lists the replay keys" \
	tmux_wait "replay: the next / previous recorded sample" 5
tmux_stop
# delta appeared 3m50s before the newest sample: no 20 minutes yet, so
# its trend and chart come from the samples before the cursor, as live
start -p 4005
check "a process younger than 20 minutes: TREND from its recorded rows" \
	wait_until 5 sh -c "tmux -S '$T_SOCK' capture-pane -p -t t |
		grep -q '^[* ] *4005 .*rising'"
tmux_keys Enter
check "its detail: a verdict over its recorded samples, not learning" \
	tmux_wait "RSS rising .* over 3m" 5
check "its detail: first seen at its first recorded row" \
	tmux_has "first seen 2027-01-15 08:01:00"
check "its detail: every refresh, 10 min" tmux_has "every refresh, 10 min"
check "its detail: the recorded kill at 08:03:20 is marked on the chart" \
	tmux_has "08:03:20 victim gamma"
tmux_stop
# zeta's recorder saw it end at 08:03:30: its detail says so there
start -p 4006 --at "'2027-01-15 08:03:20'"
tmux_keys Enter
check "an ended process: its detail charts it before its end" \
	tmux_wait "first seen 2027-01-15 08:02:00" 5
check "an ended process: not said ended while it runs" tmux_lacks "ended by"
tmux_keys t
check "an ended process: at its end, the detail says it ended" \
	tmux_wait "ended by this sample (T goes back)" 5
check "an ended process: no kernel-thread wording" tmux_lacks "kernel threads"
tmux_keys T
check "an ended process: T goes back to it running" \
	wait_until 5 sh -c "! tmux -S '$T_SOCK' capture-pane -p -t t |
		grep -q 'ended by'"
tmux_stop
rm -r "$T_TMP/config/oomwatch"

start --at "'2027-01-15 08:01'"
check "--at TIME: that sample in the header" \
	tmux_wait "replay 2027-01-15 08:01:00, sample 47/70" 5
check "--at TIME: no beta yet" tmux_lacks " beta --late"
check "--at TIME: the kill, recorded later, is not in the log pane yet" \
	tmux_lacks "Killed process 4003"
rss1=$(rss_of 4001)
tmux_keys t
check "t: the next sample" \
	tmux_wait "replay 2027-01-15 08:01:10, sample 48/70" 5
rss2=$(rss_of 4001)
check "t: alpha's RSS changed in the table ($rss1 -> $rss2)" \
	test -n "$rss1" -a -n "$rss2" -a "$rss1" != "$rss2"
tmux_keys T
check "T: the previous sample" \
	tmux_wait "replay 2027-01-15 08:01:00, sample 47/70" 5
tmux_keys '}'
check "}: jumps to the OOM kill's sample" \
	tmux_wait "replay 2027-01-15 08:03:20, sample 61/70" 5
check "}: the status line names the event" \
	tmux_wait "event 1/1 oom_kill pid 4003 gamma" 5
check "}: beta is in the table from that sample on" tmux_has " beta --late"
check "the log pane says where its lines come from" \
	tmux_has "1 event of this boot recorded up to this sample"
check "the log pane shows the kill's lines, rebuilt" \
	tmux_has "Killed process 4003 (gamma)"
tmux_keys 2
check "the events view shows the recorded kill, rebuilt" \
	tmux_wait "oom_kill  *pid 4003 gamma  memcg /test.slice/gamma" 5
tmux_keys F9
check "F9 on the event's process is refused with replay" \
	tmux_wait "actions are off: replay" 5
tmux_keys 1
tmux_keys '}'
check "}: no later event, said" tmux_wait "no later event" 5
tmux_keys -
check "-: one minute back" \
	tmux_wait "replay 2027-01-15 08:02:20, sample 55/70" 5
tmux_keys +
check "+: one minute on" \
	tmux_wait "replay 2027-01-15 08:03:20, sample 61/70" 5
tmux_keys k
check "k (kill) is refused with replay" \
	tmux_wait "actions are off: replay" 5
tmux_keys Escape
tmux_keys F8
check "F8 (adj +) is refused with replay" \
	tmux_wait "actions are off: replay" 5
tmux_keys a
check "a (adj value) is refused with replay" \
	tmux_wait "actions are off: replay" 5
check "the time did not move by itself" \
	tmux_has "replay 2027-01-15 08:03:20, sample 61/70"
tmux_keys q
check "q quits the replay" wait_until 5 tmux_pane_dead
tmux_stop

# p plays: a sample each -d, paused again at the newest
replay_start 120 30 "-d 0.2 --at '2027-01-15 08:04'"
tmux_wait "F10Quit" 10 || fail "the replay started (play)"
check "play: starts paused at 08:04:00" \
	tmux_wait "replay 2027-01-15 08:04:00, sample 65/70" 5
tmux_keys p
check "p: plays to the newest sample" \
	tmux_wait "replay 2027-01-15 08:04:50, sample 70/70" 10
check "p: paused again at the newest, said" \
	tmux_wait "the newest sample; paused" 5
tmux_stop

check "--at boot: the running boot not in the record yet" \
	refused "no sample of the running boot" --db "$db" --at boot
# --at boot: the first sample of the running boot
bootid=$(cat /proc/sys/kernel/random/boot_id)
sqlite3 "$db" "INSERT INTO samples(time_ms, boot, resolution_s,
  mem_total_kb, mem_free_kb, mem_available_kb) SELECT $T0 - 7200000, id, 0,
  8000000, 100000, 5000000 FROM boots WHERE boot_id = '$bootid'" ||
	fail "a sample of the running boot was added"
start --at boot
check "--at boot: the running boot's only sample" \
	tmux_wait "replay 2027-01-15 06:00:00, sample 1/71" 5
check "no process there: the table says why, in replay terms" \
	tmux_has "no processes recorded at this sample"
check "no process there: no -u / -p hint (none was passed)" \
	tmux_lacks "check -u / -p"
tmux_stop
# a recorder's first sample holds no process: --at boot lands on the
# first that does
sqlite3 "$db" <<SQL || fail "a second sample of the running boot was added"
INSERT INTO samples(time_ms, boot, resolution_s, mem_total_kb, mem_free_kb,
  mem_available_kb) SELECT $T0 - 7190000, id, 0, 8000000, 100000, 5000000
  FROM boots WHERE boot_id = '$bootid';
INSERT INTO procs(boot, pid, start_time, first_sample, last_sample, comm,
                  cmdline, uid)
  SELECT id, 4009, 19, 0, 0, 'epsilon', 'epsilon --boot', 0 FROM boots
  WHERE boot_id = '$bootid';
INSERT INTO proc_rows(sample_id, proc_id, rss_kb, anon_kb, swap_kb,
                      oom_score, oom_score_adj)
  SELECT s.id, p.id, 3000, 1000, 0, 100, 0 FROM samples s, procs p
  WHERE p.pid = 4009 AND s.time_ms = $T0 - 7190000;
SQL
start --at boot
check "--at boot: the running boot's first sample with processes" \
	tmux_wait "replay 2027-01-15 06:00:10, sample 2/72" 5
check "--at boot: its processes in the table" tmux_has "epsilon --boot"
tmux_stop

check "no database: one line, status 1" \
	refused "no history database" --db "$T_TMP/none.db"
printf 'not a database at all, but long enough to be read as one\n' \
	>"$T_TMP/bad.db"
check "a corrupt file: one line, status 1" \
	refused "not a history database" --db "$T_TMP/bad.db"
check "a TIME with no sample: one line, status 1" \
	refused "no sample in the 11 minutes" --db "$db" --at "2027-01-15 07:00"
check "-2h (now is not in the record): one line, status 1" \
	refused "no sample in the 11 minutes" --db "$db" --at -2h
check "a bad TIME: status 2" \
	sh -c "'$BIN' --replay --at yesterday 2>/dev/null; [ \$? = 2 ]"
t_done
