#!/bin/sh
# Terminal tests of the actions: the real binary in tmux (tests/lib.sh),
# acting only on processes this test started (namedsleeper), each checked
# on the screen and in /proc. Before any key that acts at once (F7/F8) the
# table is checked to show exactly our process. Scenes:
#   adj        F4 filter to our process; F8 twice = +200 in /proc, F7 once
#              = -100; `a` 5000 shows an error and writes nothing; `a` 300
#              shows the estimated oom_score before Enter, Enter + y sets
#              it; u undoes; L lists the changes; P (EACCES without
#              CAP_SYS_RESOURCE, or -1000 with it); X + n cancels, X + y
#              sets 1000
#   tags       Space tags two processes, F8 raises both, u undoes it on
#              both, F8 again, F9 SIGTERM ends both, each reported
#   kill       F9 shows pid, user, name, RSS and what a kill frees; Enter +
#              y sends SIGTERM and the screen says it exited; F9, SIGKILL,
#              Enter + y: the exit report; Esc (in the menu and at the y
#              question) cancels and the process lives
#   refuse     -p 1: F9 and F8 are refused with the reason (PID 1)
#   read-only  --read-only: the bar says so, F8 / a / F9 are refused and
#              /proc is unchanged
#   events     an OOM kill of our pid read from a saved log (--kmsg-file):
#              the events view refuses to act on it (another boot's PIDs)
# Every wait is for a condition, never a bare sleep.
. "$(dirname "$0")/../lib.sh"

if ! has_tmux; then
	skip "action terminal tests" "tmux is not installed"
	exit 0
fi
need_sleeper "action terminal tests" || exit 1
SLEEPER_OPT=-s # sleepers run as "ns NAME": names fit whatever the clone's path
BIN=$OOMWATCH_BIN

adj_of() { cat "/proc/$1/oom_score_adj" 2>/dev/null; }
adj_is() { [ "$(adj_of "$1")" = "$2" ]; }
# Gone or a zombie (our shell reaps it later): it has ended.
ended() {
	st=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)
	[ -z "$st" ] || [ "$st" = Z ]
}
alive() { ! ended "$1"; }
has_cap_sys_resource() {
	eff=$(awk '/^CapEff/ {print $2}' /proc/self/status)
	[ $((0x$eff >> 24 & 1)) = 1 ]
}

# --- adj: filter, steps, exact value, undo, list, protect, prefer ---
sleeper owtadj 8 || fail "adj: namedsleeper owtadj is ready"
pid=$SPID
base=$(adj_of "$pid")
if [ "$base" -gt 700 ]; then
	skip "adj scene" "the test's oom_score_adj is $base: no room for +200"
else
	tmux_start 120 40 "$BIN -d 0.5 --no-protect"
	tmux_wait "F10Quit" 10 || fail "adj: the dashboard starts"
	tmux_keys F4
	tmux_wait "Filter:" 5 || fail "adj: F4 opens the filter prompt"
	tmux_keys -l owtadj
	tmux_keys Enter
	if ! wait_until 10 only_rows "$pid"; then
		fail "adj: the filter shows only our process" "$(pid_rows | head -3)"
	else
		pass "adj: the filter shows only our process"
		tmux_keys F8
		check "adj: F8 raises by 100 in /proc" wait_until 5 adj_is "$pid" $((base + 100))
		tmux_keys F8
		check "adj: F8 twice is +200 in /proc" wait_until 5 adj_is "$pid" $((base + 200))
		check "adj: the status line says old -> new" \
			status_wait "adj $((base + 100)) -> $((base + 200)) (pid $pid owtadj)"
		check "adj: the ADJ column shows the new value" \
			wait_until 5 sh -c "tmux -S '$T_SOCK' capture-pane -p -t t | grep -q '^[ *] *$pid .* $((base + 200)) '"
		tmux_keys F7
		check "adj: F7 lowers by 100" wait_until 5 adj_is "$pid" $((base + 100))
		cur=$((base + 100))
		# an out-of-range value: an error, nothing written
		tmux_keys a
		check "adj: a opens the prompt" status_wait "oom_score_adj for pid $pid owtadj (now $cur)"
		tmux_keys -l 5000
		check "adj: 5000 is refused as out of range" status_wait "out of range"
		tmux_keys Enter
		check "adj: Enter on 5000 keeps the error" status_wait "out of range"
		check "adj: 5000 wrote nothing" adj_is "$pid" "$cur"
		tmux_keys Escape
		check "adj: Esc closes the prompt" status_wait "cancelled"
		check "adj: nothing written after Esc" adj_is "$pid" "$cur"
		# not a number: refused with the reason, never read as 10
		tmux_keys a
		status_wait "oom_score_adj for pid $pid" || fail "adj: a opens the prompt for 0x10"
		tmux_keys -l 0x10
		tmux_keys Enter
		check "adj: 0x10 is refused as not a decimal number" \
			status_wait "0x10_ *not a decimal number"
		check "adj: 0x10 wrote nothing" adj_is "$pid" "$cur"
		tmux_keys Escape
		status_wait "cancelled" || fail "adj: Esc closes the 0x10 prompt"
		# a valid value: the estimate first, then Enter + y
		tmux_keys a
		status_wait "oom_score_adj for pid $pid" || fail "adj: a opens the prompt for 300"
		tmux_keys -l 300
		check "adj: the estimated oom_score and victim place before Enter" \
			status_wait "-> oom_score ~[0-9]*, victim #[0-9]* of [0-9]* (now [0-9]*"
		check "adj: nothing written while typing" adj_is "$pid" "$cur"
		tmux_keys Enter
		check "adj: Enter sets 300 in /proc" wait_until 5 adj_is "$pid" 300
		check "adj: the status says $cur -> 300" status_wait "adj $cur -> 300"
		# undo
		tmux_keys u
		check "adj: u undoes in /proc" wait_until 5 adj_is "$pid" "$cur"
		check "adj: the status says undone" status_wait "undone: adj 300 -> $cur"
		# the list of changes
		tmux_keys L
		check "adj: L lists the changes" tmux_wait "oom_score_adj changes (3;" 5
		check "adj: the list names the process and the values" \
			tmux_has "pid $pid *owtadj *adj *$((base + 100)) -> *$((base + 200))"
		check "adj: the list says how to keep a change (systemd)" tmux_has "OOMScoreAdjust="
		check "adj: the list says how to keep a change (choom)" tmux_has "choom -n N"
		tmux_keys Escape
		tmux_wait "F10Quit" 5 || fail "adj: Esc leaves the list of changes"
		# P: protect, after y
		tmux_keys P
		check "adj: P asks for y" status_wait "Protect pid $pid owtadj: oom_score_adj -1000"
		tmux_keys y
		if has_cap_sys_resource; then
			check "adj: P + y sets -1000" wait_until 5 adj_is "$pid" -1000
			tmux_keys u
			wait_until 5 adj_is "$pid" "$cur" || fail "adj: u undoes the -1000"
		else
			check "adj: P without CAP_SYS_RESOURCE is explained" \
				status_wait "lowering $cur -> -1000 needs CAP_SYS_RESOURCE, which oomwatch lacks here"
			check "adj: P without CAP_SYS_RESOURCE wrote nothing" adj_is "$pid" "$cur"
		fi
		# X: n cancels, y sets 1000
		tmux_keys X
		check "adj: X asks for y" status_wait "Make pid $pid owtadj the preferred OOM victim"
		tmux_keys n
		check "adj: n cancels X" status_wait "cancelled"
		check "adj: X + n wrote nothing" adj_is "$pid" "$cur"
		tmux_keys X
		status_wait "preferred OOM victim" || fail "adj: X asks for y again"
		tmux_keys y
		check "adj: X + y sets 1000" wait_until 5 adj_is "$pid" 1000
	fi
	tmux_stop
fi

# --- tags: two processes, one F8, one SIGTERM ---
sleeper owttaga || fail "tags: namedsleeper owttaga is ready"
ta=$SPID
sleeper owttagb || fail "tags: namedsleeper owttagb is ready"
tb=$SPID
a0=$(adj_of "$ta")
b0=$(adj_of "$tb")
tmux_start 120 40 "$BIN -d 0.5 --no-protect -p $ta,$tb"
tmux_wait "F10Quit" 10 || fail "tags: the dashboard starts"
if wait_until 10 only_rows "$ta" "$tb"; then
	tmux_keys Home Space Space
	check "tags: Space tags two rows" status_wait "2 tagged"
	tmux_keys F8
	check "tags: F8 raised the first" wait_until 5 adj_is "$ta" $((a0 + 100))
	check "tags: F8 raised the second" wait_until 5 adj_is "$tb" $((b0 + 100))
	check "tags: the summary counts both" \
		status_wait "adj +100 on 2 tagged processes: 2 done, 0 failed"
	# u undoes the whole key, on both processes
	tmux_keys u
	check "tags: u undid the first" wait_until 5 adj_is "$ta" "$a0"
	check "tags: u undid the second" wait_until 5 adj_is "$tb" "$b0"
	check "tags: the undo summary counts both" \
		status_wait "undone on 2 tagged processes: 2 done, 0 failed"
	tmux_keys F8
	check "tags: F8 raised both again" wait_until 5 adj_is "$tb" $((b0 + 100))
	status_wait "adj +100 on 2 tagged processes: 2 done, 0 failed" || fail "tags: the second F8 is summed up"
	tmux_keys F9
	check "tags: the signal menu names every tagged process" \
		tmux_wait "Send a signal to every tagged process" 5
	check "tags: it lists pid $ta" tmux_has "pid $ta "
	check "tags: it lists pid $tb" tmux_has "pid $tb "
	tmux_keys Enter
	status_wait "Send SIGTERM to 2 tagged processes? y" || fail "tags: Enter asks for y"
	tmux_keys y
	check "tags: SIGTERM ended the first" wait_until 5 ended "$ta"
	check "tags: SIGTERM ended the second" wait_until 5 ended "$tb"
	check "tags: the summary says both exited" \
		status_wait "SIGTERM on 2 tagged processes: 2 done, 0 failed; 2 exited"
	tmux_keys L
	check "tags: L shows each result" tmux_wait "sent SIGTERM to pid $tb owttagb; exited after" 5
else
	fail "tags: the table shows our two processes" "$(pid_rows | head -3)"
fi
tmux_stop

# --- kill: SIGTERM, SIGKILL, Esc ---
sleeper owtterm 16 || fail "kill: namedsleeper owtterm is ready"
pt=$SPID
tmux_start 120 40 "$BIN -d 0.5 --no-protect -p $pt"
tmux_wait "F10Quit" 10 || fail "kill: the dashboard starts (SIGTERM)"
if wait_until 10 only_rows "$pt"; then
	tmux_keys F9
	check "kill: F9 opens the signal menu" tmux_wait "Send a signal" 5
	check "kill: the menu names pid, RSS, user and name" \
		tmux_has "pid $pt *RSS [0-9.]*[KMG] *user root  owtterm"
	check "kill: the menu says what a kill frees" tmux_has "A kill would free: up to [0-9.]*[KMG] RAM"
	check "kill: SIGTERM is preselected" tmux_has "> SIGTERM"
	tmux_keys Enter
	check "kill: Enter asks for y" status_wait "Send SIGTERM to pid $pt owtterm? y sends"
	check "kill: nothing sent before y" alive "$pt"
	tmux_keys y
	check "kill: SIGTERM ended the process" wait_until 5 ended "$pt"
	check "kill: the screen says it exited" status_wait "sent SIGTERM to pid $pt owtterm; exited after [0-9]* ms"
else
	fail "kill: the table shows our process" "$(pid_rows | head -3)"
fi
tmux_stop

sleeper owtkill 16 || fail "kill: namedsleeper owtkill is ready"
pk=$SPID
tmux_start 120 40 "$BIN -d 0.5 --no-protect -p $pk"
tmux_wait "F10Quit" 10 || fail "kill: the dashboard starts (SIGKILL)"
if wait_until 10 only_rows "$pk"; then
	tmux_keys F9
	tmux_wait "Send a signal" 5 || fail "kill: F9 opens the menu for SIGKILL"
	tmux_keys Down
	check "kill: Down selects SIGKILL" tmux_wait "> SIGKILL" 5
	tmux_keys Enter
	status_wait "Send SIGKILL to pid $pk owtkill? y" || fail "kill: Enter asks for y before SIGKILL"
	tmux_keys y
	check "kill: SIGKILL ended the process" wait_until 5 ended "$pk"
	check "kill: SIGKILL's exit report" \
		status_wait "sent SIGKILL to pid $pk owtkill.*; exited after [0-9]* ms"
else
	fail "kill: the table shows our SIGKILL process" "$(pid_rows | head -3)"
fi
tmux_stop

sleeper owtlive || fail "kill: namedsleeper owtlive is ready"
pl=$SPID
tmux_start 120 40 "$BIN -d 0.5 --no-protect -p $pl"
tmux_wait "F10Quit" 10 || fail "kill: the dashboard starts (cancels)"
if wait_until 10 only_rows "$pl"; then
	tmux_keys F9
	tmux_wait "Send a signal" 5 || fail "kill: F9 opens the menu to cancel it"
	tmux_keys Escape
	check "kill: Esc in the menu cancels" status_wait "cancelled: nothing was done"
	tmux_keys k
	tmux_wait "Send a signal" 5 || fail "kill: k opens the menu"
	tmux_keys Enter
	status_wait "Send SIGTERM" || fail "kill: Enter asks for y before Esc"
	tmux_keys Escape
	check "kill: Esc at the y question cancels" status_wait "cancelled: nothing was done"
	check "kill: after Esc the process lives" alive "$pl"
	# a number typed in the menu: 19 is SIGSTOP, which frees nothing
	tmux_keys k
	tmux_wait "Send a signal" 5 || fail "kill: k opens the menu for a number"
	tmux_keys -l 19
	check "kill: a typed number is named" tmux_wait "other: *19_ *SIGSTOP" 5
	check "kill: SIGSTOP is labelled as freeing no memory" tmux_has "frees no memory"
	tmux_keys Escape
	check "kill: still alive after every cancel" alive "$pl"
else
	fail "kill: the table shows our Esc process" "$(pid_rows | head -3)"
fi
tmux_stop

# --- refusals: PID 1 ---
tmux_start 120 40 "$BIN -d 0.5 --no-protect -p 1"
tmux_wait "F10Quit" 10 || fail "refuse: the dashboard starts"
if wait_until 10 only_rows 1; then
	adj1=$(adj_of 1)
	tmux_keys F9
	check "refuse: F9 on PID 1 says why" status_wait "signal refused for pid 1 .*PID 1 (init): never signalled"
	check "refuse: no signal menu for PID 1" tmux_lacks "Send a signal"
	tmux_keys F8
	check "refuse: F8 on PID 1 says why" status_wait "PID 1 (init)"
	check "refuse: PID 1's adj is unchanged" adj_is 1 "$adj1"
else
	fail "refuse: the table shows PID 1 only" "$(pid_rows | head -3)"
fi
tmux_stop

# --- read-only ---
sleeper owtro || fail "read-only: namedsleeper owtro is ready"
pr=$SPID
r0=$(adj_of "$pr")
tmux_start 120 40 "$BIN -d 0.5 --no-protect --read-only -p $pr"
tmux_wait "F10Quit" 10 || fail "read-only: the dashboard starts"
check "read-only: the bar says so" tmux_wait "READ-ONLY" 5
if wait_until 10 only_rows "$pr"; then
	tmux_keys F8
	check "read-only: F8 is refused" status_wait "read-only mode (--read-only)"
	check "read-only: F8 wrote nothing" adj_is "$pr" "$r0"
	tmux_keys a
	check "read-only: a is refused" status_wait "adj refused for pid $pr owtro: read-only"
	tmux_keys F9
	check "read-only: F9 is refused" status_wait "signal refused for pid $pr owtro: read-only"
	check "read-only: the process lives" alive "$pr"
else
	fail "read-only: the table shows our process" "$(pid_rows | head -3)"
fi
tmux_stop

# --- events: a saved log's pid is never acted on ---
sleeper owtevent || fail "events: namedsleeper owtevent is ready"
pe=$SPID
e0=$(adj_of "$pe")
printf '[  853.929522] Out of memory: Killed process %s (owtevent) total-vm:30290680kB, anon-rss:9234320kB, file-rss:4kB, shmem-rss:0kB, UID:0 pgtables:59264kB oom_score_adj:0\n' \
	"$pe" >"$T_TMP/saved.log"
tmux_start 120 40 "$BIN -d 0.5 --no-protect --kmsg-file $T_TMP/saved.log -p $pe"
tmux_wait "F10Quit" 10 || fail "events: the dashboard starts"
tmux_keys e
if tmux_wait "pid $pe owtevent" 5; then
	tmux_keys F8
	check "events: a saved log's pid is refused" \
		status_wait "pid $pe may not be the event's process (from a saved log: its PIDs may be another boot's): nothing done"
	check "events: F8 wrote nothing" adj_is "$pe" "$e0"
	tmux_keys k
	check "events: k is refused too" status_wait "saved log"
	check "events: no signal menu" tmux_lacks "Send a signal"
	check "events: the process lives" alive "$pe"
else
	fail "events: the view lists the saved kill" "$(tmux_screen | sed -n 6,10p)"
fi
tmux_stop

t_done
