# Shared helpers for the shell tests (live and terminal). Source it.
# Every check prints "PASS: name", "FAIL: name (why)" or "SKIP: name (reason)";
# tests/run.sh counts those lines.
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${BUILD:-build}
OOMWATCH_BIN=${OOMWATCH_BIN:-$TOP/oomwatch}
case "$BUILD" in /*) ;; *) BUILD="$TOP/$BUILD" ;; esac
PROGS=${PROGS:-$BUILD/progs}
T_FAILS=0
T_PIDS=""

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1${2:+ ($2)}"; T_FAILS=$((T_FAILS + 1)); }
skip() { echo "SKIP: $1 ($2)"; }
# check NAME COMMAND...: PASS when the command succeeds.
check() { n=$1; shift; if "$@"; then pass "$n"; else fail "$n"; fi; }

# Remember a pid this test started, so cleanup ends it (and only it).
own_pid() { T_PIDS="$T_PIDS $1"; }
t_cleanup() {
	for p in $T_PIDS; do kill -9 "$p" 2>/dev/null; done
	memcg_remove
	[ -n "${T_SOCK:-}" ] && tmux -S "$T_SOCK" kill-server 2>/dev/null
	[ -n "${T_TMP:-}" ] && rm -rf "$T_TMP"
	return 0
}
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/oomwatch-t.XXXXXX")
trap 't_cleanup' EXIT
trap 't_cleanup; exit 1' INT TERM

# wait_until TIMEOUT_S COMMAND...: poll the condition every 50 ms.
wait_until() {
	_t=$1; shift
	_n=$(awk "BEGIN{print int($_t*20)}")
	while [ "$_n" -gt 0 ]; do
		if "$@"; then return 0; fi
		sleep 0.05; _n=$((_n - 1))
	done
	return 1
}

is_root() { [ "$(id -u)" = 0 ]; }
has_tmux() { command -v tmux >/dev/null 2>&1; }

# --- tmux: an isolated server, fixed size, clean environment ---
# tmux_start COLS ROWS COMMAND: start COMMAND in a detached session "t".
tmux_start() {
	T_SOCK="$T_TMP/tmux.sock"
	env -i PATH="$PATH" HOME="$T_TMP" TERM=xterm-256color LANG=C.UTF-8 \
		LC_ALL=C.UTF-8 XDG_CONFIG_HOME="$T_TMP/config" \
		tmux -S "$T_SOCK" -f /dev/null new-session -d -s t \
		-x "$1" -y "$2" "$3" \; set-option -t t remain-on-exit on >/dev/null
	# (one tmux command: a program that exits at once keeps its pane)
}
tmux_keys() { tmux -S "$T_SOCK" send-keys -t t "$@"; }
tmux_screen() { tmux -S "$T_SOCK" capture-pane -p -t t; }
tmux_screen_e() { tmux -S "$T_SOCK" capture-pane -p -e -t t; }
tmux_has() { tmux_screen | grep -q -- "$1"; }
tmux_lacks() { ! tmux_screen | grep -q -- "$1"; }
tmux_wait() { wait_until "${2:-5}" tmux_has "$1"; }
# pid_rows: the process table's rows (between its title and the log
# pane), the process lines only.
pid_rows() {
	tmux_screen | sed -n '/PID USER/,/Kernel log/p' | sed '1d;$d' |
		grep '^[ *] *[0-9]'
}
# only_rows PID...: the table shows exactly these processes, nothing else.
only_rows() {
	[ "$(pid_rows | wc -l)" = "$#" ] || return 1
	for p in "$@"; do
		pid_rows | grep -q "^[ *] *$p " || return 1
	done
}
# status_has TEXT: the status line (above the function-key bar) has it;
# status_wait TEXT [SECONDS]: until it does.
status_has() { tmux_screen | tail -n 2 | head -n 1 | grep -q -- "$1"; }
status_wait() { wait_until "${2:-5}" status_has "$1"; }
tmux_pane_dead() { [ "$(tmux -S "$T_SOCK" display -p -t t '#{pane_dead}')" = 1 ]; }
tmux_pane_pid() { tmux -S "$T_SOCK" display -p -t t '#{pane_pid}'; }
tmux_resize() { tmux -S "$T_SOCK" resize-window -t t -x "$1" -y "$2"; }
# tmux_stop: end the session's server and wait until it no longer answers
# (tmux leaves its socket file behind), so the next tmux_start never talks
# to a server that is still shutting down.
tmux_stop() {
	tmux -S "$T_SOCK" kill-server 2>/dev/null
	wait_until 5 sh -c "! tmux -S '$T_SOCK' has-session 2>/dev/null" ||
		fail "tmux_stop: the server on $T_SOCK still answers"
	rm -f "$T_SOCK"
	return 0
}

# Finish: exit non-zero when any check failed.
t_done() { [ "$T_FAILS" = 0 ]; }

# sleeper NAME [MB]: start $PROGS/namedsleeper (a process of this test, freed
# at exit) and wait until it has its name and memory; its pid in $SPID.
# SLEEPER_OPT=-s runs it as "ns NAME": a command line short enough for the
# name to fit in the COMMAND column whatever the path of the clone.
NSLEEPERS=0
SLEEPER_OPT=
sleeper() {
	NSLEEPERS=$((NSLEEPERS + 1))
	"$PROGS/namedsleeper" $SLEEPER_OPT "$1" ${2:-} \
		>"$T_TMP/sleeper.$NSLEEPERS" 2>&1 &
	SPID=$!
	own_pid "$SPID"
	wait_until 10 grep -qs ready "$T_TMP/sleeper.$NSLEEPERS"
}
# need_sleeper WHAT: fail WHAT (and return 1) when namedsleeper is not built.
need_sleeper() {
	[ -x "$PROGS/namedsleeper" ] && return 0
	fail "$1" "$PROGS/namedsleeper not built"
	return 1
}

# memcg_child NAME MB: make a memory cgroup NAME under this test's own one
# (cgroup v1 memory controller, or cgroup2 where our cgroup delegates
# memory), limited to MB MiB with no swap. Sets MEMCG (its directory) and
# MEMCG_PATH (as /proc/PID/cgroup and kernel OOM reports name it); returns
# 1 with the reason in MEMCG_WHY when there is none to use. Cleanup (and
# memcg_remove) removes it once the processes the test put there are gone.
MEMCG=
MEMCG_PATH=
MEMCG_WHY=
memcg_child() {
	_v1=$(awk -F: '$2 == "memory" { print $3 }' /proc/self/cgroup)
	_v2=$(awk -F: '$1 == "0" { print $3 }' /proc/self/cgroup)
	if [ -n "$_v1" ] && [ -d "/sys/fs/cgroup/memory$_v1" ]; then
		MEMCG="/sys/fs/cgroup/memory${_v1%/}/$1"
		MEMCG_PATH="${_v1%/}/$1"
		mkdir "$MEMCG" 2>/dev/null || { MEMCG_WHY="cannot mkdir $MEMCG"; MEMCG=; return 1; }
		echo "$2M" >"$MEMCG/memory.limit_in_bytes" ||
			{ MEMCG_WHY="cannot set the v1 limit"; memcg_remove; return 1; }
		[ -f "$MEMCG/memory.memsw.limit_in_bytes" ] &&
			echo "$2M" >"$MEMCG/memory.memsw.limit_in_bytes" 2>/dev/null
		return 0
	fi
	_root=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/self/mounts)
	if [ -z "$_root" ] || ! grep -qw memory "$_root${_v2%/}/cgroup.subtree_control" 2>/dev/null; then
		MEMCG_WHY="no memory cgroup controller to use (v1, or v2 delegated)"
		return 1
	fi
	MEMCG="$_root${_v2%/}/$1"
	MEMCG_PATH="${_v2%/}/$1"
	mkdir "$MEMCG" 2>/dev/null || { MEMCG_WHY="cannot mkdir $MEMCG"; MEMCG=; return 1; }
	echo "$2M" >"$MEMCG/memory.max" ||
		{ MEMCG_WHY="cannot set memory.max"; memcg_remove; return 1; }
	[ -f "$MEMCG/memory.swap.max" ] && echo 0 >"$MEMCG/memory.swap.max"
	return 0
}
memcg_empty() { [ -z "$(cat "$MEMCG/cgroup.procs" 2>/dev/null)" ]; }
memcg_remove() {
	[ -n "${MEMCG:-}" ] && [ -d "$MEMCG" ] || return 0
	wait_until 5 memcg_empty
	rmdir "$MEMCG" 2>/dev/null
	MEMCG=
}

# q SQL: SQL's answer on the test's history database "$db" (nothing when
# the file is not there yet; a 5 s busy timeout against the recorder).
q() { [ -e "$db" ] && sqlite3 -cmd '.timeout 5000' "$db" "$1"; }
# has_samples N: "$db" holds at least N samples.
has_samples() { [ "$(q 'SELECT count(*) FROM samples' 2>/dev/null)" -ge "$1" ] 2>/dev/null; }

# bbox_recording TEST CGNAME [tmux]: the start of the live black-box
# tests. Skips TEST with the reason and returns 1 without root, memhog,
# oomhog, oomwatch or sqlite3 (tmux too when asked), a readable /dev/kmsg
# or a 64 MiB memcg_child CGNAME; else sets db="$T_TMP/h.db" and starts a
# recorder writing it every 0.2 s (rec, owned; its stderr in $T_TMP/err)
# and checks its first samples.
bbox_recording() {
	if ! is_root; then
		skip "$1" "needs root to create memory cgroups"
		return 1
	fi
	if [ ! -x "$PROGS/memhog" ] || [ ! -x "$PROGS/oomhog" ] ||
		[ ! -x "$OOMWATCH_BIN" ] || ! command -v sqlite3 >/dev/null 2>&1 ||
		{ [ "$3" = tmux ] && ! has_tmux; }; then
		skip "$1" "memhog, oomhog, oomwatch${3:+, $3} or sqlite3 missing"
		return 1
	fi
	if [ ! -r /dev/kmsg ]; then
		skip "$1" "/dev/kmsg not readable"
		return 1
	fi
	if ! memcg_child "$2" 64; then
		skip "$1" "$MEMCG_WHY"
		return 1
	fi
	db="$T_TMP/h.db"
	"$OOMWATCH_BIN" --record -d 0.2 --samples 150 --db "$db" 2>"$T_TMP/err" &
	rec=$!
	own_pid "$rec"
	check "recorder: first samples" wait_until 20 has_samples 2
}
# has_bbox [PID]: the record holds a black box (of an event of PID).
has_bbox() {
	[ "$(q "SELECT count(*) FROM blackbox b JOIN events e ON e.id = b.event_id${1:+ WHERE e.pid = $1}" 2>/dev/null)" -ge 1 ] 2>/dev/null
}

# The events view's black-box line for a kill in memcg_kill_hog's 64 MiB
# memcg: the memcg's usage at the box's sample, then the system's.
BBOX_LINE_64M="Before this kill, at .*: memcg [0-9.]*M of 64M, MemAvailable .*, \\(swap used\\|no swap\\) (black box"

# memcg_kill_hog NAME: a real OOM kill in "$MEMCG" (memcg_child) while a
# recorder writes "$db": start memhog NAME (40 MiB) in it, wait for it and
# for 5 more samples, then push oomhog in until the kernel kills memhog.
# Sets hog (memhog's pid, dead when this returns 0) and push (oomhog's);
# both are owned. 1 when memhog never got ready or outlived 20 s.
memcg_kill_hog() {
	sh -c 'echo $$ >"$1/cgroup.procs" && exec "$2/memhog" 40 0 "$3"' \
		sh "$MEMCG" "$PROGS" "$1" >"$T_TMP/hog" 2>&1 &
	hog=$!
	own_pid "$hog"
	wait_until 10 grep -q ready "$T_TMP/hog" || return 1
	_n=$(q 'SELECT count(*) FROM samples')
	wait_until 10 has_samples $((_n + 5))
	sh -c 'echo $$ >"$1/cgroup.procs" && exec "$2/oomhog" 64' \
		sh "$MEMCG" "$PROGS" >/dev/null 2>&1 &
	push=$!
	own_pid "$push"
	wait_until 20 sh -c '! kill -0 "$1" 2>/dev/null' sh "$hog"
	wait "$hog" 2>/dev/null
	! kill -0 "$hog" 2>/dev/null
}

# --- replay terminal tests: a prepared history database ---
# need_tmux_sqlite TEST: skip TEST and return 1 when tmux or the sqlite3
# shell is not installed.
need_tmux_sqlite() {
	if ! has_tmux; then
		skip "$1" "tmux is not installed"
		return 1
	fi
	if ! command -v sqlite3 >/dev/null 2>&1; then
		skip "$1" "the sqlite3 shell is not installed"
		return 1
	fi
}
# replay_db BOOT_ID T0_MS [TABLE...]: db="$T_TMP/history.db" in the
# recorder's own schema (one `--record --samples 1` sample makes it),
# emptied of samples, processes, their rows, events and each TABLE, with
# boot BOOT_ID first seen at T0_MS added. A failure is a failed check.
replay_db() {
	db="$T_TMP/history.db"
	_b=$1 _t=$2
	shift 2
	_del=""
	for _tb in "$@"; do _del="$_del DELETE FROM $_tb;"; done
	"$OOMWATCH_BIN" --record -d 0.05 --samples 1 --db "$db" \
		2>"$T_TMP/rec.err" ||
		fail "the recorder made the database" "$(cat "$T_TMP/rec.err")"
	sqlite3 "$db" "DELETE FROM proc_rows; DELETE FROM events;
  DELETE FROM procs;$_del DELETE FROM samples;
  INSERT INTO boots(boot_id, first_ms) VALUES ('$_b', $_t);" ||
		fail "the fixture's boot was written"
}
# replay_samples_sql BOOT_ID N AVAIL: SQL for N samples of BOOT_ID 10 s
# apart from $T0 (n = 0 .. N - 1): MemTotal 8000000 kB, MemFree 100000,
# MemAvailable AVAIL (an SQL expression, of n or not), no swap.
replay_samples_sql() {
	cat <<SQL
WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < $(($2 - 1)))
INSERT INTO samples(time_ms, boot, resolution_s, mem_total_kb, mem_free_kb,
                    mem_available_kb, swap_total_kb, swap_free_kb)
  SELECT $T0 + n * 10000, b.id, 0, 8000000, 100000, $3, 0, 0
  FROM i, boots b WHERE b.boot_id = '$1';
SQL
}
# replay_proc_sql BOOT_ID PID START COMM CMDLINE: SQL for a process of
# BOOT_ID (uid 0, no end) started at START ticks.
replay_proc_sql() {
	cat <<SQL
INSERT INTO procs(boot, pid, start_time, first_sample, last_sample, comm,
                  cmdline, uid)
  SELECT id, $2, $3, 0, 0, '$4', '$5', 0 FROM boots
  WHERE boot_id = '$1';
SQL
}
# replay_kill_sql AT_MS LOG_US SEQ PID JSON: SQL for an OOM kill event of
# PID (JSON as `--events --json` gives it) arriving with the sample at
# AT_MS, logged LOG_US after boot with kernel sequence SEQ.
replay_kill_sql() {
	cat <<SQL
INSERT INTO events(sample_id, time_ms, boot, kind, log_time_kind,
                   log_time_us, seq, pid, json)
  SELECT s.id, s.time_ms, s.boot, 'oom_kill', 1, $2, $3, $4, '$5'
  FROM samples s WHERE s.time_ms = $1;
SQL
}
# replay_gamma_sql AT_MS: SQL for the replay tests' memcg OOM kill of
# "gamma" (pid 4003, seq 77, at 5.0 s, /test.slice/gamma) at AT_MS.
replay_gamma_sql() {
	replay_kill_sql "$1" 5000000 77 4003 '{"kind": "oom_kill", "time": 5.0, "pid": 4003, "comm": "gamma",
          "uid": 0, "total_vm_kb": 68268, "anon_rss_kb": 65280,
          "file_rss_kb": 1060, "shmem_rss_kb": 0, "pgtables_kb": 172,
          "oom_score_adj": 0, "constraint": "memcg",
          "memcg": "/test.slice/gamma", "trigger": "hog",
          "gfp_mask": "0xcc0(GFP_KERNEL)", "order": 0}'
}
# replay_start COLS ROWS [ARGS]: the replay of "$db" in tmux (UTC, no
# self-protection), with ARGS added to its command line.
replay_start() {
	tmux_start "$1" "$2" "TZ=UTC $OOMWATCH_BIN --no-protect --replay --db $db${3:+ $3}"
}
