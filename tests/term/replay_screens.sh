#!/bin/sh
# Terminal test of the Memory (8) and System (9) screens in `oomwatch
# --replay` (app/scr_memory.c, app/scr_system.c): they draw the recorded
# sample, never this machine's /proc. A prepared database (the recorder's
# own schema, emptied) holds 13 samples 10 s apart from 2027-01-15
# 08:00:00 UTC: MemTotal 8000000 kB (7.63G; this test needs a machine
# with another), AnonPages 25%, page cache 32.5%, Shmem 7.5%, MemFree
# 12.5% of it, MemFree rising 1000 kB a sample (the strip's free
# column), pswpin/pswpout up 2560/5120 pages a sample (si 1024, so 2048
# kB/s with 4 kB pages), PSI memory some/full avg10 12.34/5.67. The
# Memory screen shows those rows and one "Not recorded" line for slab,
# hugepages, tmpfs and swap; the System screen shows the strip of the
# minute before the cursor, PSI memory, and "not recorded" for the load,
# PSI cpu and io, r and b, the D tasks and the settings. Under strace,
# nothing under /proc (meminfo, vmstat, stat, loadavg, pressure, a
# process's stat or wchan: by path or relative to a directory fd) or
# /sys (cgroups, hugepages, zram) is opened after the first frame while
# 8, 9, t, T and s are pressed (a step opens the database's files and
# /etc/passwd, for the user names: none of those is checked here).
. "$(dirname "$0")/../lib.sh"

need_tmux_sqlite "replay screens terminal test" || exit 0
if grep -q '^MemTotal: *8000000 kB' /proc/meminfo; then
	skip "replay screens terminal test" "this machine has the record's MemTotal"
	exit 0
fi
BIN=$OOMWATCH_BIN
T0=1800000000000

replay_db replay-screens-boot $T0
sqlite3 "$db" <<SQL || fail "the fixture was written into the database"
WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < 12)
INSERT INTO samples(time_ms, boot, resolution_s, mem_total_kb, mem_free_kb,
                    mem_available_kb, buffers_kb, cached_kb, shmem_kb,
                    anon_kb, swap_total_kb, swap_free_kb, oom_kill, pswpin,
                    pswpout, pgmajfault, psi_some_avg10, psi_some_avg60,
                    psi_some_avg300, psi_some_total_us, psi_full_avg10,
                    psi_full_avg60, psi_full_avg300, psi_full_total_us)
  SELECT $T0 + n * 10000, b.id, 0, 8000000, 1000000 + n * 1000, 3456789,
         200000, 3000000, 600000, 2000000, 4000000, 3000000, 0,
         n * 2560, n * 5120, 0, 12.34, 10.0, 8.0, 1000000, 5.67, 4.0, 3.0,
         500000
  FROM i, boots b WHERE b.boot_id = 'replay-screens-boot';
SQL

# The rows of the Memory screen's table: name, size, % of MemTotal.
mem_row() { tmux_screen | grep -Eq "^. +$1 +$2 +$3 "; }

replay_start 120 40
tmux_wait "F10Quit" 10 || fail "the replay started"
check "the newest sample in the header" \
	tmux_wait "replay 2027-01-15 08:02:00, sample 13/13" 5
tmux_keys 8
check "8: the Memory screen opens in a replay" \
	tmux_wait "MemTotal 7.63G" 5
check "8: the status line does not refuse it" \
	tmux_lacks "replay: the Memory screen reads"
check "8: anon is the recorded AnonPages (25.0%)" mem_row anon 1.91G 25.0%
check "8: page cache is Cached - Shmem + Buffers (32.5%)" \
	mem_row "page cache" 2.48G 32.5%
check "8: shmem is the recorded Shmem (7.5%)" mem_row shmem/tmpfs 586M 7.5%
check "8: free is the recorded MemFree of the newest sample" \
	mem_row free 988M 12.7%
check "8: slab, not recorded, is N/A (not 0)" \
	mem_row "slab reclaimable" N/A -
check "8: unaccounted is N/A (the record does not hold the rest)" \
	mem_row "not accounted" N/A -
check "8: one line says what is not recorded" \
	tmux_has "Not recorded (N/A above, or left out): slab, kernel stacks"
check "8: no live tmpfs, slab or swap sections" \
	sh -c "! tmux -S '$T_SOCK' capture-pane -p -t t |
		grep -Eq '^(tmpfs and ramfs|Slab:|Swap:|Hugepages)'"
tmux_keys T
check "8, T: the previous sample's MemFree" \
	wait_until 5 mem_row free 987M 12.6%
tmux_keys 9
check "9: the System screen opens in a replay" \
	tmux_wait "Replay: memory, swap and PSI memory from the record" 5
check "9: the strip's rows are the recorded samples of the minute" \
	tmux_has "vmstat, last 60 s, 1 row a recorded sample"
check "9: MemFree and buff/cache of the cursor's sample (after T)" \
	sh -c "tmux -S '$T_SOCK' capture-pane -p -t t |
		grep -Eq '^ +- +- +1024 +2048 +1011000 +3200000 +- +- +- +- +-$'"
check "9: the oldest row of the minute (the one before primes si/so)" \
	sh -c "tmux -S '$T_SOCK' capture-pane -p -t t |
		grep -Eq '^ +- +- +1024 +2048 +1006000 +3200000' &&
		! tmux -S '$T_SOCK' capture-pane -p -t t | grep -q ' 1005000 '"
check "9: r, b and the CPU split are not recorded" \
	tmux_has "r, b: not recorded; us..st: not recorded"
check "9: the recorded PSI memory; cpu and io not recorded" \
	tmux_has "PSI avg10 some/full %: memory 12.34/5.67  (cpu, io: not recorded)"
check "9: the load is not recorded" tmux_has "load N/A (not recorded)"
check "9: the D tasks are not recorded" \
	tmux_has "Tasks in D state: not recorded"
check "9: the settings are not recorded" tmux_has "Settings: not recorded"
tmux_keys t
check "9, t: the next sample moves the strip" \
	wait_until 5 sh -c "tmux -S '$T_SOCK' capture-pane -p -t t |
		grep -Eq '^ +- +- +1024 +2048 +1012000 +3200000'"
tmux_keys s
check "9, s: the stacks are not recorded, said" \
	tmux_wait "kernel stacks are not recorded" 5
tmux_stop

if command -v strace >/dev/null 2>&1; then
	tr="$T_TMP/strace"
	tmux_start 120 40 "TZ=UTC strace -f -qq -e trace=openat -o $tr $BIN --no-protect --replay --db $db"
	tmux_wait "F10Quit" 15 || fail "the replay started under strace"
	sleep 1
	before=$(wc -l <"$tr")
	tmux_keys 8
	tmux_wait "MemTotal 7.63G" 5 || fail "8 under strace"
	tmux_keys t
	tmux_keys 9
	tmux_wait "Tasks in D state: not recorded" 5 || fail "9 under strace"
	tmux_keys T
	tmux_keys s
	tmux_keys 8
	sleep 1
	# /proc is read by absolute path or relative to a directory fd (the
	# collectors' proc root), /sys by path; the database by its
	# absolute path
	tail -n +"$((before + 1))" "$tr" |
		grep -E 'openat\([0-9]+, |"/proc|"/sys' >"$T_TMP/proc_opens"
	check "strace: after the first frame, 8, 9, t, T and s open nothing under /proc or /sys ($(wc -l <"$T_TMP/proc_opens") opens: $(head -c 200 "$T_TMP/proc_opens" | tr "\n" " "))" \
		test ! -s "$T_TMP/proc_opens"
	check "strace: the trace saw the opens before the first frame" \
		grep -q '"/proc"' "$tr"
	tmux_stop
else
	skip "replay screens: no /proc reads" "strace is not installed"
fi
t_done
