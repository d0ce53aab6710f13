#!/bin/sh
# Terminal test of `oomwatch --replay`'s events view with the recorder's
# black boxes (app/replay.c replay_boxes, persist/recload_bbox.c), and of
# its help and tree toggle (app/scr_help.c). The database is the
# recorder's own (one `--record --samples 1` sample makes the schema),
# emptied, then 30 samples 10 s apart from 2027-01-15 08:00:00 UTC of a
# boot of its own: an OOM kill of "gamma" (pid 4003) arrives with the
# sample of 08:03:20 and has a black box (MemAvailable 50M, swap used
# 1.0G, 12 processes, a grower, the victim's RSS), and with the same
# sample a kill of "delta" (4005, no box); a later kill of "latekill"
# (pid 4004, no box) arrives at 08:04:30, and 40 more ("filler", OOM kill
# counter rising with them) with the last two samples. Replayed at
# 08:03:20: the header says NEW KILL (not at the samples around it) and
# "since start" counts from the replay's earliest sample; } and { reach
# each of the two kills of one sample ("event k/43", by one) and the
# events view selects the event they went to; the events view shows
# gamma's "Before this kill" line and Enter opens the box; the later kill
# is not listed (not even "from the record"). At the newest sample, 42
# events later, gamma's box is still there. In a replay the events view
# says actions are off, u on the Cgroups screen is refused, and p says
# "playing" / "paused". Help lists F5 for the tree (t steps the replay)
# and p once (on the processes screen), and the status line says the
# tree once F5 turned it on; t then steps, the tree stays.
. "$(dirname "$0")/../lib.sh"

need_tmux_sqlite "replay black box terminal test" || exit 0
T0=1800000000000
KILL_MS=$((T0 + 200000))
LATE_MS=$((T0 + 270000))

replay_db replay-bb-boot $T0
sqlite3 "$db" <<SQL || fail "the fixture was written into the database"
$(replay_samples_sql replay-bb-boot 30 4000000)
UPDATE samples SET oom_kill = CASE WHEN time_ms < $KILL_MS THEN 780
  WHEN time_ms < $LATE_MS THEN 782 WHEN time_ms = $LATE_MS THEN 783
  WHEN time_ms < $LATE_MS + 20000 THEN 803 ELSE 823 END;
$(replay_proc_sql replay-bb-boot 4001 11 alpha 'alpha --run')
INSERT INTO proc_rows(sample_id, proc_id, rss_kb, anon_kb, swap_kb,
                      oom_score, oom_score_adj)
  SELECT s.id, p.id, 100000, 1000, 0, 800, 0
  FROM samples s, procs p WHERE p.pid = 4001;
$(replay_gamma_sql $KILL_MS)
$(replay_kill_sql $KILL_MS 5100000 78 4005 '{"kind": "oom_kill", "time": 5.1, "pid": 4005, "comm": "delta",
          "uid": 0, "total_vm_kb": 8000, "anon_rss_kb": 2000,
          "file_rss_kb": 0, "shmem_rss_kb": 0, "pgtables_kb": 40,
          "oom_score_adj": 0, "constraint": "global", "trigger": "hog",
          "gfp_mask": "0xcc0(GFP_KERNEL)", "order": 0}')
$(replay_kill_sql $LATE_MS 6000000 79 4004 '{"kind": "oom_kill", "time": 6.0, "pid": 4004, "comm": "latekill",
          "uid": 0, "total_vm_kb": 8000, "anon_rss_kb": 1000,
          "file_rss_kb": 0, "shmem_rss_kb": 0, "pgtables_kb": 40,
          "oom_score_adj": 0, "constraint": "global", "trigger": "hog",
          "gfp_mask": "0xcc0(GFP_KERNEL)", "order": 0}')
WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < 39)
INSERT INTO events(sample_id, time_ms, boot, kind, log_time_kind,
                   log_time_us, seq, pid, json)
  SELECT s.id, s.time_ms, s.boot, 'oom_kill', 1, 7000000 + n * 1000,
         100 + n, 6000 + n,
         json_object('kind', 'oom_kill', 'time', 7.0 + n / 1000.0, 'pid',
                     6000 + n, 'comm', 'filler' || n, 'uid', 0,
                     'total_vm_kb', 8000, 'anon_rss_kb', 1000, 'file_rss_kb',
                     0, 'shmem_rss_kb', 0, 'pgtables_kb', 40, 'oom_score_adj',
                     0, 'constraint', 'global', 'trigger', 'hog', 'gfp_mask',
                     '0xcc0(GFP_KERNEL)', 'order', 0)
  FROM i, samples s WHERE s.time_ms = $LATE_MS + 10000 + (n / 20) * 10000;
INSERT INTO blackbox(event_id, time_ms, mem_available_kb, swap_total_kb,
                     swap_free_kb)
  SELECT id, $KILL_MS - 10000, 51200, 2097152, 1048576 FROM events
  WHERE pid = 4003;
WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < 12)
INSERT INTO bb_procs(bb_id, pid, start_time, comm, rss_kb, swap_kb)
  SELECT b.id, 5000 + n, 1, 'bbtop' || n, n * 10240, 0 FROM i, blackbox b;
INSERT INTO bb_grew(bb_id, rank, pid, start_time, comm, rss_before_kb, rss_kb)
  SELECT id, 0, 5012, 1, 'bbgrower', 0, 122880 FROM blackbox;
WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < 20)
INSERT INTO bb_victim_rss(bb_id, time_ms, rss_kb, swap_kb)
  SELECT b.id, $KILL_MS - (21 - n) * 10000, n * 3072, 0 FROM i, blackbox b;
SQL

replay_start 120 40 "--at '2027-01-15 08:03:20'"
tmux_wait "F10Quit" 10 || fail "the replay started"
check "the replay is at the kill's sample" \
	tmux_wait "replay 2027-01-15 08:03:20, sample 21/30" 5
check "started at the kills' sample: they count since start, NEW KILL" \
	tmux_has "782 since boot, 2 since start  NEW KILL"

tmux_keys F1
check "help: the replay's t T, with the tree on F5" \
	tmux_wait "t T  *replay: the next / previous recorded sample (as atop; the process tree is F5 only)" 5
check "help: the tree is F5 alone (t is the replay's)" \
	tmux_has "^ F5  *tree view with each subtree's total RSS"
check "help: no 't' listed for the tree" tmux_lacks "F5 t "
check "help: p plays the replay" \
	tmux_has "p Z  *replay: play (a sample each -d) / pause"
check "help: p not listed a second time as pause / resume" \
	tmux_lacks "pause / resume refreshing"
tmux_keys Escape
tmux_keys F5
check "F5: the status line says the tree" \
	tmux_wait "sorted by oom desc | tree" 5
check "F5: the function key bar offers the list" tmux_has "F5List"
tmux_keys t
check "t: the next sample, not the tree" \
	tmux_wait "replay 2027-01-15 08:03:30, sample 22/30" 5
check "t: the tree stays on" tmux_has "sorted by oom desc | tree"
tmux_keys T
tmux_wait "replay 2027-01-15 08:03:20, sample 21/30" 5 ||
	fail "T: back to the kill's sample"
check "the kill's sample: NEW KILL in the header" tmux_has "NEW KILL"

# } and { step by event: gamma and delta share the sample of 08:03:20
tmux_keys T
check "T: the sample before the kills, no NEW KILL" \
	tmux_wait "replay 2027-01-15 08:03:10, sample 20/30" 5
check "before the kills: none since the replay's earliest sample" \
	tmux_has "780 since boot, 0 since start"
check "before the kills: no NEW KILL" tmux_lacks "NEW KILL"
tmux_keys '}'
check "}: the first of the sample's two kills" \
	tmux_wait "event 1/43 oom_kill pid 4003 gamma" 5
check "}: since start counts the sample's two kills" \
	tmux_wait "782 since boot, 2 since start  NEW KILL" 5
tmux_keys '}'
check "}: the second kill of the same sample, not skipped" \
	tmux_wait "event 2/43 oom_kill pid 4005 delta" 5
check "}: still the kills' sample" \
	tmux_has "replay 2027-01-15 08:03:20, sample 21/30"
tmux_keys '}'
check "}: then the next sample's kill" \
	tmux_wait "event 3/43 oom_kill pid 4004 latekill" 5
tmux_keys '{'
check "{: back one event, to the second kill" \
	tmux_wait "event 2/43 oom_kill pid 4005 delta" 5
tmux_keys '{'
check "{: back one event, to the first kill" \
	tmux_wait "event 1/43 oom_kill pid 4003 gamma" 5
tmux_keys 2
check "the events view selects the event { went to (not the newest)" \
	tmux_wait "Victim  *pid 4003 gamma" 5
tmux_keys '}'
check "} in the events view: the selection follows" \
	tmux_wait "Victim  *pid 4005 delta" 5
tmux_keys '{'
check "{ in the events view: the selection follows back" \
	tmux_wait "Victim  *pid 4003 gamma" 5
tmux_keys 1
tmux_keys t
check "t: the sample after the kills" \
	tmux_wait "replay 2027-01-15 08:03:30, sample 22/30" 5
check "after the kills: no NEW KILL, the count stays" \
	tmux_has "782 since boot, 2 since start"
check "after the kills: NEW KILL gone" tmux_lacks "NEW KILL"
tmux_keys T
tmux_wait "replay 2027-01-15 08:03:20, sample 21/30" 5 ||
	fail "T: back to the kill's sample"

tmux_keys 2
check "the events view lists the recorded kill" \
	tmux_wait "oom_kill  *pid 4003 gamma" 5
check "the later kill is not listed (after the cursor)" tmux_lacks "latekill"
check "the events view's title: actions are off in a replay" \
	tmux_has "Kernel events.*(.*actions are off: replay"
check "the events view's hint: no action aims at a process" \
	tmux_has "actions are off: replay (the events are a record"
check "no live-pid promise in a replay" tmux_lacks "act on a live pid"
tmux_keys F1
check "help from the events view: no play line (p is not play there)" \
	tmux_wait "replay: paused at start; p plays on the processes screen" 5
check "help from the events view: p Z not listed" tmux_lacks "^ p Z "
tmux_keys Escape
tmux_keys End
check "before this kill: MemAvailable and swap used from the black box" \
	tmux_wait "Before this kill, at 08:03:10: MemAvailable 50M, swap used 1.0G (black box from the record; Enter shows it)" 5
tmux_keys Enter
check "Enter opens the box: the largest process first" \
	wait_until 5 sh -c "tmux -S '$T_SOCK' capture-pane -p -t t |
		grep -q ' 5012 .*bbtop12'"
check "the box: who grew most" tmux_has "bbgrower"
check "the box: the victim's RSS chart" \
	tmux_has "Victim RSS from .* to .* (pid 4003 gamma)"
[ "$T_FAILS" = 0 ] || tmux_screen # what was on screen, for the log
tmux_stop

# at the newest sample, 43 kills later, gamma's box is still there
replay_start 120 40
tmux_wait "F10Quit" 10 || fail "the replay started (newest)"
tmux_keys 2
check "at the newest sample the later kills are listed" \
	tmux_wait "oom_kill  *pid 6039 filler39" 5
tmux_keys End
check "the oldest kill, 42 events later: its black box" \
	tmux_wait "Before this kill, at 08:03:10: MemAvailable 50M" 5
check "no false 'not in the record'" tmux_lacks "not in the record"
tmux_keys 6
tmux_keys u
check "u on the Cgroups screen is refused with replay" \
	tmux_wait "cgroup limits: actions are off: replay" 5
[ "$T_FAILS" = 0 ] || tmux_screen
tmux_stop

# at the later kill's sample it is listed too; p plays and pauses
replay_start 120 40 "-d 5 --at '2027-01-15 08:04:30'"
tmux_wait "F10Quit" 10 || fail "the replay started (latekill)"
tmux_keys p
check "p: the replay plays, said" tmux_wait "replay: playing" 5
tmux_keys p
check "p again: paused, said" tmux_wait "replay: paused (p plays)" 5
tmux_keys 2
check "at the later kill's sample it is listed" \
	tmux_wait "oom_kill  *pid 4004 latekill" 5
tmux_keys Home
check "the later kill: no black box though sampled (dropped), said" \
	tmux_wait "no black box: none kept, though the recorder was sampling" 5
[ "$T_FAILS" = 0 ] || tmux_screen
tmux_stop
t_done
