#!/bin/sh
# Live test of the System screen's data in --batch --json: a process held
# in D state (tests/progs/vforkhold: the parent of a vfork child that
# sleeps before it exits waits in uninterruptible sleep) is listed in
# "blocked" with a state_s that grows over the samples and its wchan;
# "settings" names every sysctl, each null or {value, meaning}. A second
# thread in D (vforkhold ... thread) is listed by its tid with its
# process's pid and name.
# Only our own vforkhold and its child are killed.
. "$(dirname "$0")/../lib.sh"
J="$T_TMP/json"

if [ ! -x "$PROGS/vforkhold" ] || [ ! -x "$OOMWATCH_BIN" ]; then
	skip "system live" "vforkhold or oomwatch not built"
	exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
	skip "system live" "python3 missing"
	exit 0
fi

"$PROGS/vforkhold" 20 >"$T_TMP/hold" 2>&1 &
holder=$!
own_pid "$holder"
wait_until 5 grep -q ready "$T_TMP/hold" || { fail "vforkhold ready"; exit 1; }
for c in $(cat "/proc/$holder/task/$holder/children" 2>/dev/null); do
	own_pid "$c"
done
state=$(sed -n 's/^State:[[:space:]]*\(.\).*/\1/p' "/proc/$holder/status")
if [ "$state" != D ]; then
	skip "system live: task in D" "the vfork parent reads state '$state', not D, on this kernel"
	exit 0
fi

"$OOMWATCH_BIN" --batch --json -n 3 -d 0.5 >"$J" 2>"$T_TMP/err"
check "batch --json -n 3 exits 0" [ $? = 0 ]
check "the vfork parent is blocked with a growing state_s" python3 -c '
import json, sys
pid = int(sys.argv[2])
seen = []
for line in open(sys.argv[1]):
    d = json.loads(line)
    rows = [b for b in d["blocked"] if b["pid"] == pid]
    if len(rows) != 1:
        sys.exit("pid %d not in blocked: %r" % (pid, d["blocked"]))
    b = rows[0]
    if b["comm"] != "vforkhold" or b["tid"] != pid or not isinstance(b["state_s"], (int, float)):
        sys.exit("bad row %r" % b)
    if b["wchan"] is not None and not isinstance(b["wchan"], str):
        sys.exit("bad wchan %r" % b)
    seen.append(b["state_s"])
if len(seen) != 3 or seen[0] != 0 or not (seen[0] < seen[1] < seen[2]):
    sys.exit("state_s not growing: %r" % seen)
if seen[2] < 0.9 or seen[2] > 5:
    sys.exit("state_s after two 0.5 s steps: %r" % seen)
' "$J" "$holder"
check "settings: every sysctl, null or {value, meaning}" python3 -c '
import json, sys
names = """kernel.hung_task_timeout_secs kernel.hung_task_panic
kernel.watchdog kernel.soft_watchdog kernel.watchdog_thresh kernel.softlockup_panic kernel.hardlockup_panic
kernel.nmi_watchdog kernel.panic_on_oops kernel.panic_on_warn kernel.panic
vm.panic_on_oom vm.oom_kill_allocating_task vm.overcommit_memory
vm.overcommit_ratio vm.overcommit_kbytes vm.min_free_kbytes vm.swappiness
kernel.tainted""".split()
d = json.loads(open(sys.argv[1]).readline())
s = d["settings"]
if sorted(s) != sorted(names):
    sys.exit("keys %r" % sorted(s))
for n in names:
    v = s[n]
    if v is None:
        continue
    if sorted(v) != ["meaning", "value"] or not isinstance(v["value"], int):
        sys.exit("%s: %r" % (n, v))
    path = "/proc/sys/" + n.replace(".", "/")
    try:
        want = int(open(path).read().split()[0])
    except OSError:
        continue
    if v["value"] != want:
        sys.exit("%s: %r, /proc says %d" % (n, v["value"], want))
' "$J"
"$OOMWATCH_BIN" --batch --json -n 1 >"$J" 2>"$T_TMP/err"
check "with -n 1 state_s is 0" python3 -c '
import json, sys
d = json.loads(open(sys.argv[1]).readline())
rows = [b for b in d["blocked"] if b["pid"] == int(sys.argv[2])]
sys.exit(0 if len(rows) == 1 and rows[0]["state_s"] == 0 else "%r" % rows)
' "$J" "$holder"

# A 2-thread process whose second thread is in D (it vforked) while the
# main thread sleeps in pthread_join: the thread is listed with its tid.
"$PROGS/vforkhold" 20 thread >"$T_TMP/hold2" 2>&1 &
holder2=$!
own_pid "$holder2"
wait_until 5 grep -q ready "$T_TMP/hold2" || { fail "vforkhold thread ready"; exit 1; }
tid2=
for t in /proc/$holder2/task/*; do
	for c in $(cat "$t/children" 2>/dev/null); do
		own_pid "$c"
		tid2=${t##*/}
	done
done
main2=$(sed -n 's/^State:[[:space:]]*\(.\).*/\1/p' "/proc/$holder2/status")
check "thread holder: main thread not in D, another thread vforked" \
	[ "$main2" != D ] && [ -n "$tid2" ] && [ "$tid2" != "$holder2" ]
"$OOMWATCH_BIN" --batch --json -n 2 -d 0.5 >"$J" 2>"$T_TMP/err"
check "the D thread is blocked with its tid, its process's pid and name" python3 -c '
import json, sys
pid, tid = int(sys.argv[2]), int(sys.argv[3])
for line in open(sys.argv[1]):
    d = json.loads(line)
    rows = [b for b in d["blocked"] if b["pid"] == pid]
    if [(b["tid"], b["comm"]) for b in rows] != [(tid, "vforkhold")]:
        sys.exit("want tid %d of %d: %r" % (tid, pid, d["blocked"]))
' "$J" "$holder2" "$tid2"
kill -9 $T_PIDS 2>/dev/null
t_done
