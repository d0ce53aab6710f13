#!/bin/sh
# Live test of the trends in `oomwatch --batch --json -n 40 -d 0.25`
# (issue 10): four trendhog children of this test, one growing 2 MiB/s,
# one sawtooth, one flat, one stepping once (4.5 s in), must read exactly
# rising, sawtooth, flat and step after the 40 samples; every process's
# "trend" is null on the first sample and an object with verdict,
# rate_kb_per_hour, span_s and samples after; the top-level "forecast"
# has no number on this machine (far from its low watermarks). The saw
# child sampled every 0.5 s (4 samples a tooth) is sawtooth too; span_s has
# a decimal. Without -n 2 or more, and in the text report's process table,
# no trend appears.
# Only our own children are touched; they are killed on exit.
. "$(dirname "$0")/../lib.sh"
J="$T_TMP/json"

if [ ! -x "$PROGS/trendhog" ] || [ ! -x "$OOMWATCH_BIN" ]; then
	skip "batch trend" "trendhog or oomwatch not built"
	exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
	skip "batch trend" "python3 missing"
	exit 0
fi

# start_hog MODE [ARG]: start trendhog, wait for "ready", print its pid.
start_hog() {
	out="$T_TMP/hog.$1"
	"$PROGS/trendhog" "$@" >"$out" 2>&1 &
	wait_until 10 grep -q ready "$out" || { kill -9 $! 2>/dev/null; return 1; }
	echo $!
}

# The checker: prints PASS/FAIL lines, or "SPLIT RSS..." when the step
# child's jump straddled a sample (its RSS was read halfway through the
# 32 MiB touch), which says nothing about the verdicts: the run is redone.
cat >"$T_TMP/check.py" <<'PY'
import json, sys
path, grow, saw, flat, step = sys.argv[1], *map(int, sys.argv[2:6])
want = {grow: "rising", saw: "sawtooth", flat: "flat", step: "step"}
lines = open(path).read().splitlines()
out = []
def say(ok, name, why=""):
    out.append("%s: %s%s" % ("PASS" if ok else "FAIL", name,
                             " (%s)" % why if why and not ok else ""))
docs = [json.loads(l) for l in lines]
rss = {pid: [] for pid in want}
for d in docs:
    for p in d["processes"]:
        if p["pid"] in rss:
            rss[p["pid"]].append(p["rss_kb"])
s = rss[step]
if len(s) == 40:
    lo, hi = min(s), max(s)
    if any(lo + 1024 < v < hi - 1024 for v in s):
        print("SPLIT", s)
        sys.exit()
say(len(docs) == 40, "40 JSON lines", len(docs))
say(all(len(v) == 40 for v in rss.values()), "every child in every sample",
    {k: len(v) for k, v in rss.items()})
keys = {"verdict", "rate_kb_per_hour", "span_s", "samples"}
bad = []
for i, d in enumerate(docs):
    for p in d["processes"]:
        t = p.get("trend", "missing")
        if i == 0:
            if t is not None:
                bad.append("line 1 pid %d: %r" % (p["pid"], t))
        elif not isinstance(t, dict) or set(t) != keys:
            bad.append("line %d pid %d: %r" % (i + 1, p["pid"], t))
        elif p["pid"] in want and t["samples"] != i + 1:
            bad.append("line %d pid %d samples %r" % (i + 1, p["pid"],
                                                      t["samples"]))
say(not bad, "trend: null on the first sample, then an object", bad[:3])
last = {p["pid"]: p["trend"] for p in docs[-1]["processes"]}
# 40 samples at 0.25 s span about 10 s; a machine so loaded that they
# took over 30 s sampled the children's shapes at random points
span = max([(t or {}).get("span_s") or 0 for t in last.values()] + [0])
for pid, verdict in want.items():
    t = last.get(pid) or {}
    if span > 30:
        out.append("SKIP: verdict %s (the 40 samples took %d s, not about "
                   "10: the machine is too loaded for this timing)"
                   % (verdict, span))
        continue
    say(t.get("verdict") == verdict, "verdict %s" % verdict,
        "pid %d: %r, rss %r" % (pid, t, rss[pid]))
    say(t.get("span_s", 0) >= 9, "span of the %s child is 9 s" % verdict, t)
r = (last.get(grow) or {}).get("rate_kb_per_hour") or 0
if span <= 30:
    say(5.0e6 < r < 9.5e6, "rising rate is about 2 MiB/s (7,372,800 kB/h)", r)
r = (last.get(flat) or {}).get("rate_kb_per_hour")
say(r is not None and abs(r) < 1e5, "flat rate is about 0", r)
fkeys = {"mem_oom_in_s", "commit_fail_in_s", "basis"}
bases = {"steady", "learning", "flat", "noisy", "away", "beyond", "no limit"}
bad = []
for i, d in enumerate(docs):
    f = d.get("forecast", "missing")
    if not isinstance(f, dict) or set(f) != fkeys:
        bad.append("line %d: %r" % (i + 1, f))
        continue
    if f["mem_oom_in_s"] is not None or f["commit_fail_in_s"] is not None:
        bad.append("line %d: a number: %r" % (i + 1, f))
    b = f["basis"]
    if not isinstance(b, dict) or set(b) != {"mem_oom", "commit_fail"} \
            or not set(b.values()) <= bases:
        bad.append("line %d basis %r" % (i + 1, b))
    elif d["vm"]["overcommit_memory"] != 2 and b["commit_fail"] != "no limit":
        bad.append("line %d: commit basis %r outside mode 2" % (i + 1, b))
say(not bad, "forecast: no number on an idle machine", bad[:3])
say(docs[0]["forecast"]["basis"]["mem_oom"] == "learning",
    "forecast: learning on the first sample", docs[0]["forecast"])
print("\n".join(out))
PY

avail=$(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo)
if [ "${avail:-0}" -lt 1048576 ]; then
	skip "batch trend" "under 1 GiB available: not an idle machine"
	exit 0
fi
for try in 1 2; do
	grow=$(start_hog grow) || { fail "start grow"; exit 1; }
	saw=$(start_hog saw) || { fail "start saw"; exit 1; }
	flat=$(start_hog flat) || { fail "start flat"; exit 1; }
	step=$(start_hog step 4.5) || { fail "start step"; exit 1; }
	T_PIDS="$T_PIDS $grow $saw $flat $step"
	"$OOMWATCH_BIN" --batch --json -n 40 -d 0.25 -p "$grow,$saw,$flat,$step" \
		>"$J" 2>"$T_TMP/err"
	rc=$?
	kill -9 $grow $saw $flat $step 2>/dev/null
	res=$(python3 "$T_TMP/check.py" "$J" $grow $saw $flat $step 2>&1)
	case "$res" in SPLIT*) ;; *) break ;; esac
	echo "note: the step child's jump straddled a sample; once more: $res"
done
check "batch -n 40 exits 0 with nothing on stderr" [ "$rc" = 0 -a ! -s "$T_TMP/err" ]
if [ "${res%% *}" = SPLIT ]; then
	fail "step child's jump within one sample" "split twice"
else
	echo "$res"
	case "$res" in
	*"FAIL: "*) T_FAILS=$((T_FAILS + $(echo "$res" | grep -c '^FAIL: '))) ;;
	*PASS:*) ;;
	*) fail "trend checker ran" "$res" ;;
	esac
fi

# A fast sawtooth: the same saw child sampled every 0.5 s reads about
# 1, 4, 12, 20 MB again and again (4 samples a tooth, lag-1
# autocorrelation near 0): still sawtooth, not flat.
saw=$(start_hog saw) || { fail "start saw"; exit 1; }
T_PIDS="$T_PIDS $saw"
"$OOMWATCH_BIN" --batch --json -n 40 -d 0.5 -p "$saw" >"$T_TMP/fast" 2>"$T_TMP/err"
rc=$?
kill -9 $saw 2>/dev/null
check "fast sawtooth: batch exits 0 with nothing on stderr" [ "$rc" = 0 -a ! -s "$T_TMP/err" ]
# 40 samples at 0.5 s span about 20 s; a machine so loaded that they took
# more than 30 s sampled the teeth at random points: no verdict to check
span=$(python3 -c '
import json, sys
d = [json.loads(l) for l in open(sys.argv[1])][-1]
print(int(next(p["trend"]["span_s"] for p in d["processes"]
               if p["pid"] == int(sys.argv[2]))))' "$T_TMP/fast" "$saw" 2>/dev/null)
if [ "${span:-0}" -gt 30 ]; then
	skip "fast sawtooth (-d 0.5): verdict sawtooth" \
		"the 40 samples took ${span} s, not about 20: the machine is too loaded for this timing"
else
	check "fast sawtooth (-d 0.5): verdict sawtooth" python3 -c '
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1])]
pid = int(sys.argv[2])
rows = [p for d in docs for p in d["processes"] if p["pid"] == pid]
rss = [p["rss_kb"] >> 10 for p in rows]
t = rows[-1]["trend"]
assert len(rows) == 40 and t["verdict"] == "sawtooth", (t, rss)
assert max(rss) - min(rss) >= 16, rss' "$T_TMP/fast" "$saw"
fi

# Without a history (-n 1, or the text report) nothing changes: no key,
# and the keys of -n 2 are those of -n 1 plus "forecast" (before
# "processes") and each process's "trend" (last).
"$OOMWATCH_BIN" --batch --json -p $$ >"$T_TMP/one"
"$OOMWATCH_BIN" --batch --json -n 2 -d 0.1 -p $$ >"$T_TMP/two"
check "-n 1: no trend or forecast key" sh -c "! grep -qE '\"(trend|forecast)\"' '$T_TMP/one'"
check "-n 2: the keys of -n 1 plus forecast and trend" python3 -c '
import json, sys
one = json.loads(open(sys.argv[1]).read())
two = [json.loads(l) for l in open(sys.argv[2])]
k1 = list(one)
k1.insert(k1.index("processes"), "forecast")
for d in two:
    assert list(d) == k1, (list(d), k1)
    assert list(d["processes"][0]) == list(one["processes"][0]) + ["trend"]
assert two[0]["processes"][0]["trend"] is None
assert two[1]["processes"][0]["trend"]["samples"] == 2
# span_s has a decimal: 0.1 s apart is not 0
assert 0.05 <= two[1]["processes"][0]["trend"]["span_s"] < 5' "$T_TMP/one" "$T_TMP/two"
# The text report: the process table (its header and rows, to the blank
# line after them) has no TREND or GROWTH column and no verdict, and no
# line opens with a trend or forecast label. Only the table is looked at:
# other lines may name any process (a concurrent trendhog, say).
"$OOMWATCH_BIN" --batch -n 2 -d 0.1 -p $$ >"$T_TMP/text"
awk '/^ *PID .*COMMAND/ { t = 1 } t && /^$/ { t = 0 } t' "$T_TMP/text" \
	>"$T_TMP/table"
check "text report: a process table with our row" \
	sh -c "[ \$(grep -c '^ *PID ' '$T_TMP/table') = 2 ] && grep -qE '^ *$$ ' '$T_TMP/table'"
check "text report: no trend" sh -c "! grep -qiwE 'trend|growth|learning|rising|sawtooth|flat|step' '$T_TMP/table' && ! grep -qiE '^(trend|forecast)' '$T_TMP/text'"
t_done
