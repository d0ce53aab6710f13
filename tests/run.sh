#!/bin/sh
# Run every test: unit binaries (cmocka, ASan+UBSan), fuzz corpus replays,
# live tests on the real /proc and kernel log, terminal tests in tmux.
# Each shell test prints lines "PASS: name", "FAIL: name" or
# "SKIP: name (reason)". The last line is "N passed, N failed, N skipped".
# Usage: tests/run.sh [FILTER]   (FILTER: substring of a test file name)
BUILD=${BUILD:-build}
export BUILD
filter=${1:-}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
BIN=${BIN:-oomwatch}
case "$BIN" in /*) ;; *) BIN="$top/$BIN" ;; esac
case "$BUILD" in /*) ;; *) BUILD="$top/$BUILD" ;; esac
export OOMWATCH_BIN="$BIN" PROGS="$BUILD/progs" TOP="$top"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
log=$(mktemp -d "${TMPDIR:-/tmp}/oomwatch-tests.XXXXXX")
trap 'rm -rf "$log"' EXIT INT TERM
pass=0 fail=0 skip=0 failed=""

tally() { # $1 name, $2 output file, $3 exit code
	p=$(grep -cE '^(\[       OK \]|PASS: )' "$2")
	# cmocka names a failed or skipped test twice (when it runs and in
	# its closing list): count each name once
	f=$(($(grep -c '^FAIL: ' "$2") +
		$(grep -E '^\[  FAILED  \] [a-z_0-9]+$' "$2" | sort -u | grep -c .)))
	s=$(($(grep -c '^SKIP: ' "$2") +
		$(grep -E '^\[  SKIPPED \] [a-z_0-9]+$' "$2" | sort -u | grep -c .)))
	if [ "$3" != 0 ] && [ "$f" = 0 ]; then f=1; fi # crashed or sanitizer report
	grep -E '^(FAIL: |SKIP: |\[  FAILED  \] [a-z_0-9]+$|\[  SKIPPED \] [a-z_0-9]+$)' "$2" | awk '!seen[$0]++' | sed 's/^/  /'
	if [ "$f" != 0 ]; then
		echo "---- $1 (exit $3) ----"; tail -n 60 "$2"; echo "----"
		failed="$failed $1"
	fi
	pass=$((pass + p)); fail=$((fail + f)); skip=$((skip + s))
	echo "$1: $p passed, $f failed, $s skipped"
}

run_one() { # $1 name, rest: command
	name=$1; shift
	case "$name" in *"$filter"*) ;; *) return ;; esac
	out="$log/$(echo "$name" | tr '/' '_').out"
	"$@" >"$out" 2>&1
	tally "$name" "$out" $?
}

for t in "$BUILD"/unit/test_*; do
	[ -x "$t" ] && run_one "unit/$(basename "$t")" "$t"
done
for r in "$BUILD"/replay/fuzz_*; do
	[ -x "$r" ] || continue
	n=$(basename "$r"); c="tests/fuzz/corpus/${n#fuzz_}"
	run_one "replay/$n" sh -c "\"$r\" \"$c\" && echo \"PASS: $n corpus replay\""
done
run_one "check-layers" sh -c 'sh scripts/check-layers.sh && echo "PASS: layer includes"'
run_one "check-tidy" sh -c 'sh scripts/check-tidy.sh && echo "PASS: no function in src/ over 80 lines"'
for t in tests/live/*.sh tests/term/*.sh; do
	[ -f "$t" ] && run_one "$t" sh "$t"
done
echo
[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ] && [ "$pass" -gt 0 ]
