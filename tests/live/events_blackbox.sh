#!/bin/sh
# The events view's black box, live, as root: the real recorder (-d 0.2)
# records a real memcg OOM kill made in this test's own child cgroup
# (tests/lib.sh memcg_child: a 40 MiB memhog, then oomhog pushing the
# 64 MiB cgroup over its limit), as tests/live/recorder_blackbox.sh does.
# A dashboard started with --db before the kill lists it from the live
# kernel log and, once the recorder has stored its black box, reads the
# record again and shows "Before this kill: MemAvailable ..." for it
# without a restart. A dashboard started after the kill finds it in the
# record at start (the same /dev/kmsg sequence number): the summary line,
# and on Enter the black box, the victim among the largest processes and
# its RSS chart. Only the processes and the cgroup this test made are
# touched; all are removed.
. "$(dirname "$0")/../lib.sh"

bbox_recording "events view black box" "oomwatch-bbview-$$" tmux || exit 0

# select_kill: move the events view's cursor onto the kill of $hog (as
# many Downs as rows above it in the list)
select_kill() {
	above=$(tmux_screen | sed -n '/Kernel events, newest first/,$p' |
		awk -v p="pid $hog " 'NR > 1 && index($0, p) { print NR - 2; exit }')
	tmux_keys Home
	i=0
	while [ "$i" -lt "${above:-0}" ]; do
		tmux_keys Down
		i=$((i + 1))
	done
}

tmux_start 160 50 "$OOMWATCH_BIN -d 0.5 --no-protect --db $db"
tmux_wait "F10Quit" 10 || fail "the dashboard (before the kill) started"
tmux_keys 2

check "memhog ready, then killed by the OOM killer" memcg_kill_hog bbviewhog
check "its kill has a black box" wait_until 20 has_bbox "$hog"
check "running before it: the kill is listed" \
	tmux_wait "oom_kill .*pid $hog bbviewhog" 10
select_kill
check "running before it: its black box once recorded, read again" \
	tmux_wait "$BBOX_LINE_64M" 15
[ "$T_FAILS" = 0 ] || tmux_screen # what was on screen, for the log
tmux_stop
kill -9 "$push" 2>/dev/null
kill -TERM "$rec"
wait "$rec"
check "recorder exits 0" [ $? = 0 ]

tmux_start 160 50 "$OOMWATCH_BIN -d 0.5 --no-protect --db $db"
tmux_wait "F10Quit" 10 || fail "the dashboard started"
tmux_keys 2
check "the kill is listed from the live log" \
	tmux_wait "oom_kill .*pid $hog bbviewhog" 10
select_kill
check "not marked from the record (it is live)" \
	sh -c "! tmux -S '$T_SOCK' capture-pane -p -t t | grep -q 'pid $hog bbviewhog (from the record)'"
check "before this kill: its summary line" \
	tmux_wait "$BBOX_LINE_64M" 5
check "the report is still there" tmux_has "Victim  *pid $hog"
tmux_keys Enter
check "Enter: the black box, the victim among the largest" \
	tmux_wait "$hog  *[34][0-9.]*M .*bbviewhog" 5
check "the victim's RSS chart" \
	tmux_has "Victim RSS from .* to .* (pid $hog bbviewhog)"
[ "$T_FAILS" = 0 ] || tmux_screen # what was on screen, for the log
tmux_stop
check "no message on stderr" [ -z "$(cat "$T_TMP/err")" ]
t_done
