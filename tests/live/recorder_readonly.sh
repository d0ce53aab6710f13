#!/bin/sh
# The readers on a history database they cannot write beside (a disk
# mounted read-only for a post-mortem, a read-only backup): a copy with no
# -shm is read as an immutable file and the note says so, for --report
# (text and JSON) and the dashboard's status line; a -wal that cannot be
# read is named with its size. Two ways: a read-only bind mount in a mount
# namespace of this test's own (unshare -m: it goes when the test's
# processes end), and a 0555 directory read by nobody (setpriv; root
# ignores mode bits). Also the dashboard's status line for a newer schema
# (read, and said) and for --db on a directory (said as --report says it).
. "$(dirname "$0")/../lib.sh"

if [ ! -x "$OOMWATCH_BIN" ] || ! command -v sqlite3 >/dev/null 2>&1; then
	skip "readers on read-only files" "oomwatch not built or sqlite3 missing"
	exit 0
fi
if ! is_root; then
	skip "readers on read-only files" "needs root (a bind mount, setpriv)"
	exit 0
fi
BIN=$OOMWATCH_BIN
chmod 0711 "$T_TMP"
src="$T_TMP/src"
ro="$T_TMP/ro"
mkdir -m 0755 "$src" "$ro" "$T_TMP/mnt"
"$BIN" --record -d 0.1 --samples 8 --kmsg-file /dev/null --db "$src/h.db" \
	2>"$T_TMP/rec.err" || fail "the recorder made the database" "$(cat "$T_TMP/rec.err")"
cp "$src/h.db" "$ro/plain.db"
# a copy taken while a writer had samples only in its WAL
cp "$src/h.db" "$src/w.db"
sqlite3 "$src/w.db" "PRAGMA wal_autocheckpoint = 0;" \
	"UPDATE samples SET mem_free_kb = mem_free_kb + 1;" \
	".shell cp '$src/w.db' '$ro/walled.db'; cp '$src/w.db-wal' '$ro/walled.db-wal'"
chmod 0644 "$ro"/*
check "the copies have no -shm" [ ! -e "$ro/plain.db-shm" ] && [ ! -e "$ro/walled.db-shm" ]
check "the walled copy's -wal is not empty" [ -s "$ro/walled.db-wal" ]

# in_ro CMD...: run CMD with $T_TMP/mnt a read-only bind mount of $ro
in_ro() {
	unshare -m sh -c 'mount --make-rprivate / &&
		mount --bind "$1" "$2" && mount -o remount,ro,bind "$2" &&
		shift 2 && exec "$@"' sh "$ro" "$T_TMP/mnt" "$@"
}
if ! in_ro true 2>"$T_TMP/ns.err"; then
	skip "read-only file system" "no private read-only bind mount: $(cat "$T_TMP/ns.err")"
else
	in_ro "$BIN" --report --since 1h --db "$T_TMP/mnt/plain.db" \
		>"$T_TMP/r1" 2>"$T_TMP/r1.err"
	check "ro fs: --report reads a copy with no -shm (exit 0)" [ $? = 0 ]
	check "ro fs: its 8 samples" grep -q ", 8 samples$" "$T_TMP/r1"
	check "ro fs: the header says how it was read" grep -qx \
		"database: $T_TMP/mnt/plain.db; read-only file system: read as is, with no -shm" "$T_TMP/r1"
	check "ro fs: nothing on stderr" [ ! -s "$T_TMP/r1.err" ]
	in_ro "$BIN" --report --json --since 1h --db "$T_TMP/mnt/walled.db" \
		>"$T_TMP/r2" 2>"$T_TMP/r2.err"
	check "ro fs: --report --json with an unreadable -wal (exit 0)" [ $? = 0 ]
	check "ro fs: the JSON note names the -wal not read" \
		grep -q '"note": "read-only file system: read without the -wal (its [0-9]* kB not read)"' "$T_TMP/r2"
	if has_tmux; then
		tmux_start 120 30 "unshare -m sh -c 'mount --make-rprivate / && mount --bind $ro $T_TMP/mnt && mount -o remount,ro,bind $T_TMP/mnt && exec $BIN -d 0.5 --no-protect --db $T_TMP/mnt/plain.db'"
		check "ro fs: the dashboard loads it and says how" \
			tmux_wait "from $T_TMP/mnt/plain.db; read-only file system: read as is" 10
		tmux_stop
	fi
fi

# a directory nobody cannot write: the same fallback, said as a directory
chmod 0555 "$ro"
setpriv --reuid=65534 --regid=65534 --clear-groups env -i PATH="$PATH" \
	HOME=/nonexistent "$BIN" --report --since 1h --db "$ro/plain.db" \
	>"$T_TMP/r3" 2>"$T_TMP/r3.err"
check "ro directory: --report as nobody (exit 0)" [ $? = 0 ]
check "ro directory: the header says so" grep -qx \
	"database: $ro/plain.db; read-only directory: read as is, with no -shm" "$T_TMP/r3"
chmod 0755 "$ro"

if has_tmux; then
	cp "$src/h.db" "$T_TMP/newer.db"
	sqlite3 "$T_TMP/newer.db" "PRAGMA user_version = 99"
	tmux_start 160 30 "$BIN -d 0.5 --no-protect --db $T_TMP/newer.db"
	check "newer schema: the dashboard reads it and says so" \
		tmux_wait "from $T_TMP/newer.db; schema 99, newer than this oomwatch's 4: read as 4" 10
	tmux_stop
	tmux_start 160 30 "$BIN -d 0.5 --no-protect --db $src"
	check "a directory: the dashboard says it as --report does" \
		tmux_wait "history: is a directory, not a database file at $src" 10
	tmux_stop
else
	skip "dashboard status lines" "tmux is not installed"
fi
t_done
