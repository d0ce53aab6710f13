#!/bin/sh
# Databases the recorder cannot use: a read-only file, a corrupt file, a
# newer schema, a database another recorder holds. Each is one clear line
# on stderr and a non-zero exit, and the file is left as it was.
. "$(dirname "$0")/../lib.sh"

if [ ! -x "$OOMWATCH_BIN" ] || ! command -v sqlite3 >/dev/null 2>&1; then
	skip "recorder errors" "oomwatch not built or sqlite3 missing"
	exit 0
fi
# refused NAME PATTERN [ARGS]: --record exits non-zero with one line
# matching PATTERN on stderr
refused() {
	n=$1 pat=$2
	shift 2
	"$@" --record -d 0.05 --samples 2 --db "$db" >"$T_TMP/out" 2>"$T_TMP/err"
	rc=$?
	check "$n: non-zero exit" [ "$rc" != 0 ]
	check "$n: one line on stderr" [ "$(wc -l <"$T_TMP/err")" = 1 ]
	check "$n: says why" grep -q "$pat" "$T_TMP/err"
}
dir="$T_TMP/d"
mkdir "$dir"
db="$dir/h.db"

"$OOMWATCH_BIN" --record -d 0.05 --samples 2 --db "$db"
check "a good database to start from" [ -s "$db" ]
chmod 0444 "$db"
if is_root; then
	if command -v setpriv >/dev/null 2>&1; then
		chmod 0777 "$dir"
		chown 65534 "$db"
		refused "read-only file" "cannot write the database" \
			setpriv --reuid=65534 --regid=65534 --clear-groups "$OOMWATCH_BIN"
	else
		skip "read-only file" "root writes anything; no setpriv to drop it"
	fi
else
	refused "read-only file" "cannot write the database" "$OOMWATCH_BIN"
fi
rm -f "$db" "$db.lock"

head -c 8192 /dev/urandom >"$db"
cp "$db" "$T_TMP/copy"
refused "corrupt file" "not a history database, or damaged" "$OOMWATCH_BIN"
check "corrupt file: left as it was" cmp -s "$db" "$T_TMP/copy"
rm -f "$db"

sqlite3 "$db" 'PRAGMA user_version = 9; CREATE TABLE later(x);'
refused "newer schema" "schema version 9 is newer" "$OOMWATCH_BIN"
check "newer schema: left as it was" \
	[ "$(sqlite3 "$db" 'PRAGMA user_version')" = 9 ]
rm -f "$db"

"$OOMWATCH_BIN" --record -d 0.05 --db "$db" 2>"$T_TMP/first" &
pid=$!
own_pid "$pid"
wait_until 10 test -s "$db"
refused "second recorder" "another recorder (pid $pid)" "$OOMWATCH_BIN"
check "the first recorder lives on" kill -0 "$pid"
kill -TERM "$pid"
wait "$pid"
check "the first recorder exits 0" [ $? = 0 ]
t_done
