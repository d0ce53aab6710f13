#!/bin/sh
# Live test of `oomwatch --events --json` against a real OOM kill: a child
# memory cgroup under this test's own memory cgroup (cgroup v1 memory
# controller, or v2 where the unified tree has it), limited to 64 MiB, and
# oomhog in it touching 256 MiB. The kernel kills the hog; --events must
# report that pid and name as an oom_kill with constraint "memcg" and the
# child's path as memcg. Only the hog is moved into the cgroup; the cgroup
# is removed once the hog is gone.
. "$(dirname "$0")/../lib.sh"
HOG=""
hog_cleanup() {
	[ -n "$HOG" ] && kill -9 "$HOG" 2>/dev/null
	t_cleanup
}
trap 'hog_cleanup' EXIT
trap 'hog_cleanup; exit 1' INT TERM

if ! is_root; then
	skip "events oom_kill live" "needs root to create a memory cgroup"
	exit 0
fi
if [ ! -x "$PROGS/oomhog" ] || [ ! -x "$OOMWATCH_BIN" ]; then
	skip "events oom_kill live" "oomhog or oomwatch not built"
	exit 0
fi
if [ ! -r /dev/kmsg ]; then
	skip "events oom_kill live" "/dev/kmsg not readable"
	exit 0
fi

# Our memory cgroup's child (v1 first, then v2).
if ! memcg_child "oomwatch-test-$$" 64; then
	skip "events oom_kill live" "$MEMCG_WHY"
	exit 0
fi
CG=$MEMCG
path=$MEMCG_PATH

# The hog joins the cgroup itself, then becomes oomhog (same pid).
sh -c 'echo $$ >"$1/cgroup.procs" && exec "$2/oomhog" 256' sh "$CG" "$PROGS" \
	>"$T_TMP/hog.out" 2>&1 &
HOG=$!
wait "$HOG"
rc=$?
if [ "$rc" != 137 ]; then
	fail "hog killed by the OOM killer" "exit $rc: $(cat "$T_TMP/hog.out")"
	exit 1
fi
pass "hog killed by the OOM killer"
hog=$HOG
HOG=""

# The kill line may take a moment to be readable: poll the log for it.
got_event() {
	"$OOMWATCH_BIN" --events --json >"$T_TMP/ev.json" 2>"$T_TMP/ev.err" &&
		grep -q "\"pid\": $hog," "$T_TMP/ev.json"
}
if ! wait_until 5 got_event; then
	fail "oom_kill event for pid $hog" "$(tail -n 3 "$T_TMP/ev.json" "$T_TMP/ev.err")"
	exit 1
fi
line=$(grep "\"kind\": \"oom_kill\"" "$T_TMP/ev.json" | grep "\"pid\": $hog," | tail -n 1)
check "event names the hog" \
	sh -c 'echo "$1" | grep -q "\"comm\": \"oomhog\""' sh "$line"
check "event constraint is memcg" \
	sh -c 'echo "$1" | grep -q "\"constraint\": \"memcg\""' sh "$line"
check "event memcg is the test cgroup" \
	sh -c 'echo "$1" | grep -qF "\"memcg\": \"$2\""' sh "$line" "$path"
check "event trigger is the hog" \
	sh -c 'echo "$1" | grep -q "\"trigger\": \"oomhog\""' sh "$line"
check "event task table lists the hog" \
	sh -c 'echo "$1" | grep -q "\"tasks\": \[{\"pid\": $2,"' sh "$line" "$hog"
"$OOMWATCH_BIN" --events >"$T_TMP/ev.txt" 2>&1
check "text list names the hog" grep -q "oom_kill: comm oomhog pid $hog " "$T_TMP/ev.txt"
t_done
