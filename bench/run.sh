#!/bin/sh
# make bench: every benchmark, one section each. A section is a function
# named section_<name> listed in SECTIONS; add yours the same way.
# Environment: BUILD (build dir), BIN (the oomwatch binary).
BUILD=${BUILD:-build}
BIN=${BIN:-oomwatch}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
case "$BIN" in /*) ;; *) BIN="$top/$BIN" ;; esac
case "$BUILD" in /*) ;; *) BUILD="$top/$BUILD" ;; esac
SECTIONS=${BENCH_SECTIONS:-proc cgroups kmsg history dash dtask record start replay} # BENCH_SECTIONS=dash: one

# /proc snapshot cost at 1,000 and 10,000 sleeping processes.
section_proc() {
	echo "== proc: one snapshot, ours vs minimal reader vs libproc2 vs ps"
	for n in ${BENCH_PROC_N:-1000 10000}; do
		"$BUILD/bench/proc_bench" "$n" "$BIN" "${BENCH_REPS:-5}" ||
			echo "proc_bench $n failed"
		echo
	done
}

# Memory cgroups: the light refresh at 1,000 processes in 200 cgroups
# without and with every cgroup's files (as root; it makes and removes
# its own child cgroups and sleepers).
section_cgroups() {
	"$BUILD/bench/cg_bench" ${BENCH_CG_N:-1000} ${BENCH_CG_CGROUPS:-200} \
		"${BENCH_REPS:-9}" || echo "cg_bench failed"
	echo
}

# Kernel-log engine: throughput, live reader vs bare read(), flood, idle.
section_kmsg() {
	echo "== kmsg: the kernel-log engine and reader"
	"$BUILD/bench/kmsg_bench" "${BENCH_KMSG_N:-1000000}" \
		"${BENCH_REPS:-9}" "${BENCH_KMSG_FLOOD:-2000000}" ||
		echo "kmsg_bench failed"
	echo
}

# Trend history: memory over two simulated days, CPU per refresh, verdicts.
section_history() {
	echo "== history: the trend model (issue 10), two simulated days"
	"$BUILD/bench/history_bench" ${BENCH_HISTORY_N:-1000 10000} ||
		echo "history_bench failed"
	echo
}

# The running dashboard against htop: CPU per refresh and RSS.
section_dash() {
	sh "$top/bench/dash.sh" "$BIN" "$BUILD/progs" \
		${BENCH_DASH_N:-1000 5000} || echo "dash bench failed"
}

# The System screen's D-task walk: CPU per walk of every thread's state
# at 1,000 sleeping processes of its own.
section_dtask() {
	echo "== dtask: the System screen's walk of every thread"
	"$BUILD/bench/dtask_bench" ${BENCH_DTASK_N:-1000} "${BENCH_REPS:-9}" ||
		echo "dtask_bench failed"
	echo
}

# The recorder: CPU per sample against the snapshot alone, RSS, and the
# database after a simulated day (1,000 processes, 100 changing each
# sample). Its files go to a temporary directory, removed after.
section_record() {
	d=$(mktemp -d "${TMPDIR:-/tmp}/oomwatch-recbench.XXXXXX") || return
	"$BUILD/bench/record_bench" ${BENCH_RECORD_N:-1000} "$BIN" "$d" ||
		echo "record_bench failed"
	rm -rf "$d"
	echo
}

# The dashboard's start with a day of history: time to the first frame
# with and without it, and to the load's end (1,000 sleepers of its own,
# a simulated day written for them; its files go to a temporary directory,
# removed after).
section_start() {
	d=$(mktemp -d "${TMPDIR:-/tmp}/oomwatch-startbench.XXXXXX") || return
	"$BUILD/bench/start_bench" "$BIN" "$d" ${BENCH_START_RUNS:-7} ||
		echo "start_bench failed"
	rm -rf "$d"
	echo
}

# The replay's cursor moves on the simulated day: ms per step with the
# past kept between moves and with the whole past reloaded (its files go
# to a temporary directory, removed after).
section_replay() {
	d=$(mktemp -d "${TMPDIR:-/tmp}/oomwatch-replaybench.XXXXXX") || return
	"$BUILD/bench/replay_bench" "$d" ${BENCH_REPLAY_STEPS:-31} ||
		echo "replay_bench failed"
	rm -rf "$d"
	echo
}

for s in $SECTIONS; do "section_$s"; done
