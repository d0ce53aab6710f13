#!/bin/sh
# The recorder's signals and what it stores: SIGTERM exits 0 with the last
# transaction complete (the WAL checkpointed away); SIGHUP after the file
# was moved makes a new one at the path while the moved one stays whole;
# the database is 0640 (root:adm as root); kernel events are stored with
# the JSON of `--events --json`, once however often the log is read;
# --no-cmdline stores no command line.
. "$(dirname "$0")/../lib.sh"

if [ ! -x "$OOMWATCH_BIN" ] || ! command -v sqlite3 >/dev/null 2>&1; then
	skip "recorder signals" "oomwatch not built or sqlite3 missing"
	exit 0
fi
db="$T_TMP/h.db"
# (never creates the file: the recorder must)
q() { [ -e "$1" ] && sqlite3 -cmd '.timeout 5000' "$1" "$2"; }
has_samples() { [ "$(q "$1" 'SELECT count(*) FROM samples' 2>/dev/null)" -ge "$2" ] 2>/dev/null; }

"$OOMWATCH_BIN" --record -d 0.05 --db "$db" 2>"$T_TMP/err" &
pid=$!
own_pid "$pid"
wait_until 10 has_samples "$db" 5
kill -TERM "$pid"
wait "$pid"
check "SIGTERM: exit 0" [ $? = 0 ]
check "SIGTERM: integrity ok" [ "$(q "$db" 'PRAGMA integrity_check')" = ok ]
check "SIGTERM: closed cleanly (no WAL left)" [ ! -e "$db-wal" ]
check "database mode 0640" [ "$(stat -c %a "$db")" = 640 ]
if is_root && getent group adm >/dev/null 2>&1; then
	check "root:adm as root" [ "$(stat -c %U:%G "$db")" = root:adm ]
fi
check "identities have command lines" \
	[ "$(q "$db" 'SELECT count(*) FROM procs WHERE cmdline IS NOT NULL')" -gt 0 ]

# SIGHUP after a logrotate-style move, from an empty file (nothing
# checkpointed before), twice in a row: the moved file holds every sample
# written before the HUP (the WAL is checkpointed into it, not left at the
# old name), and the new file only later ones (no stale WAL replayed).
rm -f "$db" "$db-wal" "$db-shm"
: >"$db"
"$OOMWATCH_BIN" --record -d 0.05 --db "$db" 2>"$T_TMP/err2" &
pid=$!
own_pid "$pid"
for gen in 1 2; do
	wait_until 10 has_samples "$db" $((gen * 5))
	want=$(q "$db" 'SELECT count(*) FROM samples')
	mv "$db" "$db.$gen"
	kill -HUP "$pid"
	check "SIGHUP $gen: a new database at the path" \
		wait_until 10 has_samples "$db" 2
	check "SIGHUP $gen: the recorder lives on" kill -0 "$pid"
	check "SIGHUP $gen: the moved database is whole" \
		[ "$(q "$db.$gen" 'PRAGMA integrity_check')" = ok ]
	got=$(q "$db.$gen" 'SELECT count(*) FROM samples' 2>/dev/null)
	check "SIGHUP $gen: the moved database holds all $want+ samples" \
		[ "${got:-0}" -ge "$want" ]
	check "SIGHUP $gen: with no gap in its ids" \
		[ "$(q "$db.$gen" 'SELECT max(id) - min(id) + 1 = count(*) FROM samples')" = 1 ]
	old=$(q "$db.$gen" 'SELECT max(time_ms) FROM samples' 2>/dev/null)
	check "SIGHUP $gen: the new database has only later samples" \
		[ "$(q "$db" "SELECT count(*) FROM samples WHERE time_ms <= ${old:-0}")" = 0 ]
done
kill -TERM "$pid"
wait "$pid"
check "SIGHUP: then SIGTERM exits 0" [ $? = 0 ]
check "no message on stderr" [ -z "$(cat "$T_TMP/err" "$T_TMP/err2")" ]

# kernel events from a saved log, with their JSON, stored once
FIX="$TOP/tests/fixtures/kmsg"
grep -v '^# ' "$FIX/09.txt" >"$T_TMP/09.log"
rm -f "$db" "$db.1"
for n in 1 2; do
	"$OOMWATCH_BIN" --record -d 0.05 --samples 2 --no-cmdline \
		--kmsg-file "$T_TMP/09.log" --db "$db"
done
want=$("$OOMWATCH_BIN" --events --json --kmsg-file "$T_TMP/09.log")
check "the event's JSON is --events --json's" \
	[ "$(q "$db" "SELECT json FROM events WHERE kind = 'oom_kill'")" = "$want" ]
check "read twice, stored once" \
	[ "$(q "$db" 'SELECT count(*) FROM events')" = 1 ]
check "--no-cmdline: no command line stored" \
	[ "$(q "$db" 'SELECT count(*) FROM procs WHERE cmdline IS NOT NULL')" = 0 ]
# more events than the engine's ring holds (256) arrive at once: none lost
awk 'BEGIN { for (i = 1; i <= 600; i++)
	printf "[%d.000000] Out of memory: Killed process %d (hog) total-vm:8kB, anon-rss:4kB, file-rss:0kB\n", i, 1000 + i }' \
	>"$T_TMP/many.log"
rm -f "$db"
"$OOMWATCH_BIN" --record -d 0.05 --samples 3 --kmsg-file "$T_TMP/many.log" --db "$db"
check "600 events at once: all 600 stored" \
	[ "$(q "$db" "SELECT count(*) FROM events WHERE kind = 'oom_kill'")" = 600 ]
t_done
