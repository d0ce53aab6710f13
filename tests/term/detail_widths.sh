#!/bin/sh
# Terminal test of the detail screen's numbers line ("RSS min ... max ...
# first seen ... (every refresh, 10 min)") at every width from 60 to 90
# columns and at 120, 200 and 250: the real binary in a detached tmux (own
# socket, see tests/lib.sh) on a sleep this test starts (-p), resized in
# one session so the first seen time stays the same. At 250 columns the
# line has its long form L; at each width it must be the longest of L, L
# without the "(...)" tier and L without "first seen ..." that fits: never
# a word cut in the middle (60x12 and 61x13 used to end "(ever" and
# "(every").
. "$(dirname "$0")/../lib.sh"

if ! has_tmux; then
	skip "detail width terminal tests" "tmux is not installed"
	exit 0
fi
BIN=$OOMWATCH_BIN

# The numbers line on screen now, trailing blanks removed.
numbers_line() { tmux_screen | grep '^RSS min ' | sed 's/ *$//'; }

# is_line TEXT: the numbers line on screen is exactly TEXT.
is_line() { [ "$(numbers_line)" = "$1" ]; }

sleep 600 &
own_pid $!
tmux_start 250 60 "$BIN -d 0.2 --no-protect -p $!"
if ! tmux_wait "F10Quit" 10; then
	fail "detail widths: the dashboard starts" "$(tmux_screen | head -3)"
	exit 1
fi
tmux_keys Enter
if ! tmux_wait "first seen" 10; then
	fail "detail widths: Enter opens the detail screen" "$(tmux_screen | head -12)"
	exit 1
fi
long=$(numbers_line)
case $long in
*"  first seen "*"  ("*")") pass "250x60: the long form is drawn" ;;
*) fail "250x60: the long form is drawn" "$long" ;;
esac
no_tier=$(printf '%s\n' "$long" | sed 's/  ([^(]*)$//')
no_seen=$(printf '%s\n' "$no_tier" | sed 's/  first seen .*$//')

for w in 60 61 62 63 64 65 66 67 68 69 70 71 72 73 74 75 76 77 78 79 80 \
	81 82 83 84 85 86 87 88 89 90 120 200 250; do
	h=13
	[ "$w" = 60 ] && h=12
	want=$no_seen
	[ "${#no_tier}" -le "$w" ] && want=$no_tier
	[ "${#long}" -le "$w" ] && want=$long
	tmux_resize "$w" "$h"
	if wait_until 5 is_line "$want"; then
		pass "${w}x$h: the longest numbers form that fits, no word cut"
	else
		fail "${w}x$h: the longest numbers form that fits, no word cut" \
			"want '$want', got '$(numbers_line)'"
	fi
done
tmux_stop
t_done
