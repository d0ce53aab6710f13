#!/bin/sh
# The recorder's own memory limit is a real backstop: under the unit's
# OOMScoreAdjust=-1000 the memcg OOM killer could not kill it at
# MemoryMax=, so above 90% of its own memory cgroup's limit the recorder
# says so on stderr and exits 1 (for Restart=on-failure). Live, with a
# real limit: the recorder runs in a child memory cgroup this test makes
# under its own (memcg_child, 256 MiB at first: it records normally);
# then the test lowers the limit until what the cgroup holds besides page
# cache is 93% of it and checks exit status 1 (not a SIGKILL from the
# memcg OOM killer), the one line that names the cgroup, the use and the
# limit, and that the database is sound. Needs
# root and a memory controller (SKIP otherwise).
. "$(dirname "$0")/../lib.sh"

if [ ! -x "$OOMWATCH_BIN" ]; then
	skip "recorder memory limit" "oomwatch not built"
	exit 0
fi
if ! is_root; then
	skip "recorder memory limit" "needs root to make a memory cgroup"
	exit 0
fi
if ! memcg_child "oomw-self.$$" 256; then
	skip "recorder memory limit" "$MEMCG_WHY"
	exit 0
fi
db="$T_TMP/h.db"
sh -c 'echo $$ >"$1/cgroup.procs" && exec "$2" --record -d 0.05 --kmsg-file /dev/null --db "$3"' \
	sh "$MEMCG" "$OOMWATCH_BIN" "$db" 2>"$T_TMP/err" &
rec=$!
own_pid "$rec"
check "it records under a generous limit" wait_until 20 has_samples 40
check "no word on stderr under it" [ ! -s "$T_TMP/err" ]
# what the recorder counts: the cgroup's use less its page cache, shmem
# kept (v1: usage_in_bytes - total_cache + total_shmem; v2: memory.current
# - file + shmem)
cg_use() {
	if [ -f "$MEMCG/memory.usage_in_bytes" ]; then
		awk -v u="$(cat "$MEMCG/memory.usage_in_bytes")" '
		$1 == "total_cache" { c = $2 } $1 == "total_shmem" { s = $2 }
		END { print u - c + s }' "$MEMCG/memory.stat"
	else
		awk -v u="$(cat "$MEMCG/memory.current")" '
		$1 == "file" { c = $2 } $1 == "shmem" { s = $2 }
		END { print u - c + s }' "$MEMCG/memory.stat"
	fi
}
# set_limit BYTES: the cgroup's limit, retried while reclaim catches up
# (the kernel refuses a limit below what it cannot reclaim at once)
set_limit() {
	_f="$MEMCG/memory.max"
	[ -f "$MEMCG/memory.limit_in_bytes" ] && _f="$MEMCG/memory.limit_in_bytes"
	wait_until 5 sh -c 'echo "$1" >"$2"' sh "$1" "$_f" 2>/dev/null
}
use=$(cg_use)
# the limit that puts that use at 93% (whole pages), reached in steps so
# that reclaim takes the page cache back on the way
lim=$(( (use * 100 / 93 / 4096 + 1) * 4096 ))
set_limit $((lim * 4)) && set_limit $((lim * 2)) && set_limit $((lim * 5 / 4)) &&
	set_limit "$lim"
check "the limit is lowered to $((lim / 1024)) kB ($((use / 1024)) kB in use)" [ $? = 0 ]
wait_until 15 sh -c '! kill -0 "$1" 2>/dev/null' sh "$rec" ||
	{ fail "the recorder exits within 15 s" "$(cg_use) of $(cat "$MEMCG/memory.limit_in_bytes" "$MEMCG/memory.max" 2>/dev/null)"; kill -TERM "$rec"; }
wait "$rec"
rc=$?
check "the recorder exits with status 1 (got $rc)" [ "$rc" = 1 ]
check "one line on stderr" [ "$(wc -l <"$T_TMP/err")" = 1 ]
check "it names its cgroup, the use, the mark and the limit" grep -qE \
	"^oomwatch: the recorder's memory cgroup $MEMCG_PATH holds [0-9.]+[KM] that reclaim cannot drop \(memory.current less page cache\), over 90% of its limit of [0-9.]+[KM]; exiting with status 1 to be restarted" "$T_TMP/err"
check "the database is sound" [ "$(q 'PRAGMA integrity_check')" = ok ]
[ "$T_FAILS" = 0 ] || cat "$T_TMP/err"
t_done
