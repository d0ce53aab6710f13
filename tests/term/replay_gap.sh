#!/bin/sh
# Terminal test of `oomwatch --replay` (app/replay.c, persist/recreplay.c)
# on a record with a gap in it and that grows while it is replayed: a
# prepared database (the recorder's own schema, emptied) holds samples
# 10 s apart from 2027-01-15 08:00:00 UTC to 08:00:50, then a 33 s gap
# (the recorder stopped), then 08:01:23 and 08:01:33; pswpout grows 100
# pages a sample. `t` onto 08:01:23 says the gap on the status line and
# the header's paging rates there are N/A "after a gap", not a rate over
# the gap; the first sample's rates say there is no earlier sample.
# Samples written while the replay runs (as a running recorder does) are
# read when `t` and `p` reach the newest sample loaded: the replay goes
# on to them, and says "the newest sample" only when there is none.
. "$(dirname "$0")/../lib.sh"

need_tmux_sqlite "replay gap terminal test" || exit 0
T0=1800000000000

# add_samples S...: samples at T0 + S seconds, pswpout 10 pages a second
add_samples() {
	for s in "$@"; do
		printf "INSERT INTO samples(time_ms, boot, resolution_s,
  mem_total_kb, mem_free_kb, mem_available_kb, swap_total_kb, swap_free_kb,
  oom_kill, pswpin, pswpout, pgmajfault)
  SELECT %s, id, 0, 8000000, 100000, 4000000, 1000000, 900000, 0, 0, %s, 0
  FROM boots WHERE boot_id = 'replay-gap-boot';\n" \
			"$((T0 + s * 1000))" "$((s * 10))"
	done | sqlite3 "$db"
}

replay_db replay-gap-boot $T0
add_samples 0 10 20 30 40 50 83 93 || fail "the fixture's samples were written"

replay_start 160 30 "-d 0.2 --at '2027-01-15 08:00'"
tmux_wait "F10Quit" 10 || fail "the replay started"
check "--at 08:00: the first sample" \
	tmux_wait "replay 2027-01-15 08:00:00, sample 1/8" 5
check "the first sample: no earlier one for the rates, said" \
	tmux_has "Paging rates: no earlier sample"
check "not the live dashboard's 'after the next refresh'" \
	tmux_lacks "after the next refresh"
tmux_keys t
check "t: the rates against the sample before (10 pages/s)" \
	tmux_wait "Paging swap in 0/s out 10/s" 5
for k in t t t t; do tmux_keys $k; done
check "t x5: the last sample before the gap" \
	tmux_wait "replay 2027-01-15 08:00:50, sample 6/8" 5
tmux_keys t
check "t across the gap: the first sample after it" \
	tmux_wait "replay 2027-01-15 08:01:23, sample 7/8" 5
check "t across the gap: said on the status line" \
	tmux_has "replay: a gap of 0h00m33s in the record before this sample (the recorder was not running)"
check "after the gap: no rate averaged over it" \
	tmux_has "Paging N/A after a gap of 0h00m33s in the record"
tmux_keys T
check "T back across the gap: said" \
	tmux_wait "a gap of 0h00m33s in the record after this sample" 5
tmux_keys t t
check "t: the newest sample loaded" \
	tmux_wait "replay 2027-01-15 08:01:33, sample 8/8" 5
check "t: no gap, nothing said" tmux_lacks "a gap of"
tmux_keys t
check "t at the newest with none newer: said" \
	tmux_wait "replay: the newest sample" 5
add_samples 103 113 || fail "samples were added while the replay runs"
tmux_keys t
check "t at the newest loaded: reads the samples recorded since, goes on" \
	tmux_wait "replay 2027-01-15 08:01:43, sample 9/10" 5
add_samples 123 || fail "a sample was added while the replay runs"
tmux_keys p
check "p: plays on through the samples recorded since" \
	tmux_wait "replay 2027-01-15 08:02:03, sample 11/11" 10
check "p: paused at the newest when none is newer, said" \
	tmux_wait "the newest sample; paused" 5
tmux_stop
t_done
