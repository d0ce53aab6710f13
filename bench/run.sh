#!/bin/sh
# make bench: every benchmark, one section each. A section is a function
# named section_<name> listed in SECTIONS; add yours the same way.
# Environment: BUILD (build dir), BIN (the oomwatch binary).
BUILD=${BUILD:-build}
BIN=${BIN:-oomwatch}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
case "$BIN" in /*) ;; *) BIN="$top/$BIN" ;; esac
SECTIONS="proc"

# /proc snapshot cost at 1,000 and 10,000 sleeping processes.
section_proc() {
	echo "== proc: one snapshot, ours vs minimal reader vs libproc2 vs ps"
	for n in ${BENCH_PROC_N:-1000 10000}; do
		"$top/$BUILD/bench/proc_bench" "$n" "$BIN" "${BENCH_REPS:-5}" ||
			echo "proc_bench $n failed"
		echo
	done
}

for s in $SECTIONS; do "section_$s"; done
