#!/bin/sh
# Terminal test of the detail chart of a real, growing process: the real
# binary in a 120x40 tmux (own socket, see tests/lib.sh) refreshing every
# 0.3 s on a trendhog child of this test that grows 2 MiB/s. The dashboard
# runs, is paused (p) for 3 s, runs again, and Enter opens the detail:
#   - the RSS chart is drawn (block cells) and reads `rising`;
#   - the pause is a gap: a blank column with drawn columns on both
#     sides of it, nothing joined across it (model/chart.h).
. "$(dirname "$0")/../lib.sh"

if ! has_tmux; then
	skip "detail gap terminal test" "tmux is not installed"
	exit 0
fi
if [ ! -x "$PROGS/trendhog" ]; then
	skip "detail gap terminal test" "trendhog not built"
	exit 0
fi
"$PROGS/trendhog" grow >"$T_TMP/grow.out" 2>&1 &
hog=$!
own_pid "$hog"
wait_until 10 grep -q ready "$T_TMP/grow.out" || { fail "trendhog ready"; exit 1; }

tmux_start 120 40 "LANG=C.UTF-8 $OOMWATCH_BIN -d 0.3 --no-protect -p $hog"
check "the dashboard starts" tmux_wait "F10Quit" 10
sleep 3
tmux_keys p
check "p pauses" tmux_wait "PAUSED" 5
sleep 3
tmux_keys p
sleep 3
tmux_keys Enter
check "Enter opens the detail with a rising verdict" tmux_wait "RSS rising" 10
tmux_screen >"$T_TMP/detail"
# the RSS lane: from the "RSS" label line to the line before "anon"
awk '/^RSS  / { on = 1 } /^anon/ { on = 0 } on' "$T_TMP/detail" >"$T_TMP/rss"
check "the RSS chart has block cells" grep -q '[▁▂▃▄▅▆▇█]' "$T_TMP/rss"
check "the pause is a blank column between drawn ones" python3 -c '
import sys
rows = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8")]
w = max(len(r) for r in rows)
drawn = [any(c < len(r) and r[c] in "▁▂▃▄▅▆▇█" for r in rows) for c in range(w)]
first = drawn.index(True)
last = w - 1 - drawn[::-1].index(True)
gaps = [c for c in range(first, last + 1) if not drawn[c]]
assert gaps, ("no blank column inside the chart", rows)' "$T_TMP/rss"
tmux_stop
t_done
