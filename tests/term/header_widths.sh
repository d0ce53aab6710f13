#!/bin/sh
# Terminal test of the header meters at the sizes people use: the real
# binary in a fixed-size detached tmux (own socket, see tests/lib.sh),
# read back with capture-pane. At 80x24, 100x30, 120x40, 160x40 and 200x60:
#   - the Self and Tasks meters are there (80x24 used to drop them);
#   - no meter word is cut: every word on a meter line is a word of the
#     meters' forms (src/model/meters.c) or of the same header drawn at
#     250 columns, where every meter has room for its long form;
#   - nothing needed the ellipsis, no text reaches the right edge, and on
#     rows with two meters the gap between them stays blank.
# At 80x24 pausing adds "[PAUSED]" to Tasks, still within its column.
. "$(dirname "$0")/../lib.sh"

if ! has_tmux; then
	skip "header width terminal tests" "tmux is not installed"
	exit 0
fi
BIN=$OOMWATCH_BIN
LABELS='(Mem|Swp|Commit|Self|PSI|OOM|Paging|Tasks)'

# Words (letters and _) of the text on standard input, one a line, sorted.
words() { grep -o '[A-Za-z_][A-Za-z_]*' | sort -u; }

# start_at COLS ROWS: start the dashboard and wait for a second sample
# (until then Paging says the rates come after the next refresh).
start_at() {
	tmux_start "$1" "$2" "$BIN -d 0.5"
	tmux_wait "Paging" 10 && wait_until 10 tmux_lacks "next refresh"
}

# The meter lines: the screen above the next-victim line.
header_lines() { tmux_screen | sed '/Next OOM victim\|Victim: /,$d'; }

# check_header COLS ROWS [NOTE]: the checks above on what is on screen now.
check_header() {
	at="$1x$2${3:+ $3}"
	hdr=$(header_lines)
	check "$at: Self is shown" sh -c "printf '%s\n' \"\$1\" | grep -q ' Self '" - "$hdr"
	check "$at: Tasks is shown" sh -c "printf '%s\n' \"\$1\" | grep -q ' Tasks '" - "$hdr"
	bad=$(printf '%s\n' "$hdr" | words | comm -23 - "$T_TMP/vocab" | tr '\n' ' ')
	if [ -z "$bad" ]; then pass "$at: no meter word is cut"; else
		fail "$at: no meter word is cut" "not a whole word: $bad"
		printf '%s\n' "$hdr" | sed 's/^/  | /'
	fi
	check "$at: no ellipsis in the header" tmux_lacks "…"
	long=$(printf '%s\n' "$hdr" | awk -v c="$1" 'length($0) >= c' | head -n 1)
	if [ -z "$long" ]; then pass "$at: the right edge stays blank"; else
		fail "$at: the right edge stays blank" "$long"
	fi
	half=$(($1 / 2))
	gap=$(printf '%s\n' "$hdr" | cut -c"$((half + 2))"- | grep -nE "^$LABELS" | cut -d: -f1)
	for n in $gap; do
		g=$(printf '%s\n' "$hdr" | sed -n "${n}p" | cut -c"$half"-"$((half + 1))")
		check "$at: row $n keeps the gap between its two meters" [ "$g" = "  " ]
	done
}

# The vocabulary: the words of the meters' forms, of the header at 250
# columns (the long forms, this machine's Self text) and size units.
grep -o '"[^"]*"' "$TOP/src/model/meters.c" | words >"$T_TMP/vocab.src"
if start_at 250 60; then
	{ cat "$T_TMP/vocab.src"; header_lines | words; printf '%s\n' K M G T P s; } |
		sort -u >"$T_TMP/vocab"
	pass "250x60: the long forms are drawn"
else
	fail "250x60: dashboard did not start" "$(tmux_screen | head -3)"
	exit 1
fi
tmux_stop

for size in "80 24" "100 30" "120 40" "160 40" "200 60"; do
	set -- $size
	if ! start_at "$1" "$2"; then
		fail "$1x$2: dashboard did not start" "$(tmux_screen | head -3)"
		tmux_stop
		continue
	fi
	check_header "$1" "$2"
	if [ "$1" = 80 ]; then
		tmux_keys p
		check "80x24: p shows [PAUSED] by Tasks" \
			wait_until 5 sh -c "tmux -S '$T_SOCK' capture-pane -p -t t | grep -q 'Tasks .*\[PAUSED\]'"
		check_header "$1" "$2" paused
	fi
	tmux_stop
done
t_done
