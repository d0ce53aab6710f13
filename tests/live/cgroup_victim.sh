#!/bin/sh
# Live test of the memory cgroups in `oomwatch --batch --json`, as root,
# in child cgroups this test makes under its own memory cgroup (v1 memory
# controller, or v2 where ours delegates memory; tests/lib.sh memcg_child):
#  1. the JSON agrees with the files: a cgroup with a hog near its limit
#     and an empty limited one (usage, limit, oom_kill, the victim there);
#  2. the victim is predicted right: three hogs of different sizes and
#     oom_score_adj in a child cgroup, oomwatch's predicted victim recorded,
#     then one more allocating process pushes the cgroup over its limit.
#     The hogs fill most of the limit, so the pusher holds only a few MiB
#     when the charge fails (it is a candidate too, with few points; adj
#     below 0 is not assumed to be writable). The first kill the kernel
#     logs for that cgroup must be the predicted pid, and that pid must die
#     of SIGKILL. Three size/adj mixes; a wrong prediction fails.
# Only processes and cgroups this test made are touched; all are removed.
. "$(dirname "$0")/../lib.sh"
CGS=""
cg_cleanup() {
	for p in $T_PIDS; do kill -9 "$p" 2>/dev/null; done
	for d in $CGS; do
		wait_until 5 sh -c '[ -z "$(cat "$1/cgroup.procs" 2>/dev/null)" ]' sh "$d"
		rmdir "$d" 2>/dev/null
	done
	t_cleanup
}
trap 'cg_cleanup' EXIT
trap 'cg_cleanup; exit 1' INT TERM

if ! is_root; then
	skip "cgroup victim live" "needs root to create memory cgroups"
	exit 0
fi
if [ ! -x "$PROGS/memhog" ] || [ ! -x "$PROGS/oomhog" ] || [ ! -x "$OOMWATCH_BIN" ]; then
	skip "cgroup victim live" "memhog, oomhog or oomwatch not built"
	exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
	skip "cgroup victim live" "python3 missing"
	exit 0
fi
if [ ! -r /dev/kmsg ]; then
	skip "cgroup victim live" "/dev/kmsg not readable"
	exit 0
fi

# new_cg NAME MB: a child cgroup limited to MB MiB (no swap); sets CG
# (its directory) and CGP (its path as oomwatch names it).
new_cg() {
	memcg_child "$1" "$2" || return 1
	CG=$MEMCG
	CGP=$MEMCG_PATH
	CGS="$CGS $CG"
	MEMCG= # cleanup here, not memcg_remove
}
# hog_in DIR MIB ADJ NAME: start memhog inside DIR (a child of this
# shell, owned by the test); its pid in HPID once it is ready.
hog_in() {
	out="$T_TMP/hog.$4"
	sh -c 'echo $$ >"$1/cgroup.procs" && exec "$2/memhog" "$3" "$4" "$5"' \
		sh "$1" "$PROGS" "$2" "$3" "$4" >"$out" 2>&1 &
	HPID=$!
	own_pid "$HPID"
	wait_until 10 grep -q ready "$out" && return 0
	cat "$out" >&2
	kill -9 "$HPID" 2>/dev/null
	return 1
}

if ! new_cg "oomwatch-cgv-near-$$" 64; then
	skip "cgroup victim live" "$MEMCG_WHY"
	exit 0
fi
near=$CG
nearp=$CGP
new_cg "oomwatch-cgv-empty-$$" 256 || { fail "second child cgroup" "$MEMCG_WHY"; exit 1; }
emptyp=$CGP
hog_in "$near" 52 0 cgv-near || { fail "start the near hog"; exit 1; }
nh=$HPID

# The files, read right after oomwatch, against its JSON.
cat >"$T_TMP/agree.py" <<'PY'
import json, os, sys
doc = json.load(open(sys.argv[1]))
root, nearp, emptyp, hog = sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
cgs = {c["path"]: c for c in doc["cgroups"]}
bad = []
def rd(d, *names):
    for n in names:
        try:
            return open(os.path.join(d, n)).read()
        except OSError:
            pass
    return None
for p in (nearp, emptyp):
    c = cgs.get(p)
    if c is None:
        bad.append("no cgroup %s" % p); continue
    d = root + p
    v1 = os.path.exists(d + "/memory.limit_in_bytes")
    usage = int(rd(d, "memory.usage_in_bytes", "memory.current")) // 1024
    lim = int(rd(d, "memory.limit_in_bytes", "memory.max")) // 1024
    if c["limit_kb"] != lim:
        bad.append("%s limit %s != %s" % (p, c["limit_kb"], lim))
    if c["usage_kb"] is None or abs(c["usage_kb"] - usage) > 2048:
        bad.append("%s usage %s vs %s" % (p, c["usage_kb"], usage))
    if v1:
        kills = dict(l.split() for l in rd(d, "memory.oom_control").splitlines()).get("oom_kill")
    else:
        kills = dict(l.split() for l in rd(d, "memory.events").splitlines()).get("oom_kill")
    if kills is not None and c["events"]["oom_kill"] != int(kills):
        bad.append("%s oom_kill %s != %s" % (p, c["events"]["oom_kill"], kills))
    if c["name"] != p.rsplit("/", 1)[1]:
        bad.append("%s name %r" % (p, c["name"]))
if cgs.get(nearp, {}).get("victim") is None or cgs[nearp]["victim"]["pid"] != hog:
    bad.append("near victim %r, want %d" % (cgs.get(nearp, {}).get("victim"), hog))
if cgs.get(emptyp, {}).get("victim", 0) is not None:
    bad.append("empty cgroup has a victim %r" % cgs.get(emptyp, {}).get("victim"))
print("; ".join(bad))
sys.exit(1 if bad else 0)
PY
mroot=$(dirname "$near")
mroot=${mroot%"$(dirname "$nearp")"}
"$OOMWATCH_BIN" --batch --json >"$T_TMP/a.json" 2>"$T_TMP/a.err"
check "batch --json with cgroups exits 0" [ $? = 0 ]
why=$(python3 "$T_TMP/agree.py" "$T_TMP/a.json" "$mroot" "$nearp" "$emptyp" "$nh" 2>&1)
check "cgroups in JSON agree with the files${why:+: $why}" [ -z "$why" ]
"$OOMWATCH_BIN" --batch >"$T_TMP/a.txt" 2>&1
check "text report lists the near cgroup" grep -q "$nh memhog\|$nh cgv-near" "$T_TMP/a.txt"

# predicted DIRPATH: the victim pid oomwatch predicts in that cgroup.
predicted() {
	"$OOMWATCH_BIN" --batch --json >"$T_TMP/p.json" 2>/dev/null
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
c = [c for c in d["cgroups"] if c["path"] == sys.argv[2]]
print(c[0]["victim"]["pid"] if c and c[0]["victim"] else "none")' "$T_TMP/p.json" "$1"
}
# first_kill PATH: the pid of the first oom_kill the kernel logged there.
first_kill() {
	"$OOMWATCH_BIN" --events --json 2>/dev/null | python3 -c '
import json, sys
for line in sys.stdin:
    e = json.loads(line)
    if e.get("kind") == "oom_kill" and e.get("memcg") == sys.argv[1]:
        print(e["pid"]); break' "$1"
}

# has_exited PID: our child PID has exited (a zombie, or already reaped by
# the shell, which keeps its status for wait).
has_exited() { [ ! -e "/proc/$1/stat" ] || [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" = Z ]; }

# mix N "MIB:ADJ MIB:ADJ MIB:ADJ" PUSH_MIB WANT_INDEX: one round. WANT_INDEX
# (1-based) is the hog the kernel's rule picks, as a sanity check of the
# mix itself; the verdict is oomwatch's prediction against the kernel.
mix() {
	new_cg "oomwatch-cgv-mix$1-$$" 128 || { fail "mix $1 cgroup" "$MEMCG_WHY"; return; }
	pids=""
	i=0
	for h in $2; do
		i=$((i + 1))
		hog_in "$CG" "${h%:*}" "${h#*:}" "cgv$1h$i" || { fail "mix $1 hog $i"; return; }
		pids="$pids $HPID"
	done
	want=$(echo $pids | cut -d' ' -f"$4")
	pred=$(predicted "$CGP")
	check "mix $1: oomwatch predicts hog $4 (pid $want), got $pred" [ "$pred" = "$want" ]
	sh -c 'echo $$ >"$1/cgroup.procs" && exec "$2/oomhog" "$3"' \
		sh "$CG" "$PROGS" "$3" >/dev/null 2>&1 &
	pusher=$!
	own_pid "$pusher"
	rc=alive
	if wait_until 20 has_exited "$pred"; then
		wait "$pred" 2>/dev/null
		rc=$?
	fi
	check "mix $1: predicted pid $pred died of SIGKILL (exit $rc)" [ "$rc" = 137 ]
	wait_until 5 sh -c '[ -n "$(first_kill "$1")" ]' sh "$CGP" 2>/dev/null
	got=$(first_kill "$CGP")
	check "mix $1: the kernel's first kill there is pid $pred (got ${got:-none})" [ "$got" = "$pred" ]
	for p in $pids $pusher; do kill -9 "$p" 2>/dev/null; done
}
# sizes in MiB, limit 128 (adj weighs 32 pages a unit); the pusher
# touches 64 MiB and holds under 10 when the limit is hit
mix 1 "60:0 35:0 20:0" 64 1   # the biggest
mix 2 "60:0 20:600 35:0" 64 2 # a small one with a high adj
mix 3 "30:0 50:0 35:300" 64 3 # adj tips a middle one over the biggest
t_done
