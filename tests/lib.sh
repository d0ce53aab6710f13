# Shared helpers for the shell tests (live and terminal). Source it.
# Every check prints "PASS: name", "FAIL: name (why)" or "SKIP: name (reason)";
# tests/run.sh counts those lines.
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${BUILD:-build}
OOMWATCH_BIN=${OOMWATCH_BIN:-$TOP/oomwatch}
PROGS=${PROGS:-$TOP/$BUILD/progs}
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
tmux_pane_dead() { [ "$(tmux -S "$T_SOCK" display -p -t t '#{pane_dead}')" = 1 ]; }
tmux_pane_pid() { tmux -S "$T_SOCK" display -p -t t '#{pane_pid}'; }
tmux_resize() { tmux -S "$T_SOCK" resize-window -t t -x "$1" -y "$2"; }
# tmux_stop: end the session's server and wait until its socket is gone, so
# the next tmux_start never talks to a server that is still shutting down.
tmux_stop() {
	tmux -S "$T_SOCK" kill-server 2>/dev/null
	wait_until 5 sh -c "! test -S '$T_SOCK'"
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
