#!/bin/sh
# Live test of `oomwatch --report` on a database the real recorder wrote
# (-d 0.2, 60 samples): a trendhog child of this test grows 2 MiB/s the
# whole time, and, as root, an oomhog child is killed by a real memcg OOM
# in a child cgroup of this test's own. --report must then name the
# kill's victim (pid, comm, constraint memcg, the child's path) with a
# top by RSS from the sample before it, rank the trendhog rising, and
# --json must parse with the same facts. A missing database is one line
# on stderr and exit 1. Only the test's own children and cgroup are
# touched; all are removed.
. "$(dirname "$0")/../lib.sh"
HOG=""
rep_cleanup() {
	[ -n "$HOG" ] && kill -9 "$HOG" 2>/dev/null
	t_cleanup
	memcg_remove
}
trap 'rep_cleanup' EXIT
trap 'rep_cleanup; exit 1' INT TERM

if [ ! -x "$PROGS/trendhog" ] || [ ! -x "$PROGS/oomhog" ] ||
	[ ! -x "$OOMWATCH_BIN" ]; then
	skip "report live" "trendhog, oomhog or oomwatch not built"
	exit 0
fi
if ! command -v python3 >/dev/null 2>&1 || ! command -v sqlite3 >/dev/null 2>&1; then
	skip "report live" "python3 or sqlite3 missing"
	exit 0
fi
if ! is_root; then
	skip "report live" "needs root for the memcg OOM kill it reports"
	exit 0
fi
if [ ! -r /dev/kmsg ]; then
	skip "report live" "/dev/kmsg not readable"
	exit 0
fi
if ! memcg_child "oomwatch-report-$$" 64; then
	skip "report live" "$MEMCG_WHY"
	exit 0
fi
db="$T_TMP/h.db"
samples() { sqlite3 -cmd '.timeout 5000' "$db" 'SELECT count(*) FROM samples' 2>/dev/null || echo 0; }
has() { [ -e "$db" ] && [ "$(samples)" -ge "$1" ]; }

"$PROGS/trendhog" grow >"$T_TMP/grow.out" 2>&1 &
grow=$!
own_pid "$grow"
wait_until 10 grep -q ready "$T_TMP/grow.out" || { fail "trendhog ready"; exit 1; }
"$OOMWATCH_BIN" --record -d 0.2 --samples 60 --db "$db" 2>"$T_TMP/rec.err" &
rec=$!
own_pid "$rec"
wait_until 30 has 10 || { fail "the recorder's first 10 samples"; exit 1; }
# The hog joins the cgroup itself, then becomes oomhog (same pid).
sh -c 'echo $$ >"$1/cgroup.procs" && exec "$2/oomhog" 256' sh "$MEMCG" \
	"$PROGS" >"$T_TMP/hog.out" 2>&1 &
HOG=$!
wait "$HOG"
rc=$?
hog=$HOG
HOG=""
check "oomhog killed by the OOM killer (exit $rc)" [ "$rc" = 137 ]
wait "$rec"
check "the recorder ran its 60 samples and exited 0" [ $? = 0 ]
check "the recorder said nothing" [ ! -s "$T_TMP/rec.err" ]

"$OOMWATCH_BIN" --report --since 1h --db "$db" >"$T_TMP/rep.txt" 2>"$T_TMP/rep.err"
check "--report exits 0" [ $? = 0 ]
[ -n "${REPORT_SHOW:-}" ] && cat "$T_TMP/rep.txt"
check "--report names the victim with its memcg" \
	grep -qF "pid $hog oomhog  RSS" "$T_TMP/rep.txt"
check "--report shows the memcg path" grep -qF "memcg $MEMCG_PATH" "$T_TMP/rep.txt"
check "--report ranks the trendhog rising" \
	grep -qE "^ +$grow +\+[0-9.]+[KMG]/h .* trendhog$" "$T_TMP/rep.txt"
"$OOMWATCH_BIN" --report --json --db "$db" >"$T_TMP/rep.json" 2>>"$T_TMP/rep.err"
check "--report --json exits 0" [ $? = 0 ]
check "--report said nothing on stderr" [ ! -s "$T_TMP/rep.err" ]
cat >"$T_TMP/check.py" <<'PY'
import json, sys
doc = json.loads(open(sys.argv[1]).read())
hog, grow, path = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
kills = [k for k in doc["kills"] if k["pid"] == hog]
def say(ok, name):
    print("%s: %s" % ("PASS" if ok else "FAIL", name))
say(len(kills) == 1, "json: one kill of pid %d" % hog)
k = kills[0] if kills else {}
say(k.get("comm") == "oomhog" and k.get("constraint") == "memcg"
    and k.get("memcg") == path, "json: victim comm, constraint, memcg")
say(k.get("before_ms") is not None and 0 < len(k.get("top", [])) <= 5
    and k["before_ms"] <= k["time_ms"], "json: a top 5 from a sample before")
say(any(r["pid"] == grow and r["rate_kb_per_hour"] > 0
        for r in doc["rising"]), "json: trendhog rising")
say(doc["samples"] == 60 and doc["peak_used"]["kb"] > 0,
    "json: 60 samples and a peak")
PY
python3 "$T_TMP/check.py" "$T_TMP/rep.json" "$hog" "$grow" "$MEMCG_PATH" \
	>"$T_TMP/check.out" 2>&1 || echo "FAIL: json checker ($(tail -n 1 "$T_TMP/check.out"))" >>"$T_TMP/check.out"
cat "$T_TMP/check.out"
T_FAILS=$((T_FAILS + $(grep -c '^FAIL' "$T_TMP/check.out")))

"$OOMWATCH_BIN" --report --db "$T_TMP/none.db" >"$T_TMP/none.out" 2>"$T_TMP/none.err"
check "a missing database: exit 1" [ $? = 1 ]
check "a missing database: nothing on stdout" [ ! -s "$T_TMP/none.out" ]
check "a missing database: one line on stderr" [ "$(wc -l <"$T_TMP/none.err")" = 1 ]
check "a missing database: the line names it" \
	grep -q "none.db: no history database" "$T_TMP/none.err"
t_done
