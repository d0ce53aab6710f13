#!/bin/sh
# Live test of the cgroup screen's limit keys ("give a cgroup air"), as
# root, on a child memory cgroup this test makes under its own (v1 or v2,
# tests/lib.sh memcg_child) with a hog at about 80% of its 64 MiB limit,
# so it sorts near the top by headroom (the screen's default); the test
# steps down until the status line names its cgroup. The real binary
# runs in tmux (own socket):
#  1. ] raises the selected cgroup's limit one step (10% of 64M: 6M): the
#     limit file says 70M and the status line "64M -> 70M" with the path;
#  2. u restores it: the file says 64M again, the status line "undone"
#     (v1: memsw.limit_in_bytes, raised along, is back too);
#  3. a 16M (below the usage) asks for y and names the OOM kill; any other
#     key cancels and the file is unchanged;
#  4. again at 80x24: the short confirmation still ends in "y/n".
# Only the cgroup and processes this test made are touched; all removed.
. "$(dirname "$0")/../lib.sh"
lim_cleanup() {
	[ -n "${T_SOCK:-}" ] && tmux_stop
	for p in $T_PIDS; do kill -9 "$p" 2>/dev/null; done
	memcg_remove
	t_cleanup
}
trap 'lim_cleanup' EXIT
trap 'lim_cleanup; exit 1' INT TERM

if ! is_root; then
	skip "cgroup limit live" "needs root to create memory cgroups"
	exit 0
fi
if ! has_tmux || [ ! -x "$PROGS/memhog" ] || [ ! -x "$OOMWATCH_BIN" ]; then
	skip "cgroup limit live" "tmux, memhog or oomwatch missing"
	exit 0
fi
if ! memcg_child "oomwatch-lim-$$" 64; then
	skip "cgroup limit live" "$MEMCG_WHY"
	exit 0
fi
name="oomwatch-lim-$$"
if [ -f "$MEMCG/memory.limit_in_bytes" ]; then
	file="$MEMCG/memory.limit_in_bytes"
	fname=memory.limit_in_bytes
else
	file="$MEMCG/memory.max"
	fname=memory.max
fi
out="$T_TMP/hog"
sh -c 'echo $$ >"$1/cgroup.procs" && exec "$2/memhog" 52 0 limhog' \
	sh "$MEMCG" "$PROGS" >"$out" 2>&1 &
own_pid $!
wait_until 10 grep -q ready "$out" || { fail "start the hog" "$(cat "$out")"; exit 1; }

limit_is() { [ "$(cat "$file")" = "$1" ]; }
memsw="$MEMCG/memory.memsw.limit_in_bytes" # v1 with swap accounting
memsw0=$(cat "$memsw" 2>/dev/null)
# Start oomwatch in COLS x ROWS and select this test's cgroup; other
# cgroups on this machine may be closer to their limits: step down until
# the status line names this test's cgroup, so the keys below never
# change a limit this test did not set. Exits when it cannot.
lim_select() {
	tmux_start "$1" "$2" "$OOMWATCH_BIN -d 0.5 --no-protect"
	tmux_wait "F10" 10 || fail "oomwatch starts ($1x$2)"
	tmux_keys c
	# (at 80 columns a deep cgroup's NAME may end in an ellipsis)
	tmux_wait "HEADROOM" 10 || fail "the cgroups screen opens ($1x$2)"
	tmux_keys p t Home # the list, closest to its limit first
	sleep 1
	i=0
	while ! tmux_has "$name: " && [ $i -lt 60 ]; do
		tmux_keys Down
		sleep 0.1
		i=$((i + 1))
	done
	if ! tmux_has "$name: "; then
		fail "select the test's cgroup ($1x$2)" "$(tmux_screen | tail -2)"
		exit 1
	fi
}
lim_select 220 50
tmux_keys ']'
if tmux_wait "$fname 64M -> 70M" 5 && wait_until 5 limit_is 73400320; then
	pass "] raises $fname one step, status says old -> new"
else
	fail "] raises $fname one step" "file $(cat "$file"); $(tmux_screen | tail -2)"
fi
check "the status line names the cgroup" tmux_has "$name)"
tmux_keys u
if tmux_wait "undone: $fname 70M -> 64M" 5 && wait_until 5 limit_is 67108864; then
	pass "u restores the old limit"
else
	fail "u restores the old limit" "file $(cat "$file"); $(tmux_screen | tail -2)"
fi
[ -n "$memsw0" ] &&
	check "u puts v1's memsw limit back too" [ "$(cat "$memsw")" = "$memsw0" ]
tmux_keys a
tmux_keys -l 16M
tmux_keys Enter
if tmux_wait "64M -> 16M, usage" 5 && tmux_has "y applies"; then
	pass "below the usage asks for y first"
else
	fail "below the usage asks for y first" "$(tmux_screen | tail -2)"
fi
check "the confirmation says the kernel reclaims or OOM-kills" tmux_has "OOM-kills"
tmux_keys n
tmux_wait "no limit changed" 5
check "n cancels: the limit is unchanged" limit_is 67108864
tmux_keys q
tmux_stop
T_SOCK=
# 80x24: the confirmation's short form still shows that y confirms
lim_select 80 24
tmux_keys a
tmux_keys -l 16M
tmux_keys Enter
if tmux_wait "64M -> 16M below usage" 5 && tmux_has "OOM-kills. y/n"; then
	pass "at 80 columns the confirmation shows y/n"
else
	fail "at 80 columns the confirmation shows y/n" "$(tmux_screen | tail -2)"
fi
tmux_keys n
tmux_wait "no limit changed" 5
check "n cancels at 80 columns: the limit is unchanged" limit_is 67108864
tmux_keys q
tmux_stop
T_SOCK=
t_done
