#!/bin/sh
# Live tests of `oomwatch --batch` on the real /proc. Starts memhog children
# with known memory, raised oom_score_adj and a hostile name, then checks
# that --batch --json reports their values as /proc does at that moment,
# names the right next victim, and that -s/-u/-p and bad options behave.
# Then, with those children gone, three at adj 998 reading the same
# oom_score: the kernel breaks that tie by the unrounded badness, so the
# bigger one (started between two smaller ones, one older and one newer)
# must be the next victim and the first row of the OOM sort; its name,
# holding a double quote, a backslash and the invalid UTF-8 byte 0xff,
# must come out escaped in valid JSON.
# A stopped child and a zombie child read T and Z in JSON and in the text
# report's S column.
# Only our own children are touched; they are killed on exit.
. "$(dirname "$0")/../lib.sh"
J="$T_TMP/json"

if [ ! -x "$PROGS/memhog" ] || [ ! -x "$OOMWATCH_BIN" ]; then
	skip "batch live" "memhog or oomwatch not built"
	exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
	skip "batch live" "python3 missing"
	exit 0
fi

# start_hog MIB ADJ [NAME]: start memhog, wait for "ready", print its pid.
# It runs in $(...): the caller adds the pid to T_PIDS; one that never
# gets ready is killed here.
start_hog() {
	out="$T_TMP/hog.$$.$(date +%s%N)"
	"$PROGS/memhog" "$@" >"$out" 2>&1 &
	wait_until 10 grep -q ready "$out" || { kill -9 $! 2>/dev/null; return 1; }
	echo $!
}

# Hogs: big with adj 1000 (the victim), small with adj 1000, medium adj 500.
big=$(start_hog 96 1000 "$(printf 'x\033[31m) Z 1\nq')") || { fail "start big"; exit 1; }
small=$(start_hog 8 1000 small-hog) || { fail "start small"; exit 1; }
mid=$(start_hog 32 500 mid-hog) || { fail "start mid"; exit 1; }
T_PIDS="$T_PIDS $big $small $mid"
pids="$big,$small,$mid"

"$OOMWATCH_BIN" --batch --json -p "$pids" >"$J" 2>"$T_TMP/err"
check "batch --json exits 0" [ $? = 0 ]
check "batch --json is valid JSON" python3 -m json.tool "$J" >/dev/null
# The memory cgroups: every object has the README's keys, and our own
# memory cgroup (from /proc/self/cgroup) is listed when there is one.
check "batch --json lists cgroups with their keys" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
keys = ["path", "name", "usage_kb", "limit_kb", "high_kb", "swap_kb",
        "swap_limit_kb", "events", "psi", "oom_group", "victim"]
ev = ["low", "high", "max", "oom", "oom_kill", "oom_group_kill"]
cgs = d["cgroups"]
assert "cgroups" in d, list(d)
for c in cgs:
    assert list(c) == keys, list(c)
    assert list(c["events"]) == ev, c["events"]
mine = None
for line in open("/proc/self/cgroup"):
    h, ctl, path = line.rstrip("\n").split(":", 2)
    if "memory" in ctl.split(","):
        mine = path
if mine and cgs:
    assert any(c["path"] == mine for c in cgs), mine
' "$J"

# Compare every reported field with /proc, read right after; a value may
# differ only if /proc itself changed between two reads around ours.
cat >"$T_TMP/cmp.py" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
want = [int(p) for p in sys.argv[2:]]
procs = {p["pid"]: p for p in doc["processes"]}
bad = []
if sorted(procs) != sorted(want):
    bad.append("pids %s != %s" % (sorted(procs), want))
def status(pid):
    d = {}
    for line in open("/proc/%d/status" % pid, errors="replace"):
        k, _, v = line.partition(":")
        d[k] = v.split()[0] if v.split() else ""
    return d
for pid in want:
    p = procs.get(pid)
    if p is None:
        continue
    st = status(pid)
    stat = open("/proc/%d/stat" % pid, "rb").read()
    rest = stat[stat.rindex(b")") + 2:].split()
    comm = open("/proc/%d/comm" % pid, "rb").read().rstrip(b"\n")
    exp = {
        "rss_kb": int(st["VmRSS"]), "anon_kb": int(st["RssAnon"]),
        "file_kb": int(st["RssFile"]), "shmem_kb": int(st["RssShmem"]),
        "swap_kb": int(st["VmSwap"]),
        "oom_score": int(open("/proc/%d/oom_score" % pid).read()),
        "oom_score_adj": int(open("/proc/%d/oom_score_adj" % pid).read()),
        "start_time": int(rest[19]), "ppid": int(rest[1]),
        "uid": int(st["Uid"]), "state": rest[0].decode(),
        "kthread": False,
    }
    for k, v in exp.items():
        if p[k] != v:
            bad.append("%d %s: %r != %r" % (pid, k, p[k], v))
    if b"\x1b" in comm:
        if "\x1b" in p["comm"] or "\\x1b" not in p["comm"]:
            bad.append("%d comm not sanitized: %r" % (pid, p["comm"]))
    elif p["comm"] != comm.decode():
        bad.append("%d comm %r != %r" % (pid, p["comm"], comm))
    if not p["cmdline"] or "memhog" not in p["cmdline"]:
        bad.append("%d cmdline %r" % (pid, p["cmdline"]))
    cg = [l.split(":", 2) for l in open("/proc/%d/cgroup" % pid).read().splitlines()]
    want = [c[2] for c in cg if "memory" in c[1].split(",")] or \
        [c[2] for c in cg if c[0] == "0" and c[1] == ""]
    if p["cgroup"] != want[0]:
        bad.append("%d cgroup %r != %r" % (pid, p["cgroup"], want[0]))
for k in ("memory", "vm", "vmstat"):
    if not isinstance(doc.get(k), dict):
        bad.append("missing " + k)
if doc.get("rates", 0) is not None:
    bad.append("rates should be null on the first snapshot")
print("\n".join(bad))
PY
cmp_out=$(python3 "$T_TMP/cmp.py" "$J" "$big" "$small" "$mid" 2>&1)
if [ -n "$cmp_out" ]; then
	# Once more: a value (file RSS) may move between our read and /proc's.
	"$OOMWATCH_BIN" --batch --json -p "$pids" >"$J"
	cmp_out=$(python3 "$T_TMP/cmp.py" "$J" "$big" "$small" "$mid" 2>&1)
fi
if [ -z "$cmp_out" ]; then pass "batch values equal /proc"
else fail "batch values equal /proc" "$(echo "$cmp_out" | head -3)"; fi

# Every process of the whole machine: its memory cgroup (from the
# cgroup.procs walk or its own file) and its command line (printable ones)
# are what /proc says, for the same process (start time checked around
# the reads; processes gone, renamed or exec'd meanwhile are not judged).
cat >"$T_TMP/all.py" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
bad, n = [], 0
def start(pid):
    s = open("/proc/%d/stat" % pid, "rb").read()
    f = s[s.rindex(b")") + 2:].split()
    return int(f[19]), f[0], int(f[6])  # start, state, flags
PF_EXITING = 0x4
for p in doc["processes"]:
    pid = p["pid"]
    try:
        s0, st0, fl0 = start(pid)
        comm = open("/proc/%d/comm" % pid, "rb").read().rstrip(b"\n")
        cg = open("/proc/%d/cgroup" % pid).read()
        cmd = open("/proc/%d/cmdline" % pid, "rb").read()
        s1, st1, fl1 = start(pid)
        if s1 != s0:
            continue
    except OSError:
        continue
    if s0 != p["start_time"]:
        continue
    # a process exiting (or a zombie) loses its memory and leaves its
    # cgroup while it is read: not judged
    if p["state"] in "ZX" or st0 in (b"Z", b"X") or st1 in (b"Z", b"X") \
            or (fl0 | fl1) & PF_EXITING:
        continue
    # exec keeps the start time: a process that exec'd since (a pyenv
    # shim becoming python3) shows another name; it is not judged
    if all(32 <= ch < 127 for ch in comm) and p["comm"] != comm.decode():
        continue
    n += 1
    lines = [l.split(":", 2) for l in cg.splitlines()]
    want = [c[2] for c in lines if "memory" in c[1].split(",")] or \
        [c[2] for c in lines if c[0] == "0" and c[1] == ""]
    if want and p["cgroup"] != want[0]:
        bad.append("%d cgroup %r != %r" % (pid, p["cgroup"], want[0]))
    c = cmd.rstrip(b"\0").replace(b"\0", b" ")
    if p["cmdline"] is None:
        bad.append("%d cmdline missing" % pid)
    elif all(32 <= ch < 127 for ch in c) and p["cmdline"] != c.decode() \
            and not (len(c) >= 4095 and len(p["cmdline"]) >= 4000 and
                     c.decode().startswith(p["cmdline"])):
        # (the collector reads the first 4 KiB of a command line,
        # CMDCACHE_MAX: a longer one is its prefix)
        bad.append("%d cmdline %r != %r" % (pid, p["cmdline"], c))
if n < 10:
    bad.append("only %d processes compared" % n)
print("\n".join(bad))
PY
"$OOMWATCH_BIN" --batch --json >"$J"
all_out=$(python3 "$T_TMP/all.py" "$J" 2>&1)
if [ -n "$all_out" ]; then
	# once more: a process may move or retitle itself between two reads
	"$OOMWATCH_BIN" --batch --json >"$J"
	all_out=$(python3 "$T_TMP/all.py" "$J" 2>&1)
fi
if [ -z "$all_out" ]; then pass "every process's cgroup and cmdline equal /proc"
else fail "every process's cgroup and cmdline equal /proc" "$(echo "$all_out" | head -3)"; fi

# The next victim: our big adj-1000 child, unless something else on the
# machine really has a higher oom_score (then it must be that one).
victim=$(python3 -c 'import json,sys; v=json.load(open(sys.argv[1]))["next_victim"]; print(v["pid"], v["oom_score"])' "$J")
vpid=${victim% *}; vscore=${victim#* }
bigscore=$(cat /proc/"$big"/oom_score)
if [ "$vpid" = "$big" ]; then pass "next victim is the big adj-1000 child"
elif [ "$vscore" -ge "$bigscore" ] && [ "$vpid" != "$small" ] && [ "$vpid" != "$mid" ]; then
	pass "next victim outranks our big child ($vpid $vscore >= $bigscore)"
else fail "next victim" "got $vpid ($vscore), big $big ($bigscore)"; fi

# -s rss: our three in RSS order; -s pid: ascending.
order=$("$OOMWATCH_BIN" -b --json -s rss -p "$pids" | python3 -c 'import json,sys; print(" ".join(str(p["pid"]) for p in json.load(sys.stdin)["processes"]))')
check "-s rss orders by RSS" [ "$order" = "$big $mid $small" ]
order=$("$OOMWATCH_BIN" -b --json -s pid -p "$pids" | python3 -c 'import json,sys; print(" ".join(str(p["pid"]) for p in json.load(sys.stdin)["processes"]))')
exp=$(printf '%s\n' "$big" "$small" "$mid" | sort -n | tr '\n' ' ' | sed 's/ $//')
check "-s pid orders by pid" [ "$order" = "$exp" ]

# -u: by name and by uid give the same rows; another user gives none.
me=$(id -un); uid=$(id -u)
a=$("$OOMWATCH_BIN" -b --json -u "$me" -p "$pids" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["processes"]))')
b=$("$OOMWATCH_BIN" -b --json -u "$uid" -p "$pids" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["processes"]))')
check "-u name and uid select our children" [ "$a" = 3 -a "$b" = 3 ]
c=$("$OOMWATCH_BIN" -b --json -u 65533 -p "$pids" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["processes"]))')
check "-u another uid selects none" [ "$c" = 0 ]

# Text report: sanitized (no raw ESC), our pids present, valid for -n 2.
"$OOMWATCH_BIN" -b -p "$pids" >"$T_TMP/text"
check "text report has no raw ESC" sh -c "! grep -q \"$(printf '\033')\" \"$T_TMP/text\""
check "text report lists the victim" grep -q "^next victim: " "$T_TMP/text"
check "text report lists our child" grep -qE "^ +$big " "$T_TMP/text"
"$OOMWATCH_BIN" -b --json -n 2 -d 0.2 -p "$pids" >"$J"
check "-n 2 prints two lines" [ "$(wc -l <"$J")" = 2 ]
check "second snapshot has rates" python3 -c 'import json,sys; l=open(sys.argv[1]).read().splitlines(); assert json.loads(l[0])["rates"] is None; r=json.loads(l[1])["rates"]; assert set(r)=={"oom_kill","pswpin","pswpout","pgmajfault"}' "$J"

# Bad options and errors: one line on stderr, exit 2 (1 for /proc errors).
for args in "-b -s bogus" "-b -n 0" "-b -d x" "-b -p 1,,2" "-b --nope" "-b -u no_such_user_h1"; do
	# shellcheck disable=SC2086
	"$OOMWATCH_BIN" $args >"$T_TMP/out" 2>"$T_TMP/err"; rc=$?
	n=$(wc -l <"$T_TMP/err")
	check "bad '$args' exits 2 with one line" [ "$rc" = 2 -a "$n" = 1 -a ! -s "$T_TMP/out" ]
done
"$OOMWATCH_BIN" -b --proc-root "$T_TMP/nowhere" >"$T_TMP/out" 2>"$T_TMP/err"; rc=$?
n=$(wc -l <"$T_TMP/err")
check "--proc-root nowhere exits 1 with one line" [ "$rc" = 1 -a "$n" = 1 ]

# --- STATE: a stopped child reads T, a zombie child Z ---
# state_is PID LETTER: /proc/PID/stat's state field is LETTER.
state_is() { [ "$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)" = "$2" ]; }
sleep 60 &
stopped=$!
T_PIDS="$T_PIDS $stopped"
kill -STOP "$stopped"
# the zombie: a python3 parent that never waits for its child
python3 -c 'import os, time
pid = os.fork()
if pid == 0:
    os._exit(0)
print(pid, flush=True)
time.sleep(60)' >"$T_TMP/zpid" &
T_PIDS="$T_PIDS $!"
wait_until 5 test -s "$T_TMP/zpid"
zpid=$(cat "$T_TMP/zpid")
if wait_until 5 state_is "$stopped" T && wait_until 5 state_is "$zpid" Z; then
	"$OOMWATCH_BIN" --batch --json -p "$stopped,$zpid" >"$J"
	check "state: JSON says T for the stopped child, Z for the zombie" python3 -c '
import json, sys
got = {p["pid"]: p["state"] for p in json.load(open(sys.argv[1]))["processes"]}
want = {int(sys.argv[2]): "T", int(sys.argv[3]): "Z"}
assert got == want, (got, want)' "$J" "$stopped" "$zpid"
	"$OOMWATCH_BIN" --batch -p "$stopped,$zpid" >"$T_TMP/text"
	check "state: the text report has the S column" \
		grep -qE '^ +PID +PPID +USER +S +OOM +ADJ ' "$T_TMP/text"
	check "state: the text report says T for the stopped child" \
		grep -qE "^ +$stopped +[0-9]+ .{10} T " "$T_TMP/text"
	check "state: the text report says Z for the zombie" \
		grep -qE "^ +$zpid +[0-9]+ .{10} Z " "$T_TMP/text"
else
	fail "state: children stopped and zombie" "$(cat "/proc/$stopped/stat" "/proc/$zpid/stat" 2>&1)"
fi
kill -9 "$stopped" 2>/dev/null

# --- Ties in oom_score ---
# The adj-1000 children above outrank any adj-998 one: end them first (and
# forget their pids, so cleanup never signals a pid reused meanwhile).
gone() { [ ! -e "/proc/$1" ] || grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null; }
for p in $big $small $mid; do kill -9 "$p" 2>/dev/null; done
for p in $big $small $mid; do wait_until 5 gone "$p"; done
keep=
for p in $T_PIDS; do
	case " $big $small $mid " in *" $p "*) ;; *) keep="$keep $p" ;; esac
done
T_PIDS=$keep

# Sizes (MiB) reading the same oom_score at adj 998 on this machine:
# oom_score = (1000 + points * 1000 / totalpages) * 2 / 3 rounds a band of
# points to one value. Take the widest band over 1..512 MiB, keeping 3 MiB
# from its edges for memhog's own RSS and page tables.
sizes=$(python3 - <<'PY'
import os
kb = {}
for line in open("/proc/meminfo"):
    k, v = line.split(":")
    kb[k] = int(v.split()[0])
pkb = os.sysconf("SC_PAGE_SIZE") // 1024
T = (kb["MemTotal"] + kb.get("SwapTotal", 0)) // pkb
def score(mib):
    pts = (mib + 2) * 1024 // pkb + 998 * (T // 1000)
    return (1000 + pts * 1000 // T) * 2 // 3
best, lo = (0, 0, 0), 1
for x in range(2, 514):
    if x == 513 or score(x) != score(lo):
        if x - 1 - lo > best[0]:
            best = (x - 1 - lo, lo, x - 1)
        lo = x
span, a, b = best
a, b = a + 3, b - 3
print(a, b) if b - a >= 16 else print("none")
PY
)
if [ "$sizes" = none ] || [ -z "$sizes" ]; then
	skip "oom_score tie" "no two sizes 16 MiB apart share an oom_score here"
	t_done
	exit $?
fi
tsmall=${sizes% *}; tbig=${sizes#* }
hostile=$(printf 'q"b\\c\377z')
old=$(start_hog "$tsmall" 998 tie-old) || { fail "start tie-old"; exit 1; }
T_PIDS="$T_PIDS $old"
tb=$(start_hog "$tbig" 998 "$hostile") || { fail "start tie-big"; exit 1; }
T_PIDS="$T_PIDS $tb"
new=$(start_hog "$tsmall" 998 tie-new) || { fail "start tie-new"; exit 1; }
T_PIDS="$T_PIDS $new"
check "hostile name set as raw bytes" \
	[ "$(od -An -tx1 "/proc/$tb/comm" | tr -d ' \n')" = 7122625c63ff7a0a ]
"$OOMWATCH_BIN" --batch --json -p "$old,$tb,$new" >"$J" 2>"$T_TMP/err"
check "tie: batch --json exits 0" [ $? = 0 ]
cat >"$T_TMP/tie.py" <<'PY'
import json, sys
raw = open(sys.argv[1], "rb").read()
old, big, new = (int(p) for p in sys.argv[2:5])
out = []
def say(kind, name, why=""):
    out.append("%s: %s%s" % (kind, name, " (%s)" % why if why else ""))
try:
    doc = json.loads(raw.decode("utf-8"))  # strict: invalid UTF-8 raises
    say("PASS", "tie: JSON with the hostile name is valid UTF-8 JSON")
except ValueError as e:
    say("FAIL", "tie: JSON with the hostile name is valid UTF-8 JSON", e)
    print("\n".join(out)); sys.exit()
# comm q"b\c<ff>z: quote and backslash JSON-escaped, 0xff as text \xff
want = 'q"b\\c\\xffz'
procs = {p["pid"]: p for p in doc["processes"]}
got = procs.get(big, {}).get("comm")
if got == want and b"\xff" not in raw and b'q\\"b\\\\c\\\\xffz' in raw:
    say("PASS", "tie: hostile name escaped in processes")
else:
    say("FAIL", "tie: hostile name escaped in processes", repr(got))
scores = {}
for p in (old, big, new):
    scores[p] = int(open("/proc/%d/oom_score" % p).read())
rep = {p: procs[p]["oom_score"] for p in procs}
if len(set(scores.values())) != 1 or len(set(rep.values())) != 1:
    say("SKIP", "tie: victim among equal oom_score",
        "no tie here: /proc %s, reported %s" % (scores, rep))
    print("\n".join(out)); sys.exit()
score = scores[big]
first = doc["processes"][0]["pid"]
if first == big:
    say("PASS", "tie: the OOM sort puts the bigger of equal oom_score first")
else:
    say("FAIL", "tie: the OOM sort puts the bigger of equal oom_score first",
        "first %d; old %d big %d new %d" % (first, old, big, new))
v = doc["next_victim"]
if v is not None and v["pid"] == big:
    say("PASS", "tie: next victim is the bigger of equal oom_score")
    if v["comm"] == want:
        say("PASS", "tie: hostile name escaped in next_victim")
    else:
        say("FAIL", "tie: hostile name escaped in next_victim", repr(v["comm"]))
elif v is not None and v["pid"] not in (old, new) and v["oom_score"] >= score:
    # another process at or above 1332 (a tie it may win by badness)
    say("SKIP", "tie: next victim is the bigger of equal oom_score",
        "pid %d outranks or ties ours at %d" % (v["pid"], v["oom_score"]))
else:
    say("FAIL", "tie: next victim is the bigger of equal oom_score",
        "got %r; old %d big %d new %d, score %d" % (v, old, big, new, score))
print("\n".join(out))
PY
tie_out=$(python3 "$T_TMP/tie.py" "$J" "$old" "$tb" "$new" 2>&1)
echo "$tie_out"
case "$tie_out" in
*"FAIL: "*) T_FAILS=$((T_FAILS + $(echo "$tie_out" | grep -c '^FAIL: '))) ;;
*PASS:*) ;;
*) fail "tie: checker ran" "$tie_out" ;;
esac
t_done
