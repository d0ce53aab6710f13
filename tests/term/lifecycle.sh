#!/bin/sh
# Terminal tests of the dashboard's start and end, and of its kernel-log
# views. Scenes:
#   quit       q and F10 end with status 0 and leave the alternate screen
#   signals    SIGTERM, SIGHUP, SIGQUIT and SIGINT do the same (signalfd);
#              SIGSEGV dies by the signal but the handler restores the tty
#   errors     a bad theme file: one line naming file:line, exit 2; TERM
#              unset or unknown: a clear message, no abort; not a tty: a
#              clear message suggesting --batch
#   post-mortem --kmsg-file with a real memcg OOM report: the kill line is
#              highlighted by class in the log pane, `e` shows the event
#              with its victim, constraint, memcg and task table
#   live OOM   (root, writable v1/v2 memory cgroup) a cgroup OOM kill this
#              test causes appears highlighted in the log pane
. "$(dirname "$0")/../lib.sh"

if ! has_tmux; then
	skip "dashboard lifecycle tests" "tmux is not installed"
	exit 0
fi
BIN=$OOMWATCH_BIN
CORPUS=$TOP/tests/fixtures/kmsg
# Start the dashboard from a shell that saves the terminal modes before
# and after it (stty -g, read from outside the program) and its status.
start() {
	rm -f "$T_TMP/before" "$T_TMP/after" "$T_TMP/status"
	tmux_start 120 40 "echo \$\$ > '$T_TMP/pid'; stty -g > '$T_TMP/before'; $BIN -d 0.5 --no-protect $*; echo \$? > '$T_TMP/status'; stty -g > '$T_TMP/after'"
	tmux_wait "F10Quit" 10 || fail "start: the dashboard starts ($*)"
}
oomwatch_pid() { pgrep -P "$(cat "$T_TMP/pid")" | head -n 1; }
clean_exit() { # $1 = scene name
	check "$1: the process exited" wait_until 5 test -s "$T_TMP/after"
	check "$1: exit status 0" sh -c "[ \"\$(cat '$T_TMP/status')\" = 0 ]"
	check "$1: terminal modes restored (stty -g)" cmp -s "$T_TMP/before" "$T_TMP/after"
	check "$1: alternate screen is off" sh -c "[ \"\$(tmux -S '$T_SOCK' display -p -t t '#{alternate_on}')\" = 0 ]"
}

# --- quit ---
start
tmux_keys q
clean_exit "quit q"
tmux_stop
start
tmux_keys F10
clean_exit "quit F10"
tmux_stop

# --- signals ---
for sig in TERM HUP QUIT INT; do
	start
	kill -"$sig" "$(oomwatch_pid)"
	clean_exit "SIG$sig"
	tmux_stop
done

# --- a crash: the fatal-signal handler restores the terminal, re-raises ---
start
kill -SEGV "$(oomwatch_pid)"
check "SIGSEGV: the process died" wait_until 5 test -s "$T_TMP/after"
check "SIGSEGV: by the signal (status 139)" sh -c "[ \"\$(cat '$T_TMP/status')\" = 139 ]"
check "SIGSEGV: terminal modes restored (stty -g)" cmp -s "$T_TMP/before" "$T_TMP/after"
check "SIGSEGV: alternate screen is off" sh -c "[ \"\$(tmux -S '$T_SOCK' display -p -t t '#{alternate_on}')\" = 0 ]"
tmux_stop

# --- errors ---
printf '# test\nmem.used = green\nrisk.high = purple bold\n' >"$T_TMP/bad.theme"
"$BIN" --theme "$T_TMP/bad.theme" </dev/null >"$T_TMP/out" 2>"$T_TMP/err"
rc=$?
check "bad theme: exit status 2" [ "$rc" = 2 ]
check "bad theme: one error line" [ "$(wc -l <"$T_TMP/err")" = 1 ]
check "bad theme: names file and line" \
	grep -q "bad.theme:3: unknown colour or attribute 'purple'" "$T_TMP/err"
check "bad theme: nothing on standard output" [ ! -s "$T_TMP/out" ]
"$BIN" --theme no-such-theme </dev/null >/dev/null 2>"$T_TMP/err"
check "unknown theme name: exit 2 with the choices" \
	sh -c "[ $? = 2 ] && grep -q 'unknown theme' '$T_TMP/err'"

"$BIN" </dev/null >"$T_TMP/out" 2>"$T_TMP/err"
rc=$?
check "not a tty: exit status 1" [ "$rc" = 1 ]
check "not a tty: suggests --batch" grep -q -- "--batch" "$T_TMP/err"
check "not a tty: no escape sequences written" [ ! -s "$T_TMP/out" ]

tmux_start 120 40 "env -u TERM $BIN --no-protect; echo EXIT=\$?; sleep 60"
check "TERM unset: a clear message" tmux_wait "TERM is not set" 5
check "TERM unset: exit status 1" tmux_wait "EXIT=1" 5
tmux_stop
tmux_start 120 40 "TERM=no-such-term $BIN --no-protect; echo EXIT=\$?; sleep 60"
check "unknown TERM: a clear message" tmux_wait "unknown terminal type 'no-such-term'" 5
check "unknown TERM: exit status 1" tmux_wait "EXIT=1" 5
tmux_stop

# --- post-mortem from a saved kernel log ---
report="$CORPUS/09.txt" # a memcg OOM kill captured on 6.18
if [ ! -f "$report" ]; then
	skip "post-mortem scenes" "no memcg OOM report fixture"
else
	start --kmsg-file "$report"
	check "post-mortem: the log pane names the file" tmux_has "file "
	check "post-mortem: the kill line is in the log pane" \
		tmux_has "Killed process 5807 (hog)"
	esc=$(printf '\033')
	if tmux_screen_e | grep "Killed process 5807" | grep -q "${esc}\[[0-9;]*4[1-8]"; then
		pass "post-mortem: the kill line is highlighted (klog.oom)"
	else
		fail "post-mortem: the kill line is highlighted (klog.oom)"
	fi
	tmux_keys Tab
	check "log: Tab gives the log pane the focus" tmux_wait "Kernel log \[focus\]" 5
	tmux_keys Up Up Up
	check "log: Up scrolls the focused log back" tmux_wait "scrolled" 5
	check "log: the newest line left the pane" tmux_lacks "Killed process 5807"
	tmux_keys Home
	check "log: Home shows the oldest line" tmux_wait "hog invoked oom-killer" 5
	# (it once scrolled one line too far: a single line at the bottom)
	check "log: Home puts the oldest line on the pane's top row" \
		sh -c "tmux -S '$T_SOCK' capture-pane -p -t t | sed -n '/Kernel log/{n;p;q}' | grep -q '# src: this machine'"
	tmux_keys l Home
	check "log: l with Home: important lines only" tmux_wait "important only" 5
	check "log: important only + Home: the oldest OOM line is on the pane" \
		tmux_wait "hog invoked oom-killer" 5
	check "log: important only + Home: never 'no lines yet'" tmux_lacks "no lines yet"
	tmux_keys l
	tmux_wait "all (l)" 5 || fail "log: l again shows all lines"
	tmux_keys End Tab
	check "log: End returns to the tail" tmux_wait "Killed process 5807" 5
	tmux_keys e
	check "events: e opens the events view" tmux_wait "Kernel events" 5
	check "events: the OOM kill is listed" tmux_has "oom_kill .*pid 5807 hog"
	check "events: victim detail" tmux_has "Victim  *pid 5807 hog"
	check "events: constraint" tmux_has "Constraint  *memcg"
	check "events: memcg path" tmux_has "Memcg  */process_api/"
	check "events: RSS split" tmux_has "RSS  *anon 63.8M  file 1060K  shmem 0K"
	check "events: task table" tmux_has "NAME (task table, by RSS)"
	tmux_keys Escape
	check "events: Esc returns" tmux_wait "PID USER" 5
	tmux_stop
	# the same kill with 60 more tasks: the event keeps the 32 largest
	# (KEVENT_TASKS_MAX), the task table scrolls
	# (and an older hung-task event, to move the selection away and back)
	awk -F, 'BEGIN { OFS = "," }
	NR == 1 { print "3,1,1000000,-;INFO: task jbd2/sda1-8:301 blocked for more than 120 seconds." }
	NR <= 77 { print; next }
	NR == 78 {
		for (i = 1; i <= 60; i++)
			printf "6,%d,228226406,-;[   %d]     0  %d     2000 %8d     %d        0         0    40960        0             0 w%02d\n", \
				500 + i, 6000 + i, 6000 + i, 1000 - i, 1000 - i, i
	}
	{ $2 = $2 + 60; print }' "$report" >"$T_TMP/tasks.kmsg"
	start --kmsg-file "$T_TMP/tasks.kmsg"
	tmux_keys e
	check "events: a long task table says which rows it shows" \
		tmux_wait "by RSS: 1-[0-9]* of 32, PgUp/PgDn) the 32 largest of 61" 5
	check "events: the table starts with the biggest task" \
		tmux_has "5807 *0 .* hog$"
	tmux_keys PPage NPage
	check "events: PgDn scrolls the task table" \
		tmux_wait "by RSS: 11-[0-9]* of 32" 5
	check "events: rows 1-10 left the pane" tmux_lacks "5807 *0 .* hog$"
	check "events: row 11 is on top" tmux_has "6010 *0 .* w10$"
	for i in 1 2 3 4 5 6 7; do tmux_keys NPage; done
	check "events: PgDn stops at the last page" \
		tmux_wait "[0-9]*-32 of 32" 5
	check "events: the last task kept is shown" tmux_has "6031 *0 .* w31$"
	tmux_keys Down Up
	check "events: another event resets the table to its top" \
		tmux_wait "by RSS: 1-[0-9]* of 32" 5
	tmux_keys q
	check "events: q quits from the events view too" \
		wait_until 5 test -s "$T_TMP/after"
	tmux_stop
	# a plain line and an OOM kill: 'l' keeps only the kill
	{
		printf '6,100,1000000,-;usb 1-1: new high-speed USB device number 2\n'
		grep 'Killed process 5807' "$report"
	} >"$T_TMP/mixed.kmsg"
	start --kmsg-file "$T_TMP/mixed.kmsg"
	check "log: a plain line is shown" tmux_has "new high-speed USB device"
	tmux_keys l
	check "log: l shows important lines only" tmux_wait "important only" 5
	check "log: important-only keeps the kill" tmux_has "Killed process 5807"
	check "log: important-only drops plain lines" tmux_lacks "high-speed USB"
	tmux_keys l
	check "log: l again shows all lines" tmux_wait "high-speed USB" 5
	tmux_stop
	tmux_start 120 40 "$BIN --kmsg-file -; echo EXIT=\$?; sleep 60"
	check "--kmsg-file - is refused in the dashboard" tmux_wait "needs --events" 5
	check "--kmsg-file -: exit status 2" tmux_wait "EXIT=2" 5
	tmux_stop
fi

# --- a real cgroup OOM kill, live ---
if ! is_root; then
	skip "live OOM kill" "needs root"
elif [ ! -r /dev/kmsg ]; then
	skip "live OOM kill" "/dev/kmsg is not readable"
elif ! memcg_child "oomwatch-term-$$" 32; then
	skip "live OOM kill" "$MEMCG_WHY"
else
	cg=$MEMCG
	start
	sh -c "echo \$\$ > '$cg/cgroup.procs'; exec '$PROGS/namedsleeper' owthog 128" \
		>/dev/null 2>&1 &
	hog=$!
	{ wait "$hog"; } 2>/dev/null
	check "live OOM: the hog was killed by SIGKILL" [ $? = 137 ]
	check "live OOM: the kill appears in the log pane" \
		tmux_wait "Killed process $hog (owthog)" 5
	esc=$(printf '\033')
	if tmux_screen_e | grep "Killed process $hog" | grep -q "${esc}\[[0-9;]*4[1-8]"; then
		pass "live OOM: the kill line is highlighted"
	else
		fail "live OOM: the kill line is highlighted"
	fi
	check "live OOM: the header counts the kill since start" \
		tmux_wait "[1-9][0-9]* since start" 5
	tmux_stop
	memcg_remove
fi

# --- not root: what can be shown is shown, what cannot says why ---
if ! is_root; then
	skip "non-root scene" "needs root to become nobody"
elif ! command -v setpriv >/dev/null 2>&1 || ! id nobody >/dev/null 2>&1; then
	skip "non-root scene" "no setpriv or no user nobody"
else
	# a copy nobody can run, whatever the permissions of the clone
	chmod 711 "$T_TMP"
	mkdir -p "$T_TMP/nr"
	cp "$BIN" "$T_TMP/nr/oomwatch"
	chmod 755 "$T_TMP/nr" "$T_TMP/nr/oomwatch"
	SLEEPER_OPT=-s # "ns owtroot": the name fits in COMMAND
	sleeper owtroot 1 || fail "non-root: namedsleeper owtroot is ready"
	tmux_start 120 40 "setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME=/nonexistent $T_TMP/nr/oomwatch -d 0.5; sleep 30"
	check "non-root: the dashboard starts" tmux_wait "F10Quit" 10
	check "non-root: the kernel log says why it is not shown" \
		tmux_has "permission denied; needs CAP_SYSLOG or kernel.dmesg_restrict=0"
	check "non-root: self-protection says why it is off" \
		tmux_has "Self not locked (no CAP_IPC_LOCK"
	# filtered first: on a busy machine root's sleeper may sort below
	# the rows the screen has room for
	tmux_keys F4 owtroot Enter
	check "non-root: the filter narrows to root's process" \
		tmux_wait "1 shown" 5
	check "non-root: other users' processes are listed" \
		tmux_wait "$SPID root .*ns owtroot" 5
	tmux_keys F8
	check "non-root: F8 on root's process is refused with the owner" \
		tmux_wait "owned by uid 0" 5
	check "non-root: nothing was written" \
		sh -c "[ \"\$(cat /proc/$SPID/oom_score_adj)\" = 0 ]"
	tmux_stop
fi

t_done
