#!/bin/sh
# --replay's black box, live, as root: the real recorder (-d 0.2) records
# a real memcg OOM kill made in this test's own child cgroup (tests/lib.sh
# memcg_child and memcg_kill_hog, as tests/live/events_blackbox.sh), then
# stops. `oomwatch --replay --at` the second the kill was recorded in
# shows it in the events view (with oomhog's kill at most above it) with "Before this kill:
# MemAvailable ..." from its black box, and Enter opens the box: the
# victim among the largest processes and its RSS chart. Replayed at the
# recorder's first sample, the kill (recorded later) is not listed. Only
# the processes and the cgroup this test made are touched; all are
# removed.
. "$(dirname "$0")/../lib.sh"

bbox_recording "replay black box" "oomwatch-rpbox-$$" tmux || exit 0
check "memhog ready, then killed by the OOM killer" memcg_kill_hog rpboxhog
check "its kill has a black box" wait_until 20 has_bbox "$hog"
kill -9 "$push" 2>/dev/null
kill -TERM "$rec"
wait "$rec"
check "recorder exits 0" [ $? = 0 ]

# the second the kill was recorded in and the recorder's first sample's,
# rounded up (the sample shown is the newest at or before it)
kill_s=$(q "SELECT (time_ms + 999) / 1000 FROM events WHERE pid = $hog AND kind = 'oom_kill' LIMIT 1")
first_s=$(q "SELECT (time_ms + 999) / 1000 FROM samples ORDER BY time_ms LIMIT 1")
at_kill=$(date -u -d "@$kill_s" '+%Y-%m-%d %H:%M:%S')
at_first=$(date -u -d "@$first_s" '+%Y-%m-%d %H:%M:%S')

tmux_start 160 50 "TZ=UTC $OOMWATCH_BIN --no-protect --replay --db $db --at '$at_kill'"
tmux_wait "F10Quit" 10 || fail "the replay started (at the kill)"
tmux_keys 2
check "the recorded kill is listed" \
	tmux_wait "oom_kill .*pid $hog rpboxhog" 10
# select it: oomhog, pushed in, may be killed in the same sample
above=$(tmux_screen | awk -v p="pid $hog " '/Kernel events, newest first/ { s = NR }
	s && NR > s && index($0, p) { print NR - s - 1; exit }')
tmux_keys Home
[ "${above:-0}" -gt 0 ] && tmux_keys -N "$above" Down
check "the kill selected (among the newest, at its sample)" \
	tmux_wait "Victim  *pid $hog rpboxhog" 5
check "before this kill: its black box's line" \
	tmux_wait "$BBOX_LINE_64M from the record" 5
tmux_keys Enter
check "Enter: the black box, the victim among the largest" \
	tmux_wait "$hog  *[34][0-9.]*M .*rpboxhog" 5
check "the victim's RSS chart" \
	tmux_has "Victim RSS from .* to .* (pid $hog rpboxhog)"
[ "$T_FAILS" = 0 ] || tmux_screen # what was on screen, for the log
tmux_stop

tmux_start 160 50 "TZ=UTC $OOMWATCH_BIN --no-protect --replay --db $db --at '$at_first'"
tmux_wait "F10Quit" 10 || fail "the replay started (at the first sample)"
# the second rounded up may hold later samples: T back to the very first
tmux_keys -N 10 T
tmux_wait "sample 1/" 10 || fail "T: back to the first sample"
tmux_keys 2
check "at the first sample: the events view" \
	tmux_wait "Kernel events, newest first" 5
check "at the first sample the kill (recorded later) is not listed" \
	tmux_lacks "pid $hog rpboxhog"
[ "$T_FAILS" = 0 ] || tmux_screen
tmux_stop
check "no message on stderr" [ -z "$(cat "$T_TMP/err")" ]
t_done
