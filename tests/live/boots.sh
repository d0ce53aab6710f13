#!/bin/sh
# `oomwatch --boots [--json]` and `--events --boot N` (app/boots_cli.c,
# collect/bootsrc.c):
# - on this machine: the table is valid JSON, its newest row is this boot,
#   started at /proc/stat's btime; its boots match `last -x reboot` (same
#   start times to the minute) where wtmp has records, and
#   `journalctl --list-boots` (same boot ids) where there is a journal;
#   each comparison is skipped, with the reason, when its source is absent;
# - on a wtmp written by tests/progs/wtmpgen (a fixture root): the same
#   comparison with `last -x -f`, crash and clean sequences included;
# - a journalctl that hangs (first in PATH) costs at most the deadline;
#   the lines it gave before are used, and the note says it was cut short;
# - --events --boot -1 without a journal: one line on stderr, exit 1.
. "$(dirname "$0")/../lib.sh"

if [ ! -x "$OOMWATCH_BIN" ]; then
	skip "boots" "oomwatch not built"
	exit 0
fi
if ! command -v jq >/dev/null 2>&1; then
	skip "boots" "jq is not installed"
	exit 0
fi
# starts_utc FILE: the JSON rows' start times as UTC minutes, newest first
starts_utc() {
	jq -r '.boots[] | select(.in_wtmp) | .start | strftime("%Y-%m-%dT%H:%M")' "$1"
}
# last_starts [ARGS]: last -x reboot's start times, UTC minutes, newest first
last_starts() {
	TZ=UTC last -x --time-format iso "$@" reboot 2>/dev/null | awk '$1 == "reboot" {
		for (i = 2; i <= NF; i++)
			if ($i ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T/) {
				print substr($i, 1, 16); break
			}
	}'
}

# This machine.
"$OOMWATCH_BIN" --boots --json >"$T_TMP/live.json" 2>"$T_TMP/live.err"
check "--boots --json: exit 0, valid JSON" jq -e '.boots | length >= 1' "$T_TMP/live.json"
check "the newest row is this boot, running" \
	[ "$(jq -r '.boots[0] | "\(.index) \(.ended)"' "$T_TMP/live.json")" = "0 running" ]
btime=$(awk '$1 == "btime" { print $2 }' /proc/stat)
start=$(jq -r '.boots[0].start' "$T_TMP/live.json")
check "this boot started at btime (or within 120 s: wtmp's record)" \
	[ "$start" -ge $((btime - 120)) -a "$start" -le $((btime + 120)) ]
id=$(tr -d '-' </proc/sys/kernel/random/boot_id)
check "this boot's id is the kernel's" [ "$(jq -r '.boots[0].boot_id' "$T_TMP/live.json")" = "$id" ]
# this boot's events are the live kernel log's, read as --events reads it
if [ "$(jq -r '.sources.kernel_log.ok' "$T_TMP/live.json")" = true ]; then
	check "this boot's events come from the kernel log (events_source)" \
		jq -e '.boots[0].events_source == "kmsg" or .boots[0].events_source == "klogctl"' "$T_TMP/live.json"
	"$OOMWATCH_BIN" --events --json 2>/dev/null >"$T_TMP/ev_live.json"
	n_ev=$(grep -c '"kind": "oom_kill"' "$T_TMP/ev_live.json")
	"$OOMWATCH_BIN" --boots --json >"$T_TMP/live2.json" 2>/dev/null
	n_boot=$(jq -r '.boots[0].events.oom_kill' "$T_TMP/live2.json")
	check "... as many OOM kills as --events found before it ($n_ev), or more ($n_boot)" \
		[ "$n_boot" -ge "$n_ev" ]
else
	skip "this boot's events from the kernel log" "it cannot be read here"
fi
"$OOMWATCH_BIN" --boots >"$T_TMP/live.txt"
check "--boots text: sources line, header, this boot" sh -c \
	'grep -q "^wtmp: .*journal: " "$1" && grep -q "HOW IT ENDED" "$1" && grep -q "^    0 .* running" "$1"' sh "$T_TMP/live.txt"

if [ -s /var/log/wtmp ] && command -v last >/dev/null 2>&1; then
	last_starts -f /var/log/wtmp >"$T_TMP/last.txt"
	starts_utc "$T_TMP/live.json" >"$T_TMP/ours.txt"
	check "wtmp: the same boots as last -x reboot" cmp -s "$T_TMP/last.txt" "$T_TMP/ours.txt"
else
	skip "wtmp: compare with last -x" "/var/log/wtmp is missing or empty here"
fi
if journalctl --list-boots --no-pager >"$T_TMP/jb.txt" 2>/dev/null && [ -s "$T_TMP/jb.txt" ]; then
	awk '{ print $2 }' "$T_TMP/jb.txt" | sort >"$T_TMP/jb_ids.txt"
	jq -r '.boots[] | select(.in_journal) | .boot_id' "$T_TMP/live.json" | sort >"$T_TMP/our_ids.txt"
	check "journal: the same boot ids as journalctl --list-boots" cmp -s "$T_TMP/jb_ids.txt" "$T_TMP/our_ids.txt"
else
	skip "journal: compare with journalctl --list-boots" "no journal here (journalctl lists no boots)"
	"$OOMWATCH_BIN" --events --boot -1 >"$T_TMP/o" 2>"$T_TMP/e"
	rc=$?
	check "--events --boot -1 without a journal exits 1" [ "$rc" = 1 ]
	check "... with one line saying why" sh -c \
		'[ "$(wc -l <"$1")" = 1 ] && grep -q "^oomwatch: --boot -1: journal: not available (" "$1"' sh "$T_TMP/e"
	check "... and nothing on stdout" [ ! -s "$T_TMP/o" ]
	"$OOMWATCH_BIN" --events >/dev/null 2>&1
	rc=$?
	"$OOMWATCH_BIN" --events --boot 0 >/dev/null 2>"$T_TMP/e0"
	check "--events --boot 0 without a journal reads the kernel log, as --events (exit $rc)" \
		sh -c '[ "$1" = "$2" ] && ! grep -q journal "$3"' sh "$?" "$rc" "$T_TMP/e0"
fi

# The golden tree's history (tests/fixtures/golden/boots.sh), text form:
# every way a boot can end, pinned (frozen clock, UTC); this boot's
# events are its --kmsg-file's, as --events would read them.
TZ=UTC OOMWATCH_TEST_CLOCK=1767225600000 "$OOMWATCH_BIN" --boots \
	--proc-root "$TOP/tests/fixtures/golden/proc" \
	--kmsg-file "$TOP/tests/fixtures/golden/kmsg.txt" >"$T_TMP/tree.txt"
check "golden tree: the table as tests/fixtures/boots/golden-tree.txt" \
	cmp -s "$TOP/tests/fixtures/boots/golden-tree.txt" "$T_TMP/tree.txt"
TZ=UTC "$OOMWATCH_BIN" --events --boot -1 --json --proc-root "$TOP/tests/fixtures/golden/proc" |
	jq -r '"\(.kind) \(.time)"' >"$T_TMP/ev.txt"
check "golden tree: --events --boot -1 gives boot a1's three events, oldest first" [ \
	"$(tr '\n' '|' <"$T_TMP/ev.txt")" = "oom_kill 1764548012.0004|hung_task 1764548100|panic 1764548200.25|" ]
TZ=UTC "$OOMWATCH_BIN" --events --boot -3 --json --proc-root "$TOP/tests/fixtures/golden/proc" \
	>"$T_TMP/ev3.txt" 2>"$T_TMP/ev3.err"
check "golden tree: --events --boot -3 (only pstore has it) gives its dump's OOM panic" \
	jq -e -s '[.[] | .kind] == ["panic"] and (.[0].message | startswith("Out of memory"))' "$T_TMP/ev3.txt"
check "... and says it read the dump" grep -q "^oomwatch: --boot -3: from its pstore dump dmesg.txt" "$T_TMP/ev3.err"

# pstore alone (no wtmp, no journal): the dump, written before this boot
# started, is a row of its own (an earlier boot that panicked), never
# dropped: the dumps in the rows add up to the sources' count.
mkdir -p "$T_TMP/ps/boots/pstore" "$T_TMP/ps/sys/kernel/random"
printf 'cpu  1 0 0 0 0 0 0 0 0 0\nbtime 1764633600\n' >"$T_TMP/ps/stat"
printf 'b2b2b2b2-b2b2-b2b2-b2b2-b2b2b2b2b2b2\n' >"$T_TMP/ps/sys/kernel/random/boot_id"
printf '6.9.0-test\n' >"$T_TMP/ps/sys/kernel/osrelease"
printf 'pswpin 0\noom_kill 529\n' >"$T_TMP/ps/vmstat"
cat >"$T_TMP/ps/boots/pstore/dmesg-ramoops-0" <<'DUMP'
====1764548200.250000-D
Panic#1 Part1
<0>[ 1000.250000] Kernel panic - not syncing: Fatal exception in interrupt
DUMP
"$OOMWATCH_BIN" --boots --json --proc-root "$T_TMP/ps" \
	--kmsg-file /dev/null >"$T_TMP/ps.json"
check "pstore alone: the dump is an earlier boot's row, ended in its panic" \
	jq -e '[.boots[] | "\(.index) \(.ended) \(.earlier) \(.dumps)"] == ["0 running false 0", "-1 panic true 1"]' "$T_TMP/ps.json"
check "... its panic message kept, and the dumps add up to the source's" \
	jq -e '.boots[1].panic_message == "Fatal exception in interrupt" and ([.boots[].dumps] | add) == .sources.pstore.count' "$T_TMP/ps.json"
check "... this boot's kernel from sys/kernel/osrelease (no wtmp), its OOM kills from vmstat" \
	jq -e '.boots[0].kernel == "6.9.0-test" and .boots[0].oom_kill_vmstat == 529 and .boots[1].oom_kill_vmstat == null' "$T_TMP/ps.json"

# A generated wtmp in a fixture root: crash and clean sequences.
if [ -x "$PROGS/wtmpgen" ] && command -v last >/dev/null 2>&1; then
	mkdir -p "$T_TMP/root/boots"
	"$PROGS/wtmpgen" >"$T_TMP/root/boots/wtmp" <<'WTMP'
boot 1764288000 6.1.0-20-amd64
login 1764290000
shutdown 1764370000
boot 1764374430 6.1.0-20-amd64
login 1764380000
boot 1764460830 6.1.0-21-amd64
shutdown 1764500000
boot 1764547220 6.1.0-21-amd64
WTMP
	"$OOMWATCH_BIN" --boots --json --proc-root "$T_TMP/root" >"$T_TMP/gen.json"
	last_starts -f "$T_TMP/root/boots/wtmp" >"$T_TMP/last.txt"
	starts_utc "$T_TMP/gen.json" >"$T_TMP/ours.txt"
	check "generated wtmp: 4 boots, as last -x -f lists them" sh -c \
		'[ "$(wc -l <"$1")" = 4 ] && cmp -s "$1" "$2"' sh "$T_TMP/last.txt" "$T_TMP/ours.txt"
	check "generated wtmp: shutdown, crash, shutdown (oldest first)" [ \
		"$(jq -r '[.boots[] | select(.in_wtmp) | .ended] | reverse | .[0:3] | join(" ")' "$T_TMP/gen.json")" = "shutdown crash shutdown" ]
else
	skip "generated wtmp" "wtmpgen not built or last missing"
fi

# A journalctl that hangs costs the deadline (3 s), not more; what it
# wrote before (newest first, as -r asks) is used, and the note says it
# was cut short and which boots were not read.
mkdir -p "$T_TMP/bin"
printf '#!/bin/sh\nprintf "%%s\\n" "$@" >"%s"\ntac "%s"\nexec sleep 60\n' \
	"$T_TMP/args" "$TOP/tests/fixtures/boots/journal.json" >"$T_TMP/bin/journalctl"
chmod +x "$T_TMP/bin/journalctl"
t0=$(date +%s)
PATH="$T_TMP/bin:$PATH" "$OOMWATCH_BIN" --boots --json >"$T_TMP/hang.json"
t1=$(date +%s)
check "a hanging journalctl is cut at the deadline" [ $((t1 - t0)) -le 6 ]
check "every boot's kernel messages are asked for (_TRANSPORT=kernel; -k means this boot only)" \
	sh -c 'grep -qx "_TRANSPORT=kernel" "$1" && grep -qx -- "-n" "$1" && grep -qx -- "-r" "$1" && ! grep -qx -- "-k" "$1" && ! grep -qx -- "-b" "$1"' sh "$T_TMP/args"
check "... the note says so" \
	jq -e '.sources.journal.note | startswith("cut short: timed out after 3000 ms; read newest first: boots before ")' "$T_TMP/hang.json"
check "... and the boots it gave are used (the panic of boot a1..)" \
	jq -e '[.boots[] | select(.boot_id == "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1") | .ended] == ["panic"]' "$T_TMP/hang.json"

# The Boots screen reads in the background: a journalctl that sleeps
# $T_TMP/slow/secs seconds (then prints the fixture; exec sleep when it
# is long, so a kill ends it), its pids in $T_TMP/slow/pids.
if has_tmux; then
	mkdir -p "$T_TMP/slow"
	echo 2 >"$T_TMP/slow/secs"
	cat >"$T_TMP/slow/journalctl" <<JCTL
#!/bin/sh
echo \$\$ >>"$T_TMP/slow/pids"
s=\$(cat "$T_TMP/slow/secs")
[ "\$s" -gt 5 ] && exec sleep "\$s"
sleep "\$s"
cat "$TOP/tests/fixtures/boots/journal.json"
JCTL
	chmod +x "$T_TMP/slow/journalctl"
	PATH="$T_TMP/slow:$PATH" tmux_start 120 40 "$OOMWATCH_BIN -d 0.5 --no-protect"
	if tmux_wait "F10Quit" 10; then
		tmux_keys 0
		check "Boots screen: the loading line while journalctl sleeps" \
			tmux_wait "reading the boot history (journalctl)..." 2
		check "... and no table yet" tmux_lacks "HOW IT ENDED"
		check "... then the table" tmux_wait "HOW IT ENDED" 10
		check "... with the journal's boots" tmux_has "journal: 2 boots"
		echo 30 >"$T_TMP/slow/secs"
		tmux_keys r
		wait_until 5 sh -c '[ "$(wc -l <"$1")" -ge 2 ]' sh "$T_TMP/slow/pids"
		check "r: a second read, shown as loading" \
			tmux_wait "reading the boot history (journalctl)..." 2
		tmux_keys r
		tmux_keys q
		check "quitting during a 30 s read ends the dashboard at once" \
			wait_until 3 tmux_pane_dead
		jpid=$(tail -n 1 "$T_TMP/slow/pids")
		check "... and its journalctl is gone (killed and reaped)" \
			wait_until 1 sh -c '! kill -0 "$1" 2>/dev/null' sh "$jpid"
		check "... two reads in all (r during a read starts none)" \
			[ "$(wc -l <"$T_TMP/slow/pids")" = 2 ]
	else
		fail "Boots screen: the dashboard did not start in tmux"
	fi
	tmux_stop
else
	skip "Boots screen in tmux" "tmux is not installed"
fi
t_done
