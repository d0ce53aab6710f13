#!/bin/sh
# `oomwatch --events` on saved logs (tests/fixtures/kmsg, the corpus, fed
# through standard input without their "# src:" header lines): the JSON
# field names and values are the contract of the README, the readable
# list shows the same events, and a missing file is one line on stderr.
. "$(dirname "$0")/../lib.sh"
FIX="$TOP/tests/fixtures/kmsg"

if [ ! -x "$OOMWATCH_BIN" ]; then
	skip "events cli" "oomwatch not built"
	exit 0
fi
# ev FILE [ARGS]: events of one fixture as JSON lines
ev() { f=$1; shift; grep -v '^# ' "$FIX/$f" | "$OOMWATCH_BIN" --events --json --kmsg-file - "$@"; }

want='{"kind": "oom_kill", "time": 228.226428, "pid": 5807, "comm": "hog", "uid": 0, "total_vm_kb": 68268, "anon_rss_kb": 65280, "file_rss_kb": 1060, "shmem_rss_kb": 0, "pgtables_kb": 172, "oom_score_adj": 0, "constraint": "memcg", "memcg": "/process_api/b1c851392e19e77b716488477021332e/rr_oomtest", "memcg_name": "rr_oomtest", "trigger": "hog", "gfp_mask": "0xcc0(GFP_KERNEL)", "order": 0, "reaped": false, "tasks": [{"pid": 5807, "uid": 0, "total_vm_pages": 17067, "rss_pages": 16585, "swapents": 0, "oom_score_adj": 0, "name": "hog"}]}'
check "09 memcg OOM as JSON" [ "$(ev 09.txt)" = "$want" ]
check "09 text names the memcg as people do" sh -c 'grep -v "^# " "$1" | "$2" --events --kmsg-file - | grep -q " memcg_name rr_oomtest "' sh "$FIX/09.txt" "$OOMWATCH_BIN"
want='{"kind": "oom_kill", "time": null, "pid": 27438, "comm": "R", "uid": null, "total_vm_kb": 38349780, "anon_rss_kb": 1041924, "file_rss_kb": 4, "shmem_rss_kb": 0, "pgtables_kb": null, "oom_score_adj": null, "constraint": null, "memcg": null, "memcg_name": null, "trigger": null, "gfp_mask": null, "order": null, "reaped": false, "tasks": []}'
check "19 bare kill: unknowns are null" [ "$(ev 19.txt)" = "$want" ]
check "44 hung_task" [ "$(ev 44.txt)" = '{"kind": "hung_task", "time": 26825.855448, "comm": "kworker/2:1", "pid": 5747, "seconds": 120}' ]
check "35 soft_lockup then panic" [ "$(ev 35.txt | tr '\n' '|')" = '{"kind": "soft_lockup", "time": 5300.229390, "cpu": 2, "seconds": 23, "comm": "kworker/2:1", "pid": 25629}|{"kind": "panic", "time": 5300.237965, "message": "softlockup: hung tasks"}|' ]
check "36 hard_lockup" [ "$(ev 36.txt)" = '{"kind": "hard_lockup", "time": 5300.443503, "cpu": 1}' ]
check "58 null_deref" [ "$(ev 58.txt)" = '{"kind": "null_deref", "time": 73727.941121, "address": "0000000000000014"}' ]
check "61 page_alloc_failure, dmesg -T time" [ "$(TZ=UTC ev 61.txt)" = '{"kind": "page_alloc_failure", "time": 1587395287, "comm": "kworker/u16:3", "order": 4}' ]
check "07 forged record: no event" [ -z "$(ev 07.txt)" ]
check "08 forged record, dmesg form: no event" [ -z "$(ev 08.txt)" ]
# Every fixture together, in one stream: all events, oldest first.
n=$(cat "$FIX"/*.txt | grep -v '^# ' | "$OOMWATCH_BIN" --events --json --kmsg-file - | wc -l)
check "all fixtures in one stream give events" [ "$n" -ge 30 ]
# A hostile name is sanitized in both outputs.
printf '[1.000000] Out of memory: Killed process 9 (\033[31mx\\) total-vm:8kB, anon-rss:4kB, file-rss:0kB\n' \
	>"$T_TMP/esc.log"
"$OOMWATCH_BIN" --events --json --kmsg-file "$T_TMP/esc.log" >"$T_TMP/esc.json"
check "JSON escapes control bytes" grep -qF '"comm": "\\x1b[31mx\\"' "$T_TMP/esc.json"
LC_ALL=C.UTF-8 "$OOMWATCH_BIN" --events --kmsg-file "$T_TMP/esc.log" >"$T_TMP/esc.txt"
check "text list has no raw ESC" sh -c '! grep -q "$(printf "\033")" "$1"' sh "$T_TMP/esc.txt"
check "text list names the event" grep -q '^\[    1.000000\] oom_kill: comm \\x1b\[31mx\\ pid 9 ' "$T_TMP/esc.txt"
# A file of any size is read to its end: the only event is on line
# 10,000,002 (--events stopped at 10,000,000 lines, printed nothing and
# exited 0). (Sizes are whole 4 kB pages: a "1kB" kill is not taken for
# a kernel report at all.)
{
	yes x | head -n 10000001
	echo '[    1.000000] Out of memory: Killed process 9 (late) total-vm:8kB, anon-rss:4kB, file-rss:0kB, shmem-rss:0kB'
} | "$OOMWATCH_BIN" --events --json --kmsg-file - >"$T_TMP/late.json" 2>"$T_TMP/late.err"
rc=$?
check "10M-line file: exit 0" [ "$rc" = 0 ]
check "10M-line file: the last line's kill is reported" grep -q '"pid": 9, "comm": "late"' "$T_TMP/late.json"
check "10M-line file: nothing on stderr" [ ! -s "$T_TMP/late.err" ]
# A non-blocking standard input (an inherited O_NONBLOCK pipe) whose writer
# takes a second: oomwatch waits in poll() (it spun on EAGAIN: 1.9 s of CPU
# in a 2 s wait) and still reads what comes. perl sets the flag, runs
# oomwatch and reports its CPU time.
if command -v perl >/dev/null 2>&1; then
	(sleep 1; grep -v '^# ' "$FIX/44.txt") | perl -e '
		use Fcntl;
		fcntl(STDIN, F_SETFL, fcntl(STDIN, F_GETFL, 0) | O_NONBLOCK) or die;
		my $pid = fork() // die;
		if ($pid == 0) { exec(@ARGV) or die; }
		waitpid($pid, 0);
		my $rc = $? >> 8;
		my (undef, undef, $cu, $cs) = times();
		printf STDERR "%d %.3f\n", $rc, $cu + $cs;
	' "$OOMWATCH_BIN" --events --json --kmsg-file - >"$T_TMP/nb.out" 2>"$T_TMP/nb.cpu"
	read -r nb_rc nb_cpu <"$T_TMP/nb.cpu"
	check "non-blocking stdin: exit 0" [ "$nb_rc" = 0 ]
	check "non-blocking stdin: the event after the wait" grep -q '"kind": "hung_task"' "$T_TMP/nb.out"
	check "non-blocking stdin: no busy loop (cpu ${nb_cpu}s < 0.1s)" \
		awk -v c="$nb_cpu" 'BEGIN { exit !(c < 0.1) }'
else
	skip "non-blocking stdin" "perl not installed"
fi
# A user who cannot read the kernel log (kernel.dmesg_restrict=1, no
# CAP_SYSLOG): one line on stderr with the reason and the OOM kill count of
# /proc/vmstat (--proc-root: a count this test knows), exit 1, nothing on
# stdout, with --json too. (It promised "the OOM counters" and showed none.)
if ! is_root || ! command -v setpriv >/dev/null 2>&1 || ! id nobody >/dev/null 2>&1; then
	skip "events as a user without the kernel log" "needs root, setpriv and user nobody"
elif [ "$(cat /proc/sys/kernel/dmesg_restrict 2>/dev/null)" != 1 ]; then
	skip "events as a user without the kernel log" "kernel.dmesg_restrict is not 1 (not changed here)"
else
	chmod 711 "$T_TMP"
	mkdir -p "$T_TMP/nr/proc"
	cp "$OOMWATCH_BIN" "$T_TMP/nr/oomwatch"
	printf 'nr_free_pages 1000\noom_kill 17\n' >"$T_TMP/nr/proc/vmstat"
	chmod -R a+rX "$T_TMP/nr"
	as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$T_TMP/nr/oomwatch" "$@"; }
	for json in "" --json; do
		as_nobody --events $json --proc-root "$T_TMP/nr/proc" >"$T_TMP/nr.out" 2>"$T_TMP/nr.err"
		rc=$?
		check "no kernel log${json:+ (--json)}: exit 1" [ "$rc" = 1 ]
		check "no kernel log${json:+ (--json)}: nothing on stdout" [ ! -s "$T_TMP/nr.out" ]
		check "no kernel log${json:+ (--json)}: reason and count on stderr" [ "$(cat "$T_TMP/nr.err")" = \
			"oomwatch: kernel log: permission denied; needs CAP_SYSLOG or kernel.dmesg_restrict=0; $T_TMP/nr/proc/vmstat oom_kill=17 since boot" ]
	done
	as_nobody --events 2>"$T_TMP/nr.err"
	check "no kernel log, real /proc: the count since boot" \
		grep -qE '^oomwatch: kernel log: permission denied; .*; /proc/vmstat oom_kill=[0-9]+ since boot$' "$T_TMP/nr.err"
fi
# A missing file: one line on stderr, exit 1, nothing on stdout.
"$OOMWATCH_BIN" --events --kmsg-file "$T_TMP/nope" >"$T_TMP/o" 2>"$T_TMP/e"
rc=$?
check "missing file exits 1" [ "$rc" = 1 ]
check "missing file: one stderr line" [ "$(wc -l <"$T_TMP/e")" = 1 ]
check "missing file: nothing on stdout" [ ! -s "$T_TMP/o" ]
t_done
