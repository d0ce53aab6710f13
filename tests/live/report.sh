#!/bin/sh
# Live test of `oomwatch --report` on a database the real recorder wrote
# (-d 0.2, 60 samples): a trendhog child of this test grows 2 MiB/s the
# whole time, and, as root, an oomhog child is killed by a real memcg OOM
# in a child cgroup of this test's own. --report must then name the
# kill's victim (pid, comm, constraint memcg, the child's path) at the
# kill's real time (within a second of when the test saw the hog die)
# with a top by RSS from the sample before it, and not rank the trendhog
# rising (12 s of rows are one minute point: no verdict); --json must
# parse with the same facts. A second recorder started seconds later
# finds the kill in the kernel log's backlog: its report still shows the
# kill at its real time, not the recorder's start, and a --since window
# that starts after the kill leaves it out. A missing database is one
# line on stderr and exit 1. Only the test's own children and cgroup are
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
lacks() { ! grep -qE -- "$1" "$2"; }
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
before_ms=$(date +%s%3N)
wait "$HOG"
rc=$?
after_ms=$(date +%s%3N)
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
sed -n '/^Rising:/,/^Memory:/p' "$T_TMP/rep.txt" >"$T_TMP/rising.txt"
check "--report has a Rising section" grep -q "^Rising: " "$T_TMP/rising.txt"
check "--report does not rank the 12 s trendhog (no verdict)" \
	lacks " trendhog$" "$T_TMP/rising.txt"
check "--report shows the kill without the recorded marker" \
	lacks "pid $hog oomhog.*recorded" "$T_TMP/rep.txt"
"$OOMWATCH_BIN" --report --json --db "$db" >"$T_TMP/rep.json" 2>>"$T_TMP/rep.err"
check "--report --json exits 0" [ $? = 0 ]
check "--report said nothing on stderr" [ ! -s "$T_TMP/rep.err" ]
cat >"$T_TMP/check.py" <<'PY'
import json, sys
doc = json.loads(open(sys.argv[1]).read())
hog, grow, path = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
lo, hi = int(sys.argv[5]) - 1000, int(sys.argv[6]) + 1000
kills = [k for k in doc["kills"] if k["pid"] == hog]
def say(ok, name):
    print("%s: %s" % ("PASS" if ok else "FAIL", name))
say(len(kills) == 1, "json: one kill of pid %d" % hog)
k = kills[0] if kills else {}
say(k.get("comm") == "oomhog" and k.get("constraint") == "memcg"
    and k.get("memcg") == path, "json: victim comm, constraint, memcg")
say(k.get("before_ms") is not None and 0 < len(k.get("top", [])) <= 5
    and k["before_ms"] <= k["time_ms"], "json: a top 5 from a sample before")
say(k.get("log_time") is True and k.get("log_boot_us") is not None
    and lo <= k.get("time_ms", 0) <= hi,
    "json: the kill at its real time (%s in %d..%d)"
    % (k.get("time_ms"), lo, hi))
say(all(r["pid"] != grow for r in doc["rising"]),
    "json: trendhog not rising (one minute point)")
if len(sys.argv) < 8:
    say(doc["samples"] == 60 and doc["peak_used"]["kb"] > 0,
        "json: 60 samples and a peak")
PY
python3 "$T_TMP/check.py" "$T_TMP/rep.json" "$hog" "$grow" "$MEMCG_PATH" \
	"$before_ms" "$after_ms" \
	>"$T_TMP/check.out" 2>&1 || echo "FAIL: json checker ($(tail -n 1 "$T_TMP/check.out"))" >>"$T_TMP/check.out"
cat "$T_TMP/check.out"
T_FAILS=$((T_FAILS + $(grep -c '^FAIL' "$T_TMP/check.out")))

# A second recorder, started 4 s after the kill, reads it from the
# kernel log's backlog into a new database.
sleep 4
db="$T_TMP/h2.db"
"$OOMWATCH_BIN" --record -d 0.2 --samples 5 --db "$db" 2>"$T_TMP/rec2.err"
check "the second recorder exited 0" [ $? = 0 ]
"$OOMWATCH_BIN" --report --json --db "$db" >"$T_TMP/rep2.json" 2>"$T_TMP/rep2.err"
check "--report (backlog) exits 0" [ $? = 0 ]
python3 "$T_TMP/check.py" "$T_TMP/rep2.json" "$hog" "$grow" "$MEMCG_PATH" \
	"$before_ms" "$after_ms" backlog >"$T_TMP/check2.out" 2>&1 ||
	echo "FAIL: json checker ($(tail -n 1 "$T_TMP/check2.out"))" >>"$T_TMP/check2.out"
grep -v "top 5" "$T_TMP/check2.out" | sed 's/^\([A-Z]*\): /\1: backlog: /'
T_FAILS=$((T_FAILS + $(grep -v "top 5" "$T_TMP/check2.out" | grep -c '^FAIL')))
"$OOMWATCH_BIN" --report --since 3s --db "$db" >"$T_TMP/rep3.txt" 2>&1
check "--since 3s leaves out the backlog kill of 4 s before" \
	lacks "pid $hog oomhog" "$T_TMP/rep3.txt"

"$OOMWATCH_BIN" --report --db "$T_TMP/none.db" >"$T_TMP/none.out" 2>"$T_TMP/none.err"
check "a missing database: exit 1" [ $? = 1 ]
check "a missing database: nothing on stdout" [ ! -s "$T_TMP/none.out" ]
check "a missing database: one line on stderr" [ "$(wc -l <"$T_TMP/none.err")" = 1 ]
check "a missing database: the line names it" \
	grep -q "none.db: no history database" "$T_TMP/none.err"
t_done
