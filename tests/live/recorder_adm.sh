#!/bin/sh
# A member of adm who is not root reads the root recorder's database
# read-only, with and without a recorder running: the recorder (root)
# keeps its -wal and -shm files after it stops (SQLite's persistent WAL),
# 0640 root:adm like the database, so a read-only reader that cannot
# write the directory still opens it. The reader is nobody with adm as
# its only group (setpriv); the database is in a directory of this
# test's own, and only the recorder this test starts is stopped.
. "$(dirname "$0")/../lib.sh"

if [ ! -x "$OOMWATCH_BIN" ]; then
	skip "recorder adm reader" "oomwatch not built"
	exit 0
fi
if ! is_root; then
	skip "recorder adm reader" "needs root (the recorder writes root:adm, the reader drops to nobody)"
	exit 0
fi
if ! command -v setpriv >/dev/null 2>&1; then
	skip "recorder adm reader" "setpriv (util-linux) missing"
	exit 0
fi
if ! getent group adm >/dev/null 2>&1; then
	skip "recorder adm reader" "no group adm"
	exit 0
fi
if ! setpriv --reuid=65534 --regid=65534 --groups=4 test -x "$OOMWATCH_BIN"; then
	skip "recorder adm reader" "nobody cannot run $OOMWATCH_BIN"
	exit 0
fi
chmod 0711 "$T_TMP"
sd="$T_TMP/sd"
mkdir -m 0755 "$sd"
db="$sd/h.db"
# as nobody + adm, in a directory nobody cannot write
as_adm() {
	setpriv --reuid=65534 --regid=65534 --groups=4 \
		env -i PATH="$PATH" HOME=/nonexistent "$@"
}

"$OOMWATCH_BIN" --record -d 0.1 --samples 5 --kmsg-file /dev/null \
	--db "$db" 2>"$T_TMP/rec.err"
check "recorder: 5 samples, exit 0" [ $? = 0 ]
check "database 0640 root:adm" [ "$(stat -c %a:%U:%G "$db")" = 640:root:adm ]
check "stopped: -wal kept, 0640 root:adm" [ "$(stat -c %a:%U:%G "$db-wal" 2>/dev/null)" = 640:root:adm ]
check "stopped: -shm kept, 0640 root:adm" [ "$(stat -c %a:%U:%G "$db-shm" 2>/dev/null)" = 640:root:adm ]
check "the reader cannot write the directory" as_adm sh -c '! touch "$1/x" 2>/dev/null' sh "$sd"

as_adm "$OOMWATCH_BIN" --report --since 1h --db "$db" >"$T_TMP/r1" 2>"$T_TMP/r1.err"
rc=$?
check "no recorder: --report as nobody+adm exits 0" [ $rc = 0 ]
check "no recorder: no error" [ ! -s "$T_TMP/r1.err" ] || { cat "$T_TMP/r1.err"; false; }
check "no recorder: the database untouched by the reader" [ "$(stat -c %U "$db-wal")" = root ]
if command -v sqlite3 >/dev/null 2>&1; then
	n=$(as_adm sqlite3 -readonly "$db" 'SELECT count(*) FROM samples' 2>"$T_TMP/q.err")
	check "no recorder: the sqlite3 shell reads it read-only (5 samples)" [ "$n" = 5 ]
else
	skip "no recorder: the sqlite3 shell reads it" "sqlite3 missing"
fi

"$OOMWATCH_BIN" --record -d 0.1 --kmsg-file /dev/null --db "$db" 2>"$T_TMP/rec2.err" &
rec=$!
own_pid "$rec"
check "recorder running" wait_until 10 sh -c '[ "$(sqlite3 -readonly "$1" "SELECT count(*) FROM samples" 2>/dev/null)" -ge 8 ]' sh "$db"
as_adm "$OOMWATCH_BIN" --report --since 1h --db "$db" >"$T_TMP/r2" 2>"$T_TMP/r2.err"
rc=$?
check "recorder running: --report as nobody+adm exits 0" [ $rc = 0 ]
check "recorder running: no error" [ ! -s "$T_TMP/r2.err" ] || { cat "$T_TMP/r2.err"; false; }
kill -TERM "$rec"
wait "$rec"
check "recorder exits 0 on SIGTERM" [ $? = 0 ]
as_adm "$OOMWATCH_BIN" --report --since 1h --db "$db" >"$T_TMP/r3" 2>"$T_TMP/r3.err"
check "after SIGTERM: --report as nobody+adm exits 0" [ $? = 0 ]
check "integrity ok" [ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ]
t_done
