#!/bin/sh
# Short-lived processes with long command lines do not grow the record:
# a burst of perl processes of this test's own (about 5 MB of RSS, each
# living 0.1 s, well under one -d 0.5 sample, a 4 kB argument each) runs
# while the recorder samples; none of them gets an identity or a row
# (nothing is stored before a process's second sample). A long-lived one
# with the same 4 kB argument is stored, its command line cut to 1,023
# bytes. Only this test's own processes are started and stopped.
. "$(dirname "$0")/../lib.sh"

if [ ! -x "$OOMWATCH_BIN" ] || ! command -v sqlite3 >/dev/null 2>&1 ||
	! command -v python3 >/dev/null 2>&1 || ! command -v perl >/dev/null 2>&1; then
	skip "recorder short-lived" "oomwatch not built, or sqlite3, python3 or perl missing"
	exit 0
fi
db="$T_TMP/h.db"
long=$(head -c 4000 /dev/zero | tr '\0' y)
python3 -c 'import time; time.sleep(60)' oomwatch-long "$long" &
keep=$!
own_pid "$keep"
"$OOMWATCH_BIN" --record -d 0.5 --kmsg-file /dev/null --db "$db" 2>"$T_TMP/err" &
rec=$!
own_pid "$rec"
nb=0
end=$(($(date +%s) + 4))
while [ "$(date +%s)" -lt "$end" ]; do
	perl -e 'select(undef, undef, undef, 0.1)' oomwatch-burst "$long"
	nb=$((nb + 1))
done
# the long-lived one in two samples at least
sleep 1.2
kill -TERM "$rec"
wait "$rec"
check "recorder exits 0" [ $? = 0 ]
check "a burst was run ($nb processes)" [ "$nb" -ge 20 ]
q() { sqlite3 "$db" "$1"; }
burst=$(q "SELECT count(*) FROM procs WHERE comm = 'perl' AND (cmdline IS NULL OR cmdline LIKE 'perl -e % oomwatch-burst %')")
check "no burst process stored (of $nb; $burst stored)" [ "$burst" = 0 ]
kept=$(q "SELECT length(cmdline) FROM procs WHERE cmdline LIKE '%oomwatch-long%'")
check "the long-lived one is stored" [ -n "$kept" ]
check "its command line cut to 1023 bytes ($kept)" [ "${kept:-0}" = 1023 ]
check "no command line over 1023 bytes" [ "$(q 'SELECT count(*) FROM procs WHERE length(cast(cmdline AS blob)) > 1023')" = 0 ]
check "the first sample stores no process" \
	[ "$(q 'SELECT count(*) FROM proc_rows WHERE sample_id = (SELECT min(id) FROM samples)')" = 0 ]
check "later samples do" [ "$(q 'SELECT count(*) FROM proc_rows')" -gt 0 ]
t_done
