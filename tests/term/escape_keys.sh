#!/bin/sh
# Terminal test of keys whose escape sequence the terminfo entry does not
# know: the real binary in tmux (tests/lib.sh) with TERM=vt100 for the
# program only, so curses hands over xterm's F5, Shift-Up, F13, Insert ...
# byte by byte. The raw sequences are sent with send-keys -H while the
# table shows only a process this test started (namedsleeper):
#   seq       Shift-Up, Ctrl-Right, Shift-F9, F13, Insert, a mouse report:
#             its oom_score_adj is unchanged ('[' inside them lowers it
#             without the fix), no dialog opens, the screen stays; ESC [ 1
#             5 ~ (F5, which vt100 calls ESC O t) shows the tree view
#   alone     ']' and '[' on their own still raise and lower it; Alt+t
#             (ESC t) is Esc then t; Esc alone cancels the `a` prompt
# Every wait is for a condition, never a bare sleep.
. "$(dirname "$0")/../lib.sh"

if ! has_tmux; then
	skip "escape key terminal tests" "tmux is not installed"
	exit 0
fi
if ! infocmp vt100 >/dev/null 2>&1; then
	skip "escape key terminal tests" "no vt100 terminfo entry"
	exit 0
fi
need_sleeper "escape key terminal tests" || exit 1
SLEEPER_OPT=-s
BIN=$OOMWATCH_BIN

adj_of() { cat "/proc/$1/oom_score_adj" 2>/dev/null; }
adj_is() { [ "$(adj_of "$1")" = "$2" ]; }
# raw BYTES...: send these bytes (hex) to the program, as a terminal would.
raw() { tmux_keys -H "$@"; }
# No dialog or prompt is open: no signal menu, no y question, no adj prompt.
no_dialog() {
	tmux_lacks "Send a signal" && ! status_has "y sends" &&
		! status_has "y confirms" && ! status_has "oom_score_adj for pid"
}

sleeper owtesc 8 || fail "esc: namedsleeper owtesc is ready"
pid=$SPID
base=$(adj_of "$pid")
if [ "$base" -gt 700 ]; then
	skip "escape key scenes" "the test's oom_score_adj is $base: no room for +200"
	t_done
	exit
fi
tmux_start 120 40 "env TERM=vt100 $BIN -d 0.5 --no-protect"
tmux_wait "F10Quit" 10 || fail "esc: the dashboard starts with TERM=vt100"
tmux_keys -l '\'
tmux_wait "Filter:" 5 || fail "esc: \\ opens the filter prompt"
tmux_keys -l owtesc
tmux_keys Enter
if ! wait_until 10 only_rows "$pid"; then
	fail "esc: the filter shows only our process" "$(pid_rows | head -3)"
	t_done
	exit
fi
pass "esc: the filter shows only our process"

# --- alone: ']' and '[' act as before ---
tmux_keys -l ']'
check "alone: ] raises by 100" wait_until 5 adj_is "$pid" $((base + 100))
tmux_keys -l ']'
check "alone: ] twice is +200" wait_until 5 adj_is "$pid" $((base + 200))
tmux_keys -l '['
check "alone: [ lowers by 100" wait_until 5 adj_is "$pid" $((base + 100))
cur=$(adj_of "$pid")

# --- seq: unknown sequences change nothing ---
raw 1b 5b 31 3b 32 41          # Shift-Up      ESC [ 1 ; 2 A
raw 1b 5b 31 3b 35 43          # Ctrl-Right    ESC [ 1 ; 5 C
raw 1b 5b 32 30 3b 32 7e       # Shift-F9      ESC [ 2 0 ; 2 ~
raw 1b 5b 32 35 7e             # F13           ESC [ 2 5 ~
raw 1b 5b 32 7e                # Insert        ESC [ 2 ~
raw 1b 5b 3c 30 3b 35 3b 35 4d # a mouse press ESC [ < 0 ; 5 ; 5 M
raw 1b 5b 31 35 7e             # F5            ESC [ 1 5 ~
check "seq: ESC [ 1 5 ~ is F5 (tree view)" tmux_wait "TREE COMMAND" 5
check "seq: no sequence changed oom_score_adj" adj_is "$pid" "$cur"
check "seq: the table still shows only our process" only_rows "$pid"
check "seq: no dialog or prompt opened" no_dialog
check "seq: still the processes screen" tmux_has "PID USER"

# --- alone: Alt+t, Esc, '[' ---
raw 1b 74 # Alt+t: Esc, then t (tree off)
check "alone: Alt+t is Esc then t (tree off)" \
	wait_until 5 tmux_lacks "TREE COMMAND"
check "alone: the filter stays after Alt+t" only_rows "$pid"
tmux_keys a
check "alone: a opens the adj prompt" status_wait "oom_score_adj for pid $pid"
tmux_keys Escape
check "alone: Esc alone cancels the prompt" status_wait "cancelled"
check "alone: nothing written after Esc" adj_is "$pid" "$cur"
tmux_keys -l '['
check "alone: [ after the sequences still lowers" \
	wait_until 5 adj_is "$pid" $((cur - 100))
tmux_keys -l q
check "esc: q quits" wait_until 5 tmux_pane_dead
t_done
