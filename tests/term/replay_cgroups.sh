#!/bin/sh
# Terminal test of the Cgroups screen in `oomwatch --replay`
# (persist/recreplay_cg.c, app/replay.c) on a prepared database: the
# recorder's own schema (one `--record --samples 1` sample makes it),
# emptied, then 80 samples 10 s apart from 2027-01-15 08:00:00 UTC with
# cgroup rows as the recorder writes them (a row when a value moves, else
# one every 10 minutes): "/" every sample; "/test.slice" (cgroup2: it has
# memory.high; limit 512M) at 0 (100M, 1 OOM) and at 60 (300M, 2 OOMs, 1
# kill); "/test.slice/web.service" at 0 only, without swap; "/old.slice"
# at 0 only. "webd" (pid 4101) is in web.service. Keys 6 and c open the
# screen; it shows each cgroup at its latest row in the 11 minutes up to
# the cursor (old.slice leaves after 08:11:00), says what was not recorded,
# refuses the limit keys with "replay", and Enter filters the processes.
. "$(dirname "$0")/../lib.sh"

need_tmux_sqlite "replay cgroups terminal test" || exit 0
T0=1800000000000
M=1048576

replay_db replay-cg-boot $T0 cgroup_rows cgroups
sqlite3 "$db" <<SQL || fail "the fixture was written into the database"
$(replay_samples_sql replay-cg-boot 80 4000000)
INSERT INTO cgroups(path) VALUES ('/'), ('/test.slice'),
  ('/test.slice/web.service'), ('/old.slice');
INSERT INTO cgroup_rows(sample_id, cgroup_id, usage_bytes, limit_bytes)
  SELECT s.id, c.id, 3000 * $M, NULL FROM samples s, cgroups c
  WHERE c.path = '/';
INSERT INTO cgroup_rows(sample_id, cgroup_id, usage_bytes, limit_bytes,
                        high_bytes, swap_bytes, oom, oom_kill,
                        psi_some_avg10)
  SELECT s.id, c.id, CASE s.time_ms WHEN $T0 THEN 100 ELSE 300 END * $M,
         512 * $M, 9223372036854775807, 0,
         CASE s.time_ms WHEN $T0 THEN 1 ELSE 2 END,
         CASE s.time_ms WHEN $T0 THEN 0 ELSE 1 END, 1.5
  FROM samples s, cgroups c WHERE c.path = '/test.slice'
  AND s.time_ms IN ($T0, $T0 + 600000);
INSERT INTO cgroup_rows(sample_id, cgroup_id, usage_bytes, limit_bytes,
                        high_bytes, oom, oom_kill)
  SELECT s.id, c.id, 40 * $M, 9223372036854775807, 9223372036854775807,
         0, 0
  FROM samples s, cgroups c WHERE c.path = '/test.slice/web.service'
  AND s.time_ms = $T0;
INSERT INTO cgroup_rows(sample_id, cgroup_id, usage_bytes, limit_bytes,
                        high_bytes, oom, oom_kill)
  SELECT s.id, c.id, 77 * $M, 9223372036854775807, 9223372036854775807,
         0, 0
  FROM samples s, cgroups c WHERE c.path = '/old.slice' AND s.time_ms = $T0;
INSERT INTO procs(boot, pid, start_time, first_sample, last_sample, comm,
                  cmdline, uid, cgroup)
  SELECT id, 4101, 11, 0, 0, 'webd', 'webd --serve', 0,
         '/test.slice/web.service' FROM boots
  WHERE boot_id = 'replay-cg-boot';
INSERT INTO procs(boot, pid, start_time, first_sample, last_sample, comm,
                  cmdline, uid, cgroup)
  SELECT id, 4102, 12, 0, 0, 'other', 'other --idle', 0, '/' FROM boots
  WHERE boot_id = 'replay-cg-boot';
INSERT INTO proc_rows(sample_id, proc_id, rss_kb, anon_kb, swap_kb,
                      oom_score, oom_score_adj)
  SELECT s.id, p.id, 30000, 1000, 0, 700, 0 FROM samples s, procs p;
SQL

# start ARGS: the replay in tmux, UTC times; waits for the first frame.
start() {
	replay_start 120 30 "$*"
	tmux_wait "F10Quit" 10 || fail "the replay started ($*)"
}

start
check "the newest sample" \
	tmux_wait "replay 2027-01-15 08:13:10, sample 80/80" 5
tmux_keys 6
check "6: the Cgroups screen, not refused" tmux_wait "\[6 Cgroups\]" 5
check "6: test.slice at its latest row: usage 300M, limit 512M" \
	sh -c "tmux -S '$T_SOCK' capture-pane -p -t t |
		grep -q '^ *300M *512M .*test\.slice\$'"
check "the OOM counters of its latest row (2 OOM, 1 kill)" \
	sh -c "tmux -S '$T_SOCK' capture-pane -p -t t |
		grep -q ' 2  *1  *1\.5/- .*test\.slice\$'"
check "web.service (its row 790 s old) is gone" tmux_lacks "web\.service"
check "old.slice (its row 790 s old) is gone" tmux_lacks "old\.slice"
tmux_keys '['
check "[ (lower the limit) is refused with replay" \
	tmux_wait "cgroup limits: actions are off: replay" 5
tmux_keys 1
tmux_keys c
check "c: the Cgroups screen too" tmux_wait "\[6 Cgroups\]" 5
tmux_stop

start --at "'2027-01-15 08:10'"
check "--at 08:10: that sample" \
	tmux_wait "replay 2027-01-15 08:10:00, sample 61/80" 5
tmux_keys 6
check "08:10: web.service's row of 08:00 (600 s) still counts: 40.0M" \
	wait_until 5 sh -c "tmux -S '$T_SOCK' capture-pane -p -t t |
		grep -q '^ *40.0M .*web\.service\$'"
check "08:10: old.slice at 77.0M" \
	sh -c "tmux -S '$T_SOCK' capture-pane -p -t t |
		grep -q '^ *77.0M .*old\.slice\$'"
check "the parent is built from the paths: web.service under test.slice" \
	sh -c "tmux -S '$T_SOCK' capture-pane -p -t t | grep -A1 'test\.slice\$' |
		grep -q '└─web\.service\$'"
# sel_status NAME TEXT: move down the table until the status line names
# NAME with TEXT (at most 6 rows).
sel_status() {
	for _ in 1 2 3 4 5 6; do
		tmux_screen | grep -q -- "$1: $2" && return 0
		tmux_keys Down
		sleep 0.3
	done
	tmux_screen | grep -q -- "$1: $2"
}
check "the status line says what was not recorded (web.service's swap)" \
	sel_status web.service "N/A: memory.swap.current: not recorded"
tmux_keys Enter
check "Enter: the processes of the cgroup (webd, recorded in it)" \
	tmux_wait "cgroup filter: .*web.service and below, 1 process" 5
check "Enter: webd is listed, not the other process" \
	sh -c "tmux -S '$T_SOCK' capture-pane -p -t t | grep -q 'webd --serve' &&
		! tmux -S '$T_SOCK' capture-pane -p -t t | grep -q 'other --idle'"
tmux_keys Escape
tmux_keys t
tmux_keys 6
check "t: 08:10:10, old.slice (610 s) still there" \
	wait_until 5 sh -c "tmux -S '$T_SOCK' capture-pane -p -t t |
		grep -q 'replay 2027-01-15 08:10:10' &&
		tmux -S '$T_SOCK' capture-pane -p -t t | grep -q 'old\.slice'"
tmux_keys '+'
check "+: 08:11:10, old.slice (670 s) gone" \
	wait_until 5 sh -c "tmux -S '$T_SOCK' capture-pane -p -t t |
		grep -q 'replay 2027-01-15 08:11:10' &&
		! tmux -S '$T_SOCK' capture-pane -p -t t | grep -q 'old\.slice'"
tmux_stop
t_done
