#!/bin/sh
# make screenshots: run the dashboard in a fixed-size detached tmux, capture
# the pane with its colours and render it to screenshots/*.png
# (scripts/ansi2png.sh: aha + headless Chromium). Scenes:
#   main.png         120x40, live, with processes this script starts
#                    holding memory (the largest is the next victim)
#   events.png       the events view after a memcg OOM kill (the recorded
#                    6.18 report tests/fixtures/kmsg/09.txt)
#   actions.png      F8 raised the next victim's oom_score_adj (status
#                    line: old -> new), then F9 opened the signal menu
#   cgroups.png      the cgroups screen (c) with two memory cgroups this
#                    script makes under its own, one near its limit
#   light-theme.png  the main screen with --theme light
#   small-term.png   80x24: one column of meters, a short log pane
#   too-small.png    40x10: "terminal too small"
#   detail.png       120x40: the detail screen (Enter) of a trendhog
#                    growing 2 MiB/s, after 25 s at -d 0.25 (a verdict
#                    needs 20 samples): its chart and "rising"
#   memory.png       120x40: the memory screen (8), this machine's
#                    breakdown of MemTotal, tmpfs mounts, slab and swap
#   system.png       120x40: the system screen (9) with a task this script
#                    holds in D state (a vfork parent, tests/progs/vforkhold)
#                    for 65 s: the strip's whole minute, and the task
#                    marked near the hung-task timeout (120 s here)
#   replay.png       120x40: --replay on a record this script makes (-d 0.5)
#                    around a real OOM kill in a 64 MiB memcg of its own:
#                    { to shothog's kill, the events view, Enter: its
#                    black box (the victim highlighted, its RSS chart)
#   boots.png        120x40: the boots screen (0) on the golden fixture
#                    tree (tests/fixtures/golden: wtmp, pstore, journal),
#                    the previous boot selected
# Usage: sh scripts/screenshots.sh [SCENE...] (default: all of them; a
# scene is a name above without .png; main and actions are one run), or
# SCENES="detail" make screenshots.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-build}
BIN=${BIN:-oomwatch}
case "$BIN" in /*) ;; *) BIN="$TOP/$BIN" ;; esac
case "$BUILD" in /*) ;; *) BUILD="$TOP/$BUILD" ;; esac
PROGS="$BUILD/progs"
export TOP BUILD PROGS
. "$TOP/tests/lib.sh"
out="$TOP/screenshots"
mkdir -p "$out"
SCENES=${*:-${SCENES:-main actions cgroups events light-theme small-term too-small detail memory system boots replay}}
# want SCENE...: true when one of them is to be made.
want() {
	for _w in "$@"; do
		case " $SCENES " in *" $_w "*) return 0 ;; esac
	done
	return 1
}

# shot NAME COLS ROWS [light]: render the current pane.
shot() {
	# -N keeps trailing spaces: coloured fills (title bars) reach the edge
	tmux -S "$T_SOCK" capture-pane -p -e -N -t t >"$T_TMP/$1.ans"
	if sh "$TOP/scripts/ansi2png.sh" "$T_TMP/$1.ans" "$out/$1.png" "$2" \
		"$3" ${4:-}; then
		echo "screenshots/$1.png"
	else
		T_FAILS=$((T_FAILS + 1))
	fi
}

n=0
want main actions light-theme || n=3
for mb in 768 384 192; do
	[ "$n" -ge 3 ] && break
	n=$((n + 1))
	"$PROGS/namedsleeper" "batch-job-$n" "$mb" >"$T_TMP/hog$n" 2>&1 &
	own_pid $!
	wait_until 20 grep -qs ready "$T_TMP/hog$n"
done

if want main actions; then
	tmux_start 120 40 "$BIN -d 1 --no-protect"
	tmux_wait "batch-job-1" 10
	wait_until 5 tmux_has "Paging swap"
	shot main 120 40
	tmux_keys F4 batch-job-1 Enter F8
	tmux_wait "adj 0 -> 100" 5
	tmux_keys Escape F9
	tmux_wait "Send a signal" 5
	shot actions 120 40
	tmux_stop
fi

# cg_hog NAME MB HOG_MB: a child memory cgroup NAME of MB MiB (tests/lib.sh
# memcg_child) with a memhog of HOG_MB MiB in it; its directory is added
# to CGS for the cleanup below.
CGS=
CG_PIDS=
cg_hog() {
	memcg_child "$1" "$2" || return 1
	CGS="$CGS $MEMCG"
	sh -c 'echo $$ >"$1/cgroup.procs" && exec "$2/memhog" "$3" 0 "$4"' \
		sh "$MEMCG" "$PROGS" "$3" "$1" >"$T_TMP/cg.$1" 2>&1 &
	own_pid $!
	CG_PIDS="$CG_PIDS $!"
	MEMCG= # removed below, once its hog is gone
	wait_until 10 grep -q ready "$T_TMP/cg.$1"
}
if ! want cgroups; then
	:
elif cg_hog web-frontend 256 230 && cg_hog batch-workers 1024 300; then
	tmux_start 120 40 "$BIN -d 1 --no-protect"
	tmux_wait "F10Quit" 10
	tmux_keys c
	tmux_wait "web-frontend" 5
	shot cgroups 120 40
	tmux_stop
else
	echo "screenshots: no cgroups.png: ${MEMCG_WHY:-a hog did not start}" >&2
fi
for p in $CG_PIDS; do kill -9 "$p" 2>/dev/null; done
for d in $CGS; do
	MEMCG=$d
	memcg_remove
done

if ! want replay; then
	:
elif command -v sqlite3 >/dev/null 2>&1 &&
	memcg_child "oomwatch-shot-$$" 64; then
	db="$T_TMP/replay.db"
	"$BIN" --record -d 0.5 --samples 600 --db "$db" 2>/dev/null &
	rec=$!
	own_pid "$rec"
	wait_until 20 has_samples 3
	if memcg_kill_hog shothog; then
		kill -9 "$push" 2>/dev/null
		wait_until 10 has_samples $(($(q 'SELECT count(*) FROM samples') + 4))
		kill -TERM "$rec"
		wait "$rec"
		tmux_start 120 40 "$BIN --no-protect --replay --db $db"
		tmux_wait "F10Quit" 10
		tmux_keys '{' # the newest event: a kill in shothog's memcg
		tmux_wait "replay: event" 5
		# the kill of shothog itself (the pushing oomhog's may be after)
		tmux_has "shothog, recorded" || tmux_keys '{'
		tmux_wait "shothog, recorded" 5
		tmux_keys 2
		tmux_wait "Before this kill" 5
		tmux_keys Enter
		tmux_wait "LARGEST BY RSS" 5
		shot replay 120 40
		tmux_stop
	else
		kill -9 "$push" 2>/dev/null
		kill -TERM "$rec"
		echo "screenshots: no replay.png: the OOM kill did not happen" >&2
	fi
	memcg_remove
else
	echo "screenshots: no replay.png: ${MEMCG_WHY:-sqlite3 missing}" >&2
fi

if want events; then
	tmux_start 120 40 "$BIN --no-protect --kmsg-file $TOP/tests/fixtures/kmsg/09.txt"
	tmux_wait "F10Quit" 10
	tmux_keys e
	tmux_wait "Victim" 5
	shot events 120 40
	tmux_stop
fi

if want light-theme; then
	tmux_start 120 40 "$BIN -d 1 --no-protect --theme light"
	tmux_wait "batch-job-1" 10
	shot light-theme 120 40 light
	tmux_stop
fi

if want small-term; then
	tmux_start 80 24 "$BIN -d 1 --no-protect"
	tmux_wait "F10Quit" 10
	shot small-term 80 24
	tmux_stop
fi

if want too-small; then
	tmux_start 40 10 "$BIN -d 1 --no-protect"
	tmux_wait "too small" 10
	shot too-small 40 10
	tmux_stop
fi

# detail: a real leak, 2 MiB/s, charted from the dashboard's start
if want detail; then
	"$PROGS/trendhog" grow >"$T_TMP/trendhog" 2>&1 &
	own_pid $!
	hog=$!
	wait_until 10 grep -qs ready "$T_TMP/trendhog"
	tmux_start 120 40 "$BIN -d 0.25 --no-protect -p $hog"
	tmux_wait "trendhog grow" 10
	tmux_keys Enter
	tmux_wait "rising" 15
	sleep 18 # the chart grows for 25 s in all
	tmux_wait "rising" 5 && shot detail 120 40
	tmux_stop
	kill -9 "$hog" 2>/dev/null
fi

if want memory; then
	tmux_start 120 40 "$BIN -d 1 --no-protect"
	tmux_wait "F10Quit" 10
	tmux_keys 8
	tmux_wait "MEANING" 5 && shot memory 120 40
	tmux_stop
fi

# system: a vfork parent waits in D until its child execs (80 s); past
# half of a 120 s hung-task timeout it is marked "near"
if want system; then
	"$PROGS/vforkhold" 80 >/dev/null 2>&1 &
	own_pid $!
	hold=$!
	tmux_start 120 40 "$BIN -d 1 --no-protect"
	tmux_wait "F10Quit" 10
	tmux_keys 9
	tmux_wait "vforkhold" 10
	sleep 64 # its time in D counts up; the strip fills its minute
	tmux_wait "vforkhold" 5 && shot system 120 40
	tmux_stop
	kill -9 "$hold" 2>/dev/null
fi

# boots: the golden fixture tree's boot history, its times in UTC and
# the clock frozen at the golden screens' 2026-01-01 (core/clock.h), so
# the running boot's uptime agrees with the tree's btime
if want boots; then
	tmux_start 120 40 "cd '$TOP' && exec env TZ=UTC0 \
OOMWATCH_TEST_CLOCK=1767225600000:86400000 '$BIN' -d 1 \
--no-protect --proc-root tests/fixtures/golden/proc \
--kmsg-file tests/fixtures/golden/kmsg.txt"
	tmux_wait "F10Quit" 10
	tmux_keys 0
	tmux_wait "HOW IT ENDED" 10
	tmux_keys Down
	sleep 1
	shot boots 120 40
	tmux_stop
fi
t_done
