#!/bin/sh
# Golden screens: the real binary, in a fixed-size detached tmux (own
# socket, see tests/lib.sh), draws the fixture system
# (tests/fixtures/golden: a --proc-root tree with its cgroupfs, and a
# --kmsg-file) at 80x24,
# 120x40 and 200x60 for each screen, and each frame is compared cell by
# cell, text and colour role, with tests/golden/SCREEN-COLSxROWS.txt.
#
# The frame comes from OOMWATCH_SCREEN_DUMP (src/view/screen.c): after
# each frame the binary writes its screen as text plus one role code per
# cell, so the comparison sees theme roles, not escape codes. What could
# vary between runs is pinned: a fresh process per screen and size, env -i
# with TERM, locale, TZ, HOME and XDG_CONFIG_HOME fixed (no oomwatchrc),
# --no-protect (no self-protection text), OOMWATCH_TEST_CLOCK (the fixed
# clock of core/clock.h), user ids 0 and two that no system maps (checked
# here), and the async command-line worker by waiting until 5 frames in a
# row (refreshes at -d 0.1) are the same.
#
# On a mismatch the check fails with diff -u of the text and, for roles,
# "row R col C: expected role X got Y" (1-based) for the first cells; a
# self-test first shows that a changed letter and a changed role fail.
# After an intended change re-bless every file with one command:
#   make golden-bless        (or: sh tests/term/golden.sh --bless)
# Usage: sh tests/term/golden.sh [--bless] [SCREEN...]
. "$(dirname "$0")/../lib.sh"

BLESS=0
if [ "${1:-}" = --bless ]; then
	BLESS=1
	shift
fi
ONLY="$*"
# The screens drawn, one line each: a name, then the keys that open it
# from the process table (tmux send-keys arguments; ";" starts another
# send, so "-l" can type text, and a "%wait TEXT" segment waits until the
# screen shows TEXT); events selects the oldest event, the OOM kill;
# detail opens the selected process (its verdict settles after 20
# samples); procs-trend turns GROWTH and TREND on in setup (the other
# columns as by default: at 80 columns ANON and USER make room), clears the
# "saved" message (its path varies) with Down Up and waits for the
# verdicts; boots waits for its table (the history is read in the
# background). A new screen is a new line here.
SCREEN_TABLE='processes
sort F6
search F3 ; -l redis
events e Down Down
changes L
help F1
setup F2
cgroups c
cgpaths c p
cgfilter c Down Down Enter
detail Enter
procs-trend F2 Down Down Down Down Down Down Down Down Down Down Down Space Down Space F2 ; %wait saved ; Down Up ; %wait flat
memory 8
system 9
boots 0 ; %wait HOW IT ENDED ; Down
bootevents 0 ; %wait HOW IT ENDED ; Down Enter'
SCREENS=$(printf '%s\n' "$SCREEN_TABLE" | cut -d' ' -f1)
SIZES="80x24 120x40 200x60"
GOLDEN="$TOP/tests/golden"
# relative to $TOP: the log pane's title shows the --kmsg-file path
FIX=tests/fixtures/golden
DUMP="$T_TMP/screen.dump"
BIN=$OOMWATCH_BIN

if ! has_tmux; then
	skip "golden screens" "tmux is not installed"
	exit 0
fi
if ! infocmp tmux-256color >/dev/null 2>&1; then
	skip "golden screens" "no terminfo entry for tmux-256color"
	exit 0
fi
if [ "$(getent passwd 0 | cut -d: -f1)" != root ] ||
	getent passwd 4711 >/dev/null || getent passwd 5123 >/dev/null; then
	skip "golden screens" "uid 0 is not root, or uid 4711 or 5123 has a name here"
	exit 0
fi

# Send the keys of screen $1 (its SCREEN_TABLE line) to the dashboard.
screen_keys() {
	printf '%s\n' "$SCREEN_TABLE" | awk -v n="$1" '$1 == n {
		$1 = ""; print }' | tr ';' '\n' | while read -r _keys; do
		[ -z "$_keys" ] && continue
		case $_keys in '%wait '*)
			wait_until 10 tmux_has "${_keys#%wait }" ||
				fail "golden: $1" "no '${_keys#%wait }' on the screen"
			continue ;;
		esac
		# shellcheck disable=SC2086 # the words are separate keys
		tmux_keys $_keys || return 1
	done
}

# dump_settled: true once 5 frames in a row (each a new file: its mtime
# changes) had the same content; wait_until polls it every 50 ms.
SETTLE_SUM= SETTLE_TIME= SETTLE_FRAMES=0
dump_settled() {
	_time=$(stat -c %.9Y "$DUMP" 2>/dev/null) || return 1
	_sum=$(cksum <"$DUMP" 2>/dev/null) || return 1
	if [ "$_sum" != "$SETTLE_SUM" ]; then
		SETTLE_FRAMES=0
	elif [ "$_time" != "$SETTLE_TIME" ]; then
		SETTLE_FRAMES=$((SETTLE_FRAMES + 1))
	fi
	SETTLE_SUM=$_sum SETTLE_TIME=$_time
	[ "$SETTLE_FRAMES" -ge 5 ]
}
wait_settled() {
	SETTLE_SUM= SETTLE_TIME= SETTLE_FRAMES=0
	wait_until 10 dump_settled
}
dump_changed() { [ "$(cksum <"$DUMP" 2>/dev/null)" != "$1" ]; }
dump_has() { grep -q -- "$1" "$DUMP" 2>/dev/null; }

# Part of a dump file: text or roles (the header gives the rows).
dump_part() {
	awk -v part="$1" 'NR == 1 { split($5, wh, "x"); rows = wh[2] }
		part == "text" && NR >= 4 && NR < 4 + rows
		part == "roles" && NR >= 5 + rows && NR < 5 + 2 * rows' "$2"
}

# The first cells whose role differs (names from each file's legend).
role_diff() {
	awk 'FNR == 1 { f++; split($5, wh, "x"); rows[f] = wh[2] }
	FNR == 2 { for (i = 2; i <= NF; i++) {
			k = substr($i, 1, 1); name[f, k] = substr($i, 3) } }
	FNR >= 5 + rows[f] && FNR < 5 + 2 * rows[f] { line[f, FNR - 4 - rows[f]] = $0 }
	END {
		for (r = 1; r <= rows[1]; r++) {
			a = line[1, r]; b = line[2, r]
			n = length(a) > length(b) ? length(a) : length(b)
			for (c = 1; c <= n; c++) {
				x = name[1, substr(a, c, 1)]; y = name[2, substr(b, c, 1)]
				if (x == y) continue
				if (++bad <= 8)
					printf "    row %d col %d: expected role %s got %s\n", r, c, x, y
			}
		}
		if (bad > 8) printf "    ... %d cells differ in role\n", bad
	}' "$1" "$2"
}

# compare NAME GOLDEN DRAWN: PASS when the size, the text and every cell's
# role name are the same (the role letters may differ: a new theme role
# shifts them), or FAIL with a readable difference.
compare() {
	if [ ! -f "$2" ]; then
		fail "golden: $1" "no $2: run make golden-bless"
		return
	fi
	if [ "$(head -n 1 "$2")" != "$(head -n 1 "$3")" ]; then
		fail "golden: $1" "expected '$(head -n 1 "$2")' got '$(head -n 1 "$3")'"
		return
	fi
	dump_part text "$2" >"$T_TMP/want.txt"
	dump_part text "$3" >"$T_TMP/got.txt"
	role_diff "$2" "$3" >"$T_TMP/roles.txt"
	if cmp -s "$T_TMP/want.txt" "$T_TMP/got.txt" && [ ! -s "$T_TMP/roles.txt" ]; then
		pass "golden: $1"
		return
	fi
	fail "golden: $1" "the screen differs from tests/golden/$1.txt; if intended: make golden-bless"
	diff -u --label "tests/golden/$1.txt" --label "drawn" \
		"$T_TMP/want.txt" "$T_TMP/got.txt" | head -n 40 | sed 's/^/    /'
	cat "$T_TMP/roles.txt"
}

# shot SCREEN COLS ROWS: start a fresh dashboard, open the screen, wait for
# a settled frame and compare it (or, with --bless, keep it).
shot() {
	name="$1-$2x$3"
	rm -f "$DUMP"
	rm -rf "$T_TMP/config" # no oomwatchrc a setup screen saved before
	tmux_start "$2" "$3" "cd '$TOP' && exec env -i PATH='$PATH' \
HOME='$T_TMP' XDG_CONFIG_HOME='$T_TMP/config' TERM=tmux-256color \
LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC0 OOMWATCH_SCREEN_DUMP='$DUMP' \
OOMWATCH_TEST_CLOCK=1767225600000:86400000 '$BIN' -d 0.1 --no-protect \
--proc-root $FIX/proc --kmsg-file $FIX/kmsg.txt"
	if ! wait_until 10 dump_has F10Quit || ! wait_settled; then
		fail "golden: $name" "no settled first frame: $(tmux_screen | head -n 3)"
		tmux_stop
		return
	fi
	if [ "$1" != processes ]; then
		before=$(cksum <"$DUMP")
		screen_keys "$1"
		if ! wait_until 5 dump_changed "$before" || ! wait_settled; then
			fail "golden: $name" "the keys did not give a settled new frame"
			tmux_stop
			return
		fi
	fi
	cp "$DUMP" "$T_TMP/$name.txt"
	tmux_stop
	if [ "$BLESS" = 1 ]; then
		mkdir -p "$GOLDEN"
		if cmp -s "$T_TMP/$name.txt" "$GOLDEN/$name.txt"; then
			pass "golden: $name unchanged"
		else
			cp "$T_TMP/$name.txt" "$GOLDEN/$name.txt"
			pass "golden: $name blessed"
		fi
	else
		compare "$name" "$GOLDEN/$name.txt" "$T_TMP/$name.txt"
	fi
}

# The comparison must be able to fail: a copy of a golden with one letter
# and one role changed is reported with both (compare runs in a subshell,
# so its FAIL line is only read here).
self_test() {
	g="$GOLDEN/processes-80x24.txt"
	sed '4s/Mem/Mex/; 30s/^\(.\)./\1?/' "$g" >"$T_TMP/altered.txt"
	out=$(compare processes-80x24 "$g" "$T_TMP/altered.txt")
	check "golden: a changed letter fails with a diff" sh -c \
		'printf "%s\n" "$1" | grep -q "^    + Mex\["' sh "$out"
	check "golden: a changed role is named with its cell" sh -c \
		'printf "%s\n" "$1" | grep -q "row 2 col 2: expected role [a-z.]* got other"' \
		sh "$out"
}
[ "$BLESS" = 1 ] || [ ! -f "$GOLDEN/processes-80x24.txt" ] || self_test

[ -x "$BIN" ] || {
	fail "golden screens" "no binary at $BIN"
	exit 1
}
for s in $SCREENS; do
	case " ${ONLY:-$s} " in *" $s "*) ;; *) continue ;; esac
	for z in $SIZES; do
		shot "$s" "${z%x*}" "${z#*x}"
	done
done
t_done
