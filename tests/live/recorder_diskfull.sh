#!/bin/sh
# Disk full, on a small tmpfs of its own (root): the recorder says so once
# on stderr, keeps sampling into memory without exiting, and writes the
# kept samples when space returns; the database stays whole.
# Then on a second tmpfs, a long outage (the queue overflows) while
# thousands of short processes with long command lines come and go: when
# only 1.5 MB comes free, the recorder writes again within seconds (the
# first sample after the outage does not carry every process that came
# and went); filled again and stopped, it says how many samples are lost.
. "$(dirname "$0")/../lib.sh"

if [ ! -x "$OOMWATCH_BIN" ] || ! command -v sqlite3 >/dev/null 2>&1; then
	skip "recorder disk full" "oomwatch not built or sqlite3 missing"
	exit 0
fi
if ! is_root; then
	skip "recorder disk full" "needs root to mount a small tmpfs"
	exit 0
fi
mnt="$T_TMP/mnt"
mnt2="$T_TMP/mnt2"
mkdir "$mnt" "$mnt2"
if ! mount -t tmpfs -o size=3m,mode=0755 oomwatch-test "$mnt" 2>"$T_TMP/merr"; then
	skip "recorder disk full" "cannot mount a tmpfs: $(cat "$T_TMP/merr")"
	exit 0
fi
df_cleanup() {
	for p in $T_PIDS; do kill -9 "$p" 2>/dev/null; done
	sleep 0.1
	umount "$mnt" 2>/dev/null || umount -l "$mnt"
	if mountpoint -q "$mnt2"; then
		umount "$mnt2" 2>/dev/null || umount -l "$mnt2"
	fi
	t_cleanup
}
trap 'df_cleanup' EXIT
trap 'df_cleanup; exit 1' INT TERM
db="$mnt/h.db"
# (never creates the file: the recorder must)
count() { q 'SELECT count(*) FROM samples' 2>/dev/null || echo 0; }
has() { [ "$(count)" -ge "$1" ]; }
said() { [ "$(grep -c "$1" "$T_TMP/err")" -ge 1 ]; }

"$OOMWATCH_BIN" --record -d 0.02 --db "$db" 2>"$T_TMP/err" &
pid=$!
own_pid "$pid"
wait_until 10 has 5
# fill what is left
dd if=/dev/zero of="$mnt/fill" bs=16k 2>/dev/null
check "the disk fills: said on stderr" wait_until 60 said "disk full"
full_at=$(count)
sleep 1 # about 50 samples into memory
check "disk full: the recorder keeps running" kill -0 "$pid"
check "disk full: said once" [ "$(grep -c "disk full" "$T_TMP/err")" = 1 ]
rm -f "$mnt/fill"
check "space returns: writing again" wait_until 30 said "writing again"
check "the samples kept in memory are written" wait_until 10 has $((full_at + 20))
kill -TERM "$pid"
wait "$pid"
check "SIGTERM: exit 0" [ $? = 0 ]
check "integrity ok" [ "$(q 'PRAGMA integrity_check')" = ok ]
if [ "$(wc -l <"$T_TMP/err")" = 2 ]; then
	pass "two lines on stderr: full, then writing again"
else
	fail "two lines on stderr: full, then writing again" \
		"$(tr '\n' '|' <"$T_TMP/err")"
fi

# --- a long outage, then only a little space ---
if ! mount -t tmpfs -o size=4m,mode=0755 oomwatch-test2 "$mnt2" 2>"$T_TMP/merr"; then
	skip "disk full, long outage" "cannot mount a tmpfs: $(cat "$T_TMP/merr")"
	t_done
	exit
fi
db="$mnt2/h.db"
err2="$T_TMP/err2"
said2() { [ "$(grep -c "$1" "$err2")" -ge 1 ]; }
dd if=/dev/zero of="$mnt2/ballast" bs=1k count=1536 2>/dev/null
"$OOMWATCH_BIN" --record -d 0.02 --db "$db" 2>"$err2" &
pid=$!
own_pid "$pid"
wait_until 10 has 5
dd if=/dev/zero of="$mnt2/fill" bs=16k 2>/dev/null
check "outage: the disk fills" wait_until 60 said2 "disk full"
# 1,500 processes of about 1 kB of command line each, 0.3 s long, over
# about 8 s: every one is stored (1 MB of RSS), and every one has ended
# long before the outage's end
zeros=$(printf '0 %.0s' $(seq 480))
i=0
while [ $i -lt 1500 ]; do
	# shellcheck disable=SC2086
	sleep 0.3 $zeros &
	i=$((i + 1))
	[ $((i % 30)) = 0 ] && sleep 0.15
done
sleep 20 # well past RECORD_QUEUE_MAX samples at -d 0.02: the queue overflows
check "outage: the recorder keeps running" kill -0 "$pid"
before=$(count)
rm -f "$mnt2/ballast"
check "1.5 MB free: writing again within 15 s" wait_until 15 said2 "writing again"
if grep -q "writing again (.* [1-9][0-9]* dropped)" "$err2"; then
	pass "the outage overflowed the queue (samples dropped)"
else
	fail "the outage overflowed the queue (samples dropped)" "$(tr '\n' '|' <"$err2")"
fi
check "1.5 MB free: samples written" wait_until 10 has $((before + 20))
check "the outage's processes are not stored" \
	[ "$(q "SELECT count(*) FROM procs WHERE cmdline LIKE 'sleep 0.3 0 0 0%'")" -lt 100 ]
# full again, then SIGTERM: the samples in memory are said lost
dd if=/dev/zero of="$mnt2/fill2" bs=16k 2>/dev/null
# until writes stop (the -wal's own room may take a few more samples)
stalled() {
	_c=$(count)
	sleep 0.5
	[ "$(count)" = "$_c" ]
}
check "full again: no sample written for 0.5 s" wait_until 20 stalled
kill -TERM "$pid"
wait "$pid"
check "SIGTERM during an outage: exit 0" [ $? = 0 ]
if grep -q "stopping with [1-9][0-9]* samples not written" "$err2"; then
	pass "SIGTERM during an outage: the lost samples are said"
else
	fail "SIGTERM during an outage: the lost samples are said" "$(tr '\n' '|' <"$err2")"
fi
t_done
