#!/bin/sh
# A database another program holds a write lock on (the sqlite3 shell in
# a long transaction): a recorder that starts then says so in one line and
# exits non-zero; a running recorder says so once, keeps its samples in
# memory, and writes them when the lock is gone.
. "$(dirname "$0")/../lib.sh"

if [ ! -x "$OOMWATCH_BIN" ] || ! command -v sqlite3 >/dev/null 2>&1; then
	skip "recorder locked" "oomwatch not built or sqlite3 missing"
	exit 0
fi
db="$T_TMP/h.db"
# (never creates the file: the recorder must)
count() { q 'SELECT count(*) FROM samples' 2>/dev/null || echo 0; }
has() { [ "$(count)" -ge "$1" ]; }
said() { grep -q "$1" "$T_TMP/err"; }
# hold SECONDS: a writer lock held by the sqlite3 shell in the background
hold() {
	{ echo 'BEGIN IMMEDIATE;'; echo "INSERT INTO boots(boot_id, first_ms) VALUES('lock', 0);"; sleep "$1"; echo 'ROLLBACK;'; } |
		sqlite3 "$db" &
	own_pid $!
	wait_until 5 sh -c "[ -e '$db-wal' ] && ! sqlite3 -cmd '.timeout 1' '$db' 'BEGIN IMMEDIATE; ROLLBACK;' 2>/dev/null"
}

"$OOMWATCH_BIN" --record -d 0.05 --samples 2 --db "$db"
hold 8
"$OOMWATCH_BIN" --record -d 0.05 --samples 2 --db "$db" 2>"$T_TMP/err"
check "locked at start: non-zero exit" [ $? != 0 ]
check "locked at start: one line" [ "$(wc -l <"$T_TMP/err")" = 1 ]
check "locked at start: says so" said "locked by another program for more than 5 s"
wait_until 10 sh -c "sqlite3 -cmd '.timeout 1' '$db' 'BEGIN IMMEDIATE; ROLLBACK;' 2>/dev/null"

"$OOMWATCH_BIN" --record -d 0.05 --db "$db" 2>"$T_TMP/err" &
pid=$!
own_pid "$pid"
wait_until 10 has 5
hold 8
check "locked while running: said on stderr" wait_until 15 said "locked"
before=$(count)
check "locked while running: the recorder keeps running" kill -0 "$pid"
check "lock gone: writing again" wait_until 20 said "writing again"
check "the samples kept in memory are written" wait_until 10 has $((before + 2))
kill -TERM "$pid"
wait "$pid"
check "SIGTERM: exit 0" [ $? = 0 ]
check "said once, then writing again" [ "$(wc -l <"$T_TMP/err")" = 2 ]
check "integrity ok" [ "$(q 'PRAGMA integrity_check')" = ok ]
t_done
