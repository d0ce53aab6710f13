#!/bin/sh
# Disk full, on a small tmpfs of its own (root): the recorder says so once
# on stderr, keeps sampling into memory without exiting, and writes the
# kept samples when space returns; the database stays whole.
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
mkdir "$mnt"
if ! mount -t tmpfs -o size=3m,mode=0755 oomwatch-test "$mnt" 2>"$T_TMP/merr"; then
	skip "recorder disk full" "cannot mount a tmpfs: $(cat "$T_TMP/merr")"
	exit 0
fi
df_cleanup() {
	for p in $T_PIDS; do kill -9 "$p" 2>/dev/null; done
	sleep 0.1
	umount "$mnt" 2>/dev/null || umount -l "$mnt"
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
t_done
