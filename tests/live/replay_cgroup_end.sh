#!/bin/sh
# A cgroup's removal, recorded and replayed (schema 4's cgroup_ends), live,
# as root: the real recorder (-d 1) sees this test's own empty child memory
# cgroup, then the test removes it. The recorder writes one cgroup_ends row
# for it, at a sample after its latest cgroup_rows row. `oomwatch --replay`
# then shows it on the Cgroups screen (6) at the sample before that end,
# and not at the newest sample (before schema 4 it stayed 11 minutes after
# its last row). Only the cgroup this test made is touched; it is removed.
. "$(dirname "$0")/../lib.sh"

if ! is_root; then
	skip "replay cgroup end" "needs root to create memory cgroups"
	exit 0
fi
if [ ! -x "$OOMWATCH_BIN" ] || ! has_tmux ||
	! command -v sqlite3 >/dev/null 2>&1; then
	skip "replay cgroup end" "oomwatch, tmux or sqlite3 missing"
	exit 0
fi
name="oomwatch-cgend-$$"
if ! memcg_child "$name" 64; then
	skip "replay cgroup end" "$MEMCG_WHY"
	exit 0
fi
db="$T_TMP/h.db"
path_sql=$(printf '%s' "$MEMCG_PATH" | sed "s/'/''/g")
cg_id() { q "SELECT id FROM cgroups WHERE path = '$path_sql'"; }
has_end() { [ -n "$(q "SELECT sample_id FROM cgroup_ends e JOIN cgroups c ON c.id = e.cgroup_id WHERE c.path = '$path_sql'" 2>/dev/null)" ]; }

"$OOMWATCH_BIN" --record -d 1 --samples 60 --db "$db" 2>"$T_TMP/err" &
rec=$!
own_pid "$rec"
check "recorder: the cgroup gets a row" wait_until 20 sh -c \
	"[ -n \"\$(sqlite3 -cmd '.timeout 5000' '$db' \"SELECT 1 FROM cgroup_rows r JOIN cgroups c ON c.id = r.cgroup_id WHERE c.path = '$path_sql'\" 2>/dev/null)\" ]"
n=$(q 'SELECT count(*) FROM samples')
wait_until 10 has_samples $((n + 2))
dir=$MEMCG
memcg_remove
check "the cgroup is removed" [ ! -d "$dir" ]
check "recorder: its end is recorded" wait_until 10 has_end
n=$(q 'SELECT count(*) FROM samples')
wait_until 10 has_samples $((n + 2))
kill -TERM "$rec"
wait "$rec"
check "recorder exits 0" [ $? = 0 ]

id=$(cg_id)
end=$(q "SELECT sample_id FROM cgroup_ends WHERE cgroup_id = $id")
last=$(q "SELECT max(sample_id) FROM cgroup_rows WHERE cgroup_id = $id")
check "one end, after the cgroup's latest row ($last < $end)" \
	[ "$(q "SELECT count(*) FROM cgroup_ends WHERE cgroup_id = $id")" = 1 ] &&
	[ "$last" -lt "$end" ]
# the second of the sample before the end, rounded up (-d 1: no other
# sample in it)
before_s=$(q "SELECT (time_ms + 999) / 1000 FROM samples WHERE id < $end ORDER BY id DESC LIMIT 1")
at_before=$(date -u -d "@$before_s" '+%Y-%m-%d %H:%M:%S')

tmux_start 200 60 "TZ=UTC $OOMWATCH_BIN --no-protect --replay --db $db --at '$at_before'"
tmux_wait "F10Quit" 10 || fail "the replay started (before the end)"
tmux_keys 6
check "before its end, the Cgroups screen lists it" tmux_wait "$name" 10
tmux_stop
tmux_start 200 60 "TZ=UTC $OOMWATCH_BIN --no-protect --replay --db $db"
tmux_wait "F10Quit" 10 || fail "the replay started (the newest sample)"
tmux_keys 6
check "6: the Cgroups screen is shown" tmux_wait "LIMIT" 10
sleep 0.5
check "at the newest sample, after its end, it is gone" tmux_lacks "$name"
tmux_stop
t_done
