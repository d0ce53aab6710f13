#!/bin/sh
# kill -9 at random points while the recorder writes 200 samples (-d 0.02,
# at least ten rounds, more until 200 are written): the database passes
# PRAGMA integrity_check after every kill, every sample a reader saw committed just before the kill is still there
# (at most the one being written is lost), no sample is half written (no
# process row without its sample or identity), and the next recorder opens
# the same database and goes on.
. "$(dirname "$0")/../lib.sh"

if [ ! -x "$OOMWATCH_BIN" ] || ! command -v sqlite3 >/dev/null 2>&1; then
	skip "recorder kill -9" "oomwatch not built or sqlite3 missing"
	exit 0
fi
db="$T_TMP/h.db"
# (never creates the file: the recorder must)
samples() { q 'SELECT count(*) FROM samples' 2>/dev/null || echo 0; }
has() { [ "$(samples)" -ge "$1" ]; }
ok=0 lost=0 torn=0 bad=0 rounds=10
i=0
while [ $i -lt $rounds ] || { [ "$(samples)" -lt 200 ] && [ $i -lt 30 ]; }; do
	i=$((i + 1))
	"$OOMWATCH_BIN" --record -d 0.02 --samples 1000 --db "$db" \
		2>>"$T_TMP/err" &
	pid=$!
	own_pid "$pid"
	# a random point: 5 to 35 samples into the round, then up to one
	# more sample's time (so the kill may land inside a transaction)
	r=$(awk -v s="$i$$" 'BEGIN{srand(s); printf "%d %03d", 5 + rand() * 30, rand() * 20}')
	wait_until 30 has $(($(samples) + ${r% *}))
	sleep "0.${r#* }"
	before=$(samples)
	kill -9 "$pid"
	wait "$pid" 2>/dev/null
	[ "$(q 'PRAGMA integrity_check')" = ok ] || bad=$((bad + 1))
	after=$(samples)
	[ "$after" -ge "$before" ] || lost=$((lost + 1))
	t=$(q 'SELECT count(*) FROM proc_rows r LEFT JOIN samples s ON
		s.id = r.sample_id LEFT JOIN procs p ON p.id = r.proc_id
		WHERE s.id IS NULL OR p.id IS NULL')
	[ "$t" = 0 ] || torn=$((torn + 1))
	[ "$after" -gt 0 ] && ok=$((ok + 1))
done
total=$(samples)
check "integrity_check ok after each of $i kills" [ "$bad" = 0 ]
check "no committed sample lost to a kill" [ "$lost" = 0 ]
check "no half-written sample" [ "$torn" = 0 ]
check "samples written across the kills ($total)" [ "$total" -ge 200 ]
"$OOMWATCH_BIN" --record -d 0.02 --samples 5 --db "$db" 2>>"$T_TMP/err"
check "a recorder opens the killed database and goes on" \
	[ "$(samples)" -ge $((total + 5)) ]
check "no message on stderr" [ ! -s "$T_TMP/err" ]
t_done
