#!/bin/sh
# A process whose uid has no passwd entry: --batch --json gives its uid and
# "user": null (unknown, not a made-up name); the text table shows the uid.
. "$(dirname "$0")/../lib.sh"

if [ ! -x "$OOMWATCH_BIN" ] || ! command -v python3 >/dev/null 2>&1; then
	skip "batch users" "oomwatch not built or python3 missing"
	exit 0
fi
if ! is_root || ! command -v setpriv >/dev/null 2>&1; then
	skip "batch users" "needs root and setpriv to run as a uid without a name"
	exit 0
fi
uid=54321
while getent passwd "$uid" >/dev/null 2>&1; do uid=$((uid + 1)); done
setpriv --reuid="$uid" --regid="$uid" --clear-groups sleep 60 &
pid=$!
own_pid "$pid"
wait_until 5 sh -c "[ \"\$(stat -c %u /proc/$pid)\" = $uid ]"
"$OOMWATCH_BIN" --batch --json -p "$pid,$$" >"$T_TMP/j" 2>"$T_TMP/err"
check "batch --json exits 0" [ $? = 0 ]
check "uid $uid without a passwd entry: uid given, user null" python3 -c '
import json, sys
procs = {p["pid"]: p for p in json.loads(open(sys.argv[1]).read())["processes"]}
p = procs[int(sys.argv[2])]
assert p["uid"] == int(sys.argv[3]) and p["user"] is None, p
me = procs[int(sys.argv[4])]
assert me["user"] == "root", me
' "$T_TMP/j" "$pid" "$uid" "$$"
"$OOMWATCH_BIN" --batch -p "$pid" >"$T_TMP/t" 2>&1
check "the text table shows the uid" grep -q "^ *$pid .*$uid" "$T_TMP/t"
t_done
