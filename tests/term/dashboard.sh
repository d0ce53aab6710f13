#!/bin/sh
# Terminal tests of the dashboard: the real binary in a fixed-size detached
# tmux (isolated socket, clean environment, see tests/lib.sh), driven by
# keys, read back with capture-pane. Scenes:
#   panes      at 120x40 the header meters, victim line, table headings,
#              kernel-log pane and function keys are there
#   sort       O / N / M / I reorder two processes this test started
#   filter     F4 + a name narrows the table to one process we started;
#              Esc in the filter brings the others back
#   hostile    a process named with ESC sequences, an OSC title and invalid
#              UTF-8 is drawn as visible \xNN text: no raw escape from the
#              name reaches the terminal, the pane title is untouched
#   resize     10x5 shows "terminal too small", back to 120x40 redraws
#   keys       help lists every key, tree view, setup saves oomwatchrc 0600
# Every wait is for a condition on the screen, never a bare sleep.
. "$(dirname "$0")/../lib.sh"

if ! has_tmux; then
	skip "dashboard terminal tests" "tmux is not installed"
	exit 0
fi
need_sleeper "dashboard terminal tests" || exit 1
# every sleeper runs as "ns NAME": its name fits in COMMAND however long the
# path of the clone is
SLEEPER_OPT=-s

# The process table's rows on screen (between its title and the log pane).
table_rows() { tmux_screen | sed -n '/PID USER/,/Kernel log/p' | sed '1d;$d'; }
table_has() { table_rows | grep -q -- "$1"; }
# The sort menu's rows (from its title to the first blank line, in the
# table's place); menu_has KEY: one of them is exactly KEY (maybe marked *).
menu_rows() { tmux_screen | sed -n '/^ Sort by (/,/^$/p' | sed '1d'; }
menu_has() { menu_rows | grep -qx -- "  [* ] $1"; }
# Line number of the first table row containing $1 (0 if none).
line_of() { table_rows | grep -n -- "$1" | head -n 1 | cut -d: -f1 | grep . || echo 0; }
# True when $1 is shown above $2.
above() { a=$(line_of "$1"); b=$(line_of "$2"); [ "$a" -gt 0 ] && [ "$b" -gt 0 ] && [ "$a" -lt "$b" ]; }
BIN=$OOMWATCH_BIN

# --- panes ---
tmux_start 120 40 "$BIN -d 0.5 --no-protect"
if tmux_wait "F10Quit" 10; then
	for want in "Mem\[" "Swp" "Commit" "PSI" "OOM kills" "Paging" "Self" \
		"Tasks" "Next OOM victim" "PID USER *S *OOM *ADJ *RSS *ANON *FILE *SHM *SWAP *MEM% COMMAND" \
		"Kernel log" "F1Help"; do
		check "panes: '$want' at 120x40" tmux_has "$want"
	done
else
	fail "panes: dashboard did not start" "$(tmux_screen | head -5)"
fi
tmux_stop

# --- sort ---
sleeper owtsmall 1 || fail "sort: namedsleeper owtsmall is ready"
small=$SPID
sleeper owtbig 96 || fail "sort: namedsleeper owtbig is ready"
big=$SPID
tmux_start 120 40 "$BIN -d 0.5 --no-protect -p $small,$big"
tmux_wait "ns owtbig" 10 || fail "sort: the dashboard shows ns owtbig"
# rows show the command line once read: "ns owts..."
check "sort: default (OOM desc) puts the bigger process first" \
	wait_until 5 above " owtb" " owts"
tmux_keys N
check "sort: N sorts by PID (the first started on top)" \
	wait_until 5 above " owts" " owtb"
tmux_keys M
check "sort: M sorts by RSS (the 96 MB one on top)" \
	wait_until 5 above " owtb" " owts"
tmux_keys I
check "sort: I inverts" wait_until 5 above " owts" " owtb"
# search: / and a name puts the cursor (the highlighted row) on it
esc=$(printf '\033')
selected_has() { tmux_screen_e | grep -- "$1" | grep -q "${esc}\[[0-9;]*46m"; }
tmux_keys N Home
check "search: Home selects the first row" wait_until 5 selected_has " owts"
tmux_keys /
check "search: / opens the search prompt" tmux_wait "Search:" 5
tmux_keys -l owtb
check "search: typing moves the cursor to the match" wait_until 5 selected_has " owtb"
tmux_keys Enter
check "search: Enter keeps the cursor there" wait_until 5 selected_has " owtb"
tmux_keys p
check "pause: p pauses refreshing" tmux_wait "PAUSED" 5
tmux_keys p
check "pause: p again resumes" wait_until 5 tmux_lacks "PAUSED"
tmux_keys F6
check "sort: F6 opens the sort menu" tmux_wait "Sort by" 5
# only the menu's own rows: a kernel-log line may say "cgroup" too
check "sort: the menu lists cgroup" wait_until 5 menu_has cgroup
tmux_keys Escape
check "sort: Esc closes the sort menu" wait_until 5 tmux_has owtbig
tmux_stop

# --- filter ---
tmux_start 120 40 "$BIN -d 0.5 --no-protect"
tmux_wait "F10Quit" 10 || fail "filter: the dashboard starts"
tmux_keys F4
check "filter: F4 opens the filter prompt" tmux_wait "Filter:" 5
tmux_keys -l owtsm
tmux_keys Enter
check "filter: narrows to the process we started" wait_until 5 table_has " owts"
check "filter: one row left" wait_until 5 \
	sh -c "[ \$(tmux -S '$T_SOCK' capture-pane -p -t t | sed -n '/PID USER/,/Kernel log/p' | grep -c '^[ *] *[0-9]') = 1 ]"
tmux_keys '\'
tmux_wait "Filter:" 5 || fail "filter: \\ opens the filter prompt again"
tmux_keys Escape
check "filter: Esc clears it" wait_until 5 tmux_lacks "filter: owtsm"
check "filter: all rows are back" wait_until 5 \
	sh -c "[ \$(tmux -S '$T_SOCK' capture-pane -p -t t | grep -c '^[ *] *[0-9][0-9]* ') -gt 3 ]"
tmux_stop

# --- hostile names ---
hostile=$(printf 'x\033[31mR\033]0;PWN\007')
badutf=$(printf 'bad\377\376utf')
sleeper "$hostile" || fail "hostile: namedsleeper with escapes is ready"
h1=$SPID
sleeper "$badutf" || fail "hostile: namedsleeper with invalid UTF-8 is ready"
h2=$SPID
tmux_start 120 40 "$BIN -d 0.5 --no-protect -p $h1,$h2"
if tmux_wait 'ns x\\x1b\[31mR' 10; then
	pass "hostile: ESC in a name is drawn as \\x1b"
else
	fail "hostile: ESC in a name is drawn as \\x1b" "$(tmux_screen | sed -n 6,9p)"
fi
check "hostile: OSC and BEL drawn as text" tmux_has 'x1b\]0;PWN\\x07'
check "hostile: invalid UTF-8 drawn as \\xff\\xfe" tmux_has 'bad\\xff\\xfeutf'
esc=$(printf '\033')
bel=$(printf '\007')
if tmux_screen_e | grep -q -- "${esc}]0;\|${esc}\[31mR\|${bel}"; then
	fail "hostile: no raw escape from the name reaches the terminal"
else
	pass "hostile: no raw escape from the name reaches the terminal"
fi
title=$(tmux -S "$T_SOCK" display -p -t t '#{pane_title}')
case "$title" in
*PWN*) fail "hostile: the OSC title was not applied" "$title" ;;
*) pass "hostile: the OSC title was not applied" ;;
esac
tmux_stop
# the same in the C locale: ASCII only
T_SOCK="$T_TMP/tmux.sock"
env -i PATH="$PATH" HOME="$T_TMP" TERM=xterm-256color LANG=C LC_ALL=C \
	tmux -S "$T_SOCK" -f /dev/null new-session -d -s t -x 120 -y 40 \
	"$BIN -d 0.5 --no-protect -p $h1,$h2"
check "hostile: C locale shows the escaped name" tmux_wait 'ns x\\x1b\[31mR' 10
if tmux_screen_e | LC_ALL=C grep -q "$(printf '[\200-\377]')"; then
	fail "hostile: C locale output is ASCII only"
else
	pass "hostile: C locale output is ASCII only"
fi
tmux_stop

# --- resize ---
tmux_start 120 40 "$BIN -d 0.5 --no-protect"
tmux_wait "F10Quit" 10 || fail "resize: the dashboard starts"
tmux_resize 10 5
check "resize: 10x5 says the terminal is too small" tmux_wait "terminal" 5
check "resize: nothing else is drawn at 10x5" tmux_lacks "PID"
tmux_lacks_dead() { ! tmux_pane_dead; }
# down to 1x1: each size applied in turn, the process must survive them all
# (checked below, after the redraw at 120x40)
pane_size_is() { [ "$(tmux -S "$T_SOCK" display -p -t t '#{pane_width}x#{pane_height}')" = "$1" ]; }
for sz in "1 1" "2 1" "1 3" "5 2"; do
	tmux_resize ${sz% *} ${sz#* }
	check "resize: the pane is ${sz% *}x${sz#* }" \
		wait_until 2 pane_size_is "${sz% *}x${sz#* }"
	check "resize: ${sz% *}x${sz#* } does not end the process" tmux_lacks_dead
done
tmux_resize 59 40
check "resize: 59 columns is below the minimum" tmux_wait "need 60x12" 5
tmux_resize 80 24
check "resize: 80x24 keeps PID OOM ADJ RSS and a wide COMMAND" \
	tmux_wait "PID USER *S *OOM *ADJ *RSS .* COMMAND *$" 5
check "resize: 80x24 drops FILE and SHM for it" tmux_lacks " FILE *SHM"
tmux_resize 120 40
check "resize: back to 120x40 redraws the panes" tmux_wait "Next OOM victim" 5
check "resize: 120x40 shows every default column again" \
	tmux_wait "PID USER *S *OOM *ADJ *RSS *ANON *FILE *SHM *SWAP *MEM% COMMAND" 5
check "resize: the process still runs" tmux_lacks_dead
tmux_stop

# --- keys: help, tree, setup ---
tmux_start 120 40 "$BIN -d 0.5 --no-protect"
tmux_wait "F10Quit" 10 || fail "keys: the dashboard starts"
tmux_keys F1
check "keys: F1 shows the help" tmux_wait "Keys 0%:" 5
tmux_screen >"$T_TMP/help"
# at 120x40 the help is longer than the body: it scrolls to its end
tmux_keys End
check "keys: End scrolls the help to its end" tmux_wait "Keys 100%:" 5
tmux_screen >>"$T_TMP/help"
for k in "F1 ? h" "F2 C S" "F3 /" "F4 \\\\" "F5 t" "F6 > <" "Tab" "F10 q" "O" "M" \
	"W" "A" "N" "I" "e" "l" "p Z" "F7 \[" "F8 \]" "a" "P" "X" "F9 k" "u" \
	"L" "Space" "U"; do
	check "keys: help lists '$k'" grep -q "^ $k  " "$T_TMP/help"
done
check "keys: help says how to keep an adj change" \
	grep -q "OOMScoreAdjust=N in its systemd unit, or choom" "$T_TMP/help"
# the help's own lines: from its title line to the function-key bar (the
# header's meters above may fill the width)
awk '/Keys [0-9]+%:/ { on = 1; next } /F10Quit/ { on = 0 } on' \
	"$T_TMP/help" >"$T_TMP/help.body"
check "keys: the help has lines" test -s "$T_TMP/help.body"
check "keys: no help line is cut at the edge" \
	sh -c "! grep -q '.\{120\}' '$T_TMP/help.body'"
tmux_keys Home
check "keys: Home scrolls the help back" tmux_wait "Keys 0%:" 5
tmux_keys x
check "keys: any other key leaves the help" tmux_wait "PID USER" 5
tmux_keys t
check "keys: t shows the tree view" tmux_wait "TREE COMMAND" 5
tmux_keys t
tmux_keys F2
check "keys: F2 opens setup" tmux_wait "CGROUP" 5
# the CGROUP line is the 14th: move there and toggle it on
tmux_keys Down Down Down Down Down Down Down Down Down Down Down Down Down \
	Space Escape
rc="$T_TMP/config/oomwatch/oomwatchrc"
check "keys: setup saves oomwatchrc" wait_until 5 test -f "$rc"
check "keys: oomwatchrc lists the cgroup column" grep -q "^columns = .*cgroup" "$rc"
check "keys: oomwatchrc is mode 0600" sh -c "[ \"\$(stat -c %a '$rc')\" = 600 ]"
check "keys: the CGROUP column is shown" tmux_wait "PID USER .* CGROUP .*COMMAND" 5
# GROWTH and TREND are the 12th and 13th: both on (default columns make
# room first: CGROUP, GROWTH and TREND stay)
tmux_keys F2
tmux_wait "Setup" 5 || fail "keys: F2 opens setup again"
tmux_keys Down Down Down Down Down Down Down Down Down Down Down Space Down \
	Space Escape
check "keys: oomwatchrc lists growth and trend" \
	wait_until 5 grep -q "^columns = .*growth trend" "$rc"
check "keys: the GROWTH and TREND columns are shown" \
	tmux_wait "PID USER .* GROWTH TREND .*COMMAND" 5
tmux_stop
# setup at 80x24 scrolls to keep the cursor in view (the last theme)
tmux_start 80 24 "$BIN -d 0.5 --no-protect"
tmux_wait "F10Quit" 10 || fail "keys: the dashboard starts at 80x24"
tmux_keys F2
tmux_wait "Setup" 5 || fail "keys: F2 opens setup at 80x24"
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18; do tmux_keys Down; done
check "keys: setup at 80x24 scrolls to the last theme" \
	tmux_wait "( )  high-contrast" 5
check "keys: the theme in use is marked" tmux_has "(\*)  default"
tmux_keys Escape
tmux_stop

t_done
