#!/bin/sh
# List the functions in src/ longer than 80 lines (house style: a function
# fits on a screen), one "FILE:LINE: NAME: N lines" each, longest first.
# A function runs from the line with its name at column 0 to the "}" at
# column 0 that closes it, both counted (the style(9) shape .clang-format
# keeps). Generated tables are left out: src/model/klogmonth_table.c.
# Exit 1 when any is listed (make test runs it).
# Usage: scripts/check-tidy.sh [MAX_LINES]   (default 80)
max=${1:-80}
cd "$(dirname "$0")/.." || exit 2
for f in src/*/*.c; do
	case "$f" in src/model/klogmonth_table.c) continue ;; esac
	awk -v max="$max" '
		FNR == 1 { name = ""; body = 0 }
		/^[A-Za-z_][A-Za-z0-9_]*\(/ && !body {
			name = $0; sub(/\(.*/, "", name); start = FNR
		}
		/^\{/ && name != "" { body = 1 }
		/^\}/ && body {
			n = FNR - start + 1
			if (n > max)
				printf "%d %s:%d: %s: %d lines\n", n, FILENAME, start, name, n
			body = 0; name = ""
		}' "$f"
done | sort -k1,1nr -k2 | cut -d' ' -f2- | grep . && exit 1
exit 0
