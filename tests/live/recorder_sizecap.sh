#!/bin/sh
# --max-size with black boxes over the cap (a crash-looping service's
# kills): the recorder drops the oldest boxes, says so once on stderr,
# keeps its samples (the review found it deleting every sample but the
# newest), keeps the events, and the database with its -wal ends under
# the cap.
. "$(dirname "$0")/../lib.sh"

if [ ! -x "$OOMWATCH_BIN" ] || ! command -v sqlite3 >/dev/null 2>&1; then
	skip "recorder size cap" "oomwatch not built or sqlite3 missing"
	exit 0
fi
db="$T_TMP/h.db"
disk() { echo $(($(stat -c %s "$db") + $(stat -c %s "$db-wal" 2>/dev/null || echo 0))); }

"$OOMWATCH_BIN" --record -d 0.05 --samples 20 --db "$db" 2>"$T_TMP/err0"
check "a first record" has_samples 20
# 40 kills of this boot, each with a box of 2,000 processes: about 4 MB
q "WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 40)
INSERT INTO events(sample_id, time_ms, boot, kind, log_time_kind, log_time_us, seq, pid, json)
SELECT NULL, (SELECT max(time_ms) FROM samples), 1, 'oom_kill', 1, n, 900000 + n, 100, '{}' FROM k;
INSERT INTO blackbox(event_id, time_ms) SELECT id, time_ms FROM events WHERE seq > 900000;
WITH RECURSIVE p(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM p WHERE n < 2000)
INSERT INTO bb_procs(bb_id, pid, start_time, uid, comm, rss_kb, anon_kb, swap_kb, oom_score, oom_score_adj)
SELECT b.id, p.n, 1000 + p.n, 0, 'worker-' || p.n, 100000 + p.n, 90000, 0, 500, 0 FROM blackbox b, p;" ||
	fail "inflating the black boxes"
samples=$(q 'SELECT count(*) FROM samples')
check "the boxes are over the cap" [ "$(disk)" -gt 3000000 ]

"$OOMWATCH_BIN" --record -d 0.05 --samples 60 --max-size 1M --db "$db" 2>"$T_TMP/err"
check "capped: exit 0" [ $? = 0 ]
check "capped: every sample kept (and 60 more)" \
	[ "$(q 'SELECT count(*) FROM samples')" -ge $((samples + 60)) ]
check "capped: the events stay" \
	[ "$(q 'SELECT count(*) FROM events WHERE seq > 900000')" = 40 ]
check "capped: the oldest boxes went" \
	[ "$(q 'SELECT min(e.seq) FROM blackbox b JOIN events e ON e.id = b.event_id')" -gt 900001 ]
check "capped: the newest box stayed" \
	[ "$(q 'SELECT max(e.seq) FROM blackbox b JOIN events e ON e.id = b.event_id')" = 900040 ]
check "capped: database and -wal under 1M" [ "$(disk)" -le 1048576 ]
if [ "$(grep -c 'black boxes took more than half of --max-size' "$T_TMP/err")" = 1 ]; then
	pass "capped: said once on stderr"
else
	fail "capped: said once on stderr" "$(tr '\n' '|' <"$T_TMP/err")"
fi
check "capped: integrity ok" [ "$(q 'PRAGMA integrity_check')" = ok ]
t_done
