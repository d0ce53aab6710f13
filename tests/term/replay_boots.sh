#!/bin/sh
# Terminal test of the Boots screen (0, app/scr_boots.c) when paused and
# in `oomwatch --replay`.
# - Paused (p), the live dashboard reads the boot history in the
#   background and shows it when the read ends, with no key pressed: the
#   paused refresh tick picks the result up (scr_boots_poll). Before, the
#   screen said "reading the boot history" until a key. journalctl here is
#   a stand-in on PATH that waits 1 s and prints nothing, so the read is
#   seen running, then seen ending.
# - A replay (which starts paused) shows one line instead of this
#   machine's boot history, and under strace it neither runs journalctl
#   nor opens wtmp, pstore or the journal after 0 and its keys.
. "$(dirname "$0")/../lib.sh"

if ! has_tmux; then
	skip "Boots replay terminal test" "tmux is not installed"
	exit 0
fi
BIN=$OOMWATCH_BIN
db="$T_TMP/history.db"
READING="reading the boot history"
LINE="replay: the Boots screen reads this machine's boot history, not the record"

mkdir -p "$T_TMP/bin"
cat >"$T_TMP/bin/journalctl" <<'EOF'
#!/bin/sh
sleep 1
exit 0
EOF
chmod +x "$T_TMP/bin/journalctl"

PATH="$T_TMP/bin:$PATH" tmux_start 120 30 "$BIN --no-protect -d 0.3"
tmux_wait "F10Quit" 10 || fail "the dashboard started"
tmux_keys p
tmux_wait "paused" 5 || fail "p paused the dashboard"
tmux_keys 0
check "paused, 0: the read is seen running" tmux_wait "$READING" 2
check "paused: the history shows when the read ends, with no key pressed" \
	wait_until 5 sh -c "tmux -S '$T_SOCK' capture-pane -p -t t |
		grep -q 'STARTED' &&
		! tmux -S '$T_SOCK' capture-pane -p -t t | grep -q '$READING'"
tmux_stop

"$BIN" --record -d 0.05 --samples 2 --db "$db" 2>"$T_TMP/rec.err" ||
	fail "the recorder made the database" "$(cat "$T_TMP/rec.err")"

tmux_start 120 30 "$BIN --no-protect --replay --db $db"
tmux_wait "F10Quit" 10 || fail "the replay started"
tmux_keys 0
check "replay, 0: one line says the Boots screen is not the record's" \
	tmux_wait "$LINE" 5
check "replay, 0: no boot table" tmux_lacks "STARTED"
check "replay, 0: nothing is being read" tmux_lacks "$READING"
tmux_resize 80 24
check "replay, 0 at 80 columns: the line is whole" tmux_wait "$LINE" 5
tmux_stop

if command -v strace >/dev/null 2>&1; then
	tr="$T_TMP/strace"
	tmux_start 120 30 "strace -f -qq -e trace=openat,execve -o $tr $BIN --no-protect --replay --db $db"
	tmux_wait "F10Quit" 15 || fail "the replay started under strace"
	tmux_keys 0
	tmux_wait "$LINE" 5 || fail "0 under strace"
	tmux_keys r
	tmux_keys Enter
	tmux_keys Down
	tmux_keys t
	sleep 1.5 # a few refresh ticks
	grep -E 'execve\(.*journalctl|wtmp|pstore|/var/log/journal' "$tr" \
		>"$T_TMP/live_reads"
	check "strace: no journalctl run, no wtmp, pstore or journal open ($(head -c 200 "$T_TMP/live_reads" | tr "\n" " "))" \
		test ! -s "$T_TMP/live_reads"
	check "strace: the trace saw the replay's own opens" \
		grep -q "history.db" "$tr"
	tmux_stop
else
	skip "Boots replay: no live boot sources" "strace is not installed"
fi
t_done
