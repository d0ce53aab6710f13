#!/bin/sh
# Dashboard: a --kmsg-file of 2,000,001 lines (one past the old limit)
# whose only OOM kill is the last line. The file is read whole (it stopped
# at 2,000,000 lines without a word): while it is read the pane title says
# "reading file, N lines so far" and keys are answered; at its end the kill
# line is in the pane and the events view lists it.
. "$(dirname "$0")/../lib.sh"
BIN=$OOMWATCH_BIN
if ! has_tmux; then skip "big --kmsg-file" "tmux is not installed"; exit 0; fi
report=$TOP/tests/fixtures/kmsg/09.txt
{
	yes 'usb 1-1: new high-speed USB device number 2' | head -n 2000000
	grep 'Killed process 5807' "$report"
} >"$T_TMP/big.log"
tmux_start 120 40 "$BIN -d 5 --no-protect --kmsg-file $T_TMP/big.log"
check "big file: the title says it is being read" tmux_wait "reading file, [0-9]* lines so far" 10
tmux_keys l
# the reading may end any moment now: the key must be answered either way
check "big file: keys are answered during the read" \
	tmux_wait "important only (l) |" 5
tmux_keys l
check "big file: the last line's kill is in the pane" tmux_wait "Killed process 5807 (hog)" 60
check "big file: the title names the file, reading done" tmux_wait "file $T_TMP/big.log" 5
check "big file: no 'reading' once done" tmux_lacks "reading file"
tmux_keys e
check "big file: the events view lists the kill" tmux_wait "oom_kill .*pid 5807 hog" 5
tmux_stop
t_done
