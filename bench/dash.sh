#!/bin/sh
# make bench, section "dash": CPU per refresh and RSS of the running
# dashboard against htop, side by side in one run, at N sleeping processes
# (default 1000 and 5000). Both run in a detached 200x50 tmux with a 1 s
# delay: after a warm-up, the CPU time of every thread
# (/proc/PID/task/*/schedstat, nanoseconds) is read at the start and end
# of a window, and divided by the refreshes in it; RSS is VmRSS at the end
# (its anonymous part in brackets: the file-backed rest is mostly shared
# libraries, and varies by a few hundred kB between runs). The dashboard
# always keeps its history (the trend model). htop gets comparable columns
# (PID USER RES SHR M_SWAP OOM COMMAND). Each size ends with the two
# ratios, CPU per refresh and RSS, oomwatch over htop. When htop is not
# installed its rows say so. Not a test: numbers, no verdict.
# Usage: bench/dash.sh BIN PROGS [N...]
BIN=$1
PROGS=$2
shift 2
NS=${*:-1000 5000}
WINDOW=${BENCH_DASH_WINDOW:-10}
T=$(mktemp -d "${TMPDIR:-/tmp}/oomwatch-dash.XXXXXX")
RUN=0
PIDS=""
cleanup() {
	for s in "$T"/tmux.*.sock; do
		[ -S "$s" ] && tmux -S "$s" kill-server 2>/dev/null
	done
	for p in $PIDS; do kill "$p" 2>/dev/null; done
	rm -rf "$T"
}
trap cleanup EXIT INT TERM

# CPU nanoseconds of all threads of pid $1.
cpu_ns() { cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{s += $1} END {printf "%.0f\n", s}'; }
# VmRSS and RssAnon of pid $1, in kB.
rss_kb() { awk '/^VmRSS:/ {r = $2} /^RssAnon:/ {a = $2} END {print r, a}' /proc/"$1"/status 2>/dev/null; }
procs() { set -- /proc/[0-9]*; echo $#; } # no ls: a pid can exit between glob and stat

# measure NAME COMMAND: print CPU ms per refresh and RSS of COMMAND (to
# stderr); output "CPU_NS_PER_REFRESH RSS_KB".
measure() {
	# a server of its own: a new session on a socket whose server is
	# still exiting can fail ("server exited unexpectedly")
	RUN=$((RUN + 1))
	SOCK="$T/tmux.$RUN.sock"
	env -i PATH="$PATH" HOME="$T" TERM=xterm-256color LANG=C.UTF-8 \
		HTOPRC="$T/htoprc" XDG_CONFIG_HOME="$T/config" \
		tmux -S "$SOCK" -f /dev/null new-session -d -s b -x 200 -y 50 "$2"
	sleep 3
	pid=$(pgrep -P "$(tmux -S "$SOCK" display -p -t b '#{pane_pid}')" | head -n 1)
	[ -n "$pid" ] || pid=$(tmux -S "$SOCK" display -p -t b '#{pane_pid}')
	c0=$(cpu_ns "$pid")
	sleep "$WINDOW"
	c1=$(cpu_ns "$pid")
	set -- "$1" $(rss_kb "$pid")
	awk -v n="$1" -v c0="$c0" -v c1="$c1" -v w="$WINDOW" -v r="$2" \
		-v a="$3" -v p="$(procs)" 'BEGIN {
		printf "  %-10s %6d procs  %7.1f ms CPU/refresh  %6.1f MB RSS" \
		    " (%.1f anon)\n", n, p, (c1 - c0) / 1e6 / w, r / 1024,
		    a / 1024 }' >&2
	tmux -S "$SOCK" kill-server 2>/dev/null
	echo $(((c1 - c0) / WINDOW)) "$2"
}

mkdir -p "$T/htop"
cat >"$T/htoprc" <<'RC'
fields=0 48 39 40 119 114 1
sort_key=114
sort_direction=-1
delay=10
hide_kernel_threads=0
tree_view=0
RC
echo "== dash: the dashboard's CPU per refresh and RSS, side by side with htop"
for n in $NS; do
	have=$(procs)
	i=$have
	while [ "$i" -lt "$n" ]; do
		"$PROGS/namedsleeper" benchsleep >/dev/null 2>&1 &
		PIDS="$PIDS $!"
		i=$((i + 1))
	done
	sleep 2
	ours=$(measure oomwatch "exec $BIN -d 1 --no-protect")
	if command -v htop >/dev/null 2>&1; then
		theirs=$(measure htop "exec htop -d 10")
		awk -v a="$ours" -v b="$theirs" 'BEGIN {
			split(a, o, " "); split(b, h, " ")
			if (h[1] > 0) printf "  CPU per refresh oomwatch/htop = %.2fx (target <= 0.50)\n", o[1] / h[1]
			if (h[2] > 0) printf "  RSS oomwatch/htop = %.2fx (target <= 1.00)\n", o[2] / h[2] }'
	else
		echo "  htop       not installed (apt-get install htop) - no comparison"
	fi
	echo
done
