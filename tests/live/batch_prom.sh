#!/bin/sh
# Live test of `oomwatch --batch --format openmetrics` on this machine:
# the exposition passes a strict checker of its own (HELP and TYPE before
# each family's samples, one block per family, valid names with the
# oomwatch_ prefix, counters ending _total, label values escaped, no
# duplicate series, no timestamps) and `promtool check metrics` (SKIP when
# promtool is absent: scripts/deps.sh test unpacks it into $BUILD/tools).
# A memhog child of this test with adj 1000 is in the top N by oom_score
# (or every listed process scores at least as high), and with -p it is
# listed with its pid, comm, adj and RSS; a second child's hostile comm
# (quote, backslash, ESC) comes out escaped. -n 1 has no forecast, -n 3
# prints one exposition. A saved kernel log gives the same kill count as
# --events; an unreadable one gives oomwatch_kernel_log_up 0.
# The textfile writer (persist/promfile.h) has no command line until the
# recorder's --textfile: unit/test_prom checks it (mode, no temporary file,
# a reader never sees a partial file).
# Only our own children are touched; they are killed on exit.
. "$(dirname "$0")/../lib.sh"
O="$T_TMP/out"

if [ ! -x "$PROGS/memhog" ] || [ ! -x "$OOMWATCH_BIN" ]; then
	skip "batch prom" "memhog or oomwatch not built"
	exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
	skip "batch prom" "python3 missing"
	exit 0
fi

cat >"$T_TMP/check.py" <<'PY'
# Strict checker of Prometheus text format 0.0.4 as oomwatch promises it.
# Prints "ok" or the first problems, one per line.
import re, sys
NAME = re.compile(r'[a-zA-Z_:][a-zA-Z0-9_:]*\Z')
LNAME = re.compile(r'[a-zA-Z_][a-zA-Z0-9_]*')
VALUE = re.compile(r'-?(\d+(\.\d+)?([eE][+-]?\d+)?|Inf|NaN)\Z')
bad = []
def err(n, why):
    bad.append("line %d: %s" % (n, why))
def labels(s, n):
    """Parse {k="v",...} at the start of s: (labels tuple, rest) or None."""
    out, i = [], 1
    while i < len(s) and s[i] != '}':
        m = LNAME.match(s, i)
        if not m or s[m.end():m.end() + 2] != '="':
            return None
        k, i, v = m.group(), m.end() + 2, []
        while i < len(s) and s[i] != '"':
            if s[i] == '\\':
                if s[i + 1:i + 2] not in ('\\', '"', 'n'):
                    err(n, "bad escape \\%s" % s[i + 1:i + 2])
                v.append(s[i:i + 2]); i += 2
            elif s[i] == '\n' or ord(s[i]) < 0x20 or s[i] == '\x7f':
                err(n, "raw control byte in a label"); i += 1
            else:
                v.append(s[i]); i += 1
        if i >= len(s):
            return None
        out.append((k, "".join(v))); i += 1
        if s[i:i + 1] == ',':
            i += 1
    if i >= len(s):
        return None
    keys = [k for k, _ in out]
    if len(set(keys)) != len(keys):
        err(n, "a label twice")
    return tuple(sorted(out)), s[i + 1:]
text = open(sys.argv[1], 'rb').read()
try:
    text = text.decode('utf-8')
except UnicodeDecodeError:
    print("not UTF-8"); sys.exit()
if not text.endswith('\n'):
    err(0, "no final newline")
help_, type_, done, series = {}, {}, set(), set()
cur = None
for n, line in enumerate(text.split('\n')[:-1], 1):
    if line.startswith('#'):
        p = line.split(' ', 3)
        if len(p) < 4 or p[1] not in ('HELP', 'TYPE'):
            err(n, "a comment that is neither HELP nor TYPE"); continue
        name = p[2]
        if not NAME.match(name) or not name.startswith('oomwatch_'):
            err(n, "bad family name %r" % name)
        if name in done or (p[1] == 'HELP' and name in help_) or \
                (p[1] == 'TYPE' and name in type_):
            err(n, "family %s declared again" % name)
        if cur is not None and cur != name:
            done.add(cur)
        cur = name
        if p[1] == 'HELP':
            help_[name] = p[3]
        else:
            if p[3] not in ('counter', 'gauge'):
                err(n, "type %r" % p[3])
            if p[3] == 'counter' and not name.endswith('_total'):
                err(n, "counter %s without _total" % name)
            if p[3] == 'gauge' and name.endswith('_total'):
                err(n, "gauge %s ends _total" % name)
            type_[name] = p[3]
        continue
    m = re.match(r'[a-zA-Z_:][a-zA-Z0-9_:]*', line)
    if not m:
        err(n, "no metric name"); continue
    name, rest = m.group(), line[m.end():]
    if name != cur or name not in help_ or name not in type_:
        err(n, "sample of %s outside its HELP/TYPE block" % name)
    lab = ()
    if rest.startswith('{'):
        r = labels(rest, n)
        if r is None:
            err(n, "bad labels"); continue
        lab, rest = r
    if not rest.startswith(' ') or ' ' in rest[1:]:
        err(n, "not exactly one value (a timestamp?): %r" % rest)
        continue
    if not VALUE.match(rest[1:]):
        err(n, "bad value %r" % rest[1:])
    if (name, lab) in series:
        err(n, "duplicate series %s%r" % (name, lab))
    series.add((name, lab))
for need in sys.argv[2:]:
    if need not in type_:
        bad.append("no family %s" % need)
print("\n".join(bad[:5]) if bad else "ok")
PY

# promtool: on PATH, or unpacked by scripts/deps.sh test into $BUILD/tools
PROMTOOL=$(command -v promtool 2>/dev/null)
[ -z "$PROMTOOL" ] && [ -x "$BUILD/tools/promtool" ] && PROMTOOL="$BUILD/tools/promtool"
# check_format NAME FILE [FAMILY...]: the checker, then promtool.
check_format() {
	n=$1; f=$2; shift 2
	res=$(python3 "$T_TMP/check.py" "$f" "$@" 2>&1)
	if [ "$res" = ok ]; then pass "$n: strict format check"; else fail "$n: strict format check" "$res"; fi
	if [ -n "$PROMTOOL" ]; then
		if res=$("$PROMTOOL" check metrics <"$f" 2>&1) && [ -z "$res" ]; then
			pass "$n: promtool check metrics"
		else
			fail "$n: promtool check metrics" "$(echo "$res" | head -3)"
		fi
	else
		skip "$n: promtool check metrics" "no promtool on PATH or in $BUILD/tools (scripts/deps.sh test fetches it)"
	fi
}

# start_hog MIB ADJ NAME: start memhog, wait for "ready", print its pid.
start_hog() {
	out="$T_TMP/hog.$(date +%s%N)"
	"$PROGS/memhog" "$@" >"$out" 2>&1 &
	wait_until 10 grep -q ready "$out" || { kill -9 $! 2>/dev/null; return 1; }
	echo $!
}
kid=$(start_hog 48 1000 promkid) || { fail "start promkid"; exit 1; }
T_PIDS="$T_PIDS $kid"
hostile=$(start_hog 1 0 "$(printf 'q"b\\\033[1m')") || { fail "start hostile"; exit 1; }
T_PIDS="$T_PIDS $hostile"

"$OOMWATCH_BIN" --batch --format openmetrics >"$O" 2>"$T_TMP/err"
rc=$?
check "exits 0" [ "$rc" = 0 ]
if [ -s "$T_TMP/err" ] && ! grep -q "kernel log" "$T_TMP/err"; then
	fail "nothing on stderr but the kernel log's reason" "$(head -2 "$T_TMP/err")"
fi
check_format "whole machine" "$O" oomwatch_memory_total_bytes \
	oomwatch_memory_available_bytes oomwatch_oom_kills_total \
	oomwatch_kernel_log_up oomwatch_next_victim_oom_score \
	oomwatch_process_oom_score oomwatch_process_oom_score_adj \
	oomwatch_process_rss_bytes
check "no forecast with -n 1" sh -c "! grep -q forecast '$O'"
check "at most 10 processes" [ "$(grep -c '^oomwatch_process_oom_score{' "$O")" -le 10 ]
score=$(cat "/proc/$kid/oom_score")
check "the adj-1000 child is in the top N (or all listed score at least $score)" \
	awk -v kid="pid=\"$kid\",comm=\"promkid\"" -v s="$score" '
	/^oomwatch_process_oom_score\{/ { n++; if (index($0, kid)) found = 1
		if (min == "" || $2 < min) min = $2 }
	END { exit !(found || (n == 10 && min >= s)) }' "$O"

"$OOMWATCH_BIN" --batch --format openmetrics -p "$kid,$hostile" >"$O" 2>"$T_TMP/err"
check_format "two children" "$O"
check "the child with its labels and adj" grep -qx \
	"oomwatch_process_oom_score_adj{pid=\"$kid\",comm=\"promkid\"} 1000" "$O"
check "the child's RSS in bytes (48 MiB touched)" awk -v k="{pid=\"$kid\"," '
	index($0, "oomwatch_process_rss_bytes" k) { exit !($2 >= 48 * 1048576) }
	END { if (NR == 0) exit 1 }' "$O"
check "the child's score as /proc says" grep -qx \
	"oomwatch_process_oom_score{pid=\"$kid\",comm=\"promkid\"} $(cat /proc/$kid/oom_score)" "$O"
check "a hostile comm escaped" grep -qF \
	"{pid=\"$hostile\",comm=\"q\\\"b\\\\x5c\\\\x1b[1m\"}" "$O"
check "no raw ESC byte" sh -c "! grep -q \"\$(printf '\\033')\" '$O'"

# --prom-top N: N processes (0: none), the same checks passing
"$OOMWATCH_BIN" --batch --format openmetrics --prom-top 3 >"$O" 2>/dev/null
check_format "--prom-top 3" "$O" oomwatch_process_oom_score
check "--prom-top 3: 3 processes" [ "$(grep -c '^oomwatch_process_oom_score{' "$O")" = 3 ]
"$OOMWATCH_BIN" --batch --format openmetrics --prom-top 0 >"$O" 2>/dev/null
check_format "--prom-top 0" "$O" oomwatch_next_victim_oom_score
check "--prom-top 0: no process family" sh -c "! grep -q '^# TYPE oomwatch_process_' '$O'"
"$OOMWATCH_BIN" --batch --format openmetrics --prom-top 100 >"$O" 2>/dev/null
check_format "--prom-top 100" "$O"
check "--prom-top 100: more than 10 processes (a machine with more)" \
	[ "$(grep -c '^oomwatch_process_oom_score{' "$O")" -gt 10 ]
"$OOMWATCH_BIN" --batch --prom-top 3 >/dev/null 2>"$T_TMP/err"
rc=$?
check "--prom-top without openmetrics: exit 2, named" sh -c \
	"[ $rc = 2 ] && grep -q -- '--prom-top needs --batch --format openmetrics' '$T_TMP/err'"

"$OOMWATCH_BIN" --batch --format openmetrics -n 3 -d 0.2 >"$O" 2>/dev/null
check_format "-n 3" "$O"
check "-n 3 prints one exposition" [ "$(grep -c '^# TYPE oomwatch_memory_total_bytes ' "$O")" = 1 ]

# A saved log: the counts of --events, by kind and by memcg.
K="$TOP/tests/fixtures/kmsg/09.txt"
"$OOMWATCH_BIN" --batch --format openmetrics --kmsg-file "$K" -u 65533 >"$O" 2>"$T_TMP/err"
check_format "saved log" "$O" oomwatch_kernel_events_total
kills=$("$OOMWATCH_BIN" --events --json --kmsg-file "$K" | grep -c '"kind": "oom_kill"')
check "oom_kill count as --events ($kills)" grep -qx \
	"oomwatch_kernel_events_total{kind=\"oom_kill\"} $kills" "$O"
check "kills by constraint and memcg add up to $kills" awk -v k="$kills" '
	/^oomwatch_kernel_oom_kills_total\{/ { s += $2 } END { exit s != k }' "$O"
check "log read: up 1" grep -qx "oomwatch_kernel_log_up 1" "$O"
check "HELP: the counts are of what the kernel's buffer holds" grep -q \
	"^# HELP oomwatch_kernel_events_total .*as far as the kernel's buffer still holds it" "$O"

# More events than the engine's ring holds (1,024): every one is counted.
B="$T_TMP/big.log"
paf=$("$OOMWATCH_BIN" --events --json --kmsg-file "$TOP/tests/fixtures/kmsg/66.txt" |
	grep -c '"page_alloc_failure"')
for i in $(seq 400); do cat "$K" "$TOP/tests/fixtures/kmsg/66.txt"; done >"$B"
"$OOMWATCH_BIN" --batch --format openmetrics --kmsg-file "$B" -u 65533 >"$O" 2>"$T_TMP/err"
check "400 copies of two logs: $((400 * kills)) kills, $((400 * paf)) allocation failures" sh -c "
	grep -qx 'oomwatch_kernel_events_total{kind=\"oom_kill\"} $((400 * kills))' '$O' &&
	grep -qx 'oomwatch_kernel_events_total{kind=\"page_alloc_failure\"} $((400 * paf))' '$O'"

"$OOMWATCH_BIN" --batch --format openmetrics --kmsg-file /nonexistent/log >"$O" 2>"$T_TMP/err"
check "unreadable log: exit 0, up 0, a reason on stderr, no event counts" sh -c "
	grep -qx 'oomwatch_kernel_log_up 0' '$O' && [ -s '$T_TMP/err' ] &&
	! grep -q kernel_events_total '$O'"
check_format "unreadable log" "$O"
t_done
