#!/bin/sh
# Numbers in --batch --json and -d are the same in a comma-decimal locale
# (de_DE: "0,25"): the JSON stays valid and -d 0.5 is accepted. The locale
# is compiled into the test's own directory (LOCPATH), nothing is installed.
. "$(dirname "$0")/../lib.sh"

if [ ! -x "$OOMWATCH_BIN" ]; then
	skip "batch locale" "oomwatch not built"
	exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
	skip "batch locale" "python3 missing"
	exit 0
fi
if ! command -v localedef >/dev/null 2>&1 || [ ! -f /usr/share/i18n/locales/de_DE ]; then
	skip "batch locale" "no locale sources (Debian package locales)"
	exit 0
fi
mkdir -p "$T_TMP/loc"
if ! localedef -i de_DE -f UTF-8 "$T_TMP/loc/de_DE.UTF-8" >/dev/null 2>&1; then
	skip "batch locale" "localedef de_DE.UTF-8 failed"
	exit 0
fi
# the locale really uses a comma, or the test proves nothing
dec=$(LOCPATH="$T_TMP/loc" LC_ALL=de_DE.UTF-8 python3 -c \
	'import locale; locale.setlocale(locale.LC_ALL, ""); print(locale.localeconv()["decimal_point"])')
check "de_DE decimal point is a comma" [ "$dec" = "," ]

LOCPATH="$T_TMP/loc" LC_ALL=de_DE.UTF-8 "$OOMWATCH_BIN" --batch --json -n 2 \
	-d 0.5 -p $$ >"$T_TMP/j" 2>"$T_TMP/err"
check "de_DE: -d 0.5 accepted" [ $? = 0 ]
check "de_DE: two JSON lines" [ "$(wc -l <"$T_TMP/j")" = 2 ]
check "de_DE: every line is valid JSON with rates on the second" python3 -c '
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
assert lines[0]["rates"] is None and isinstance(lines[1]["rates"], dict)
assert all(isinstance(v, float) for v in lines[1]["rates"].values()), lines[1]["rates"]
' "$T_TMP/j"
LOCPATH="$T_TMP/loc" LC_ALL=de_DE.UTF-8 "$OOMWATCH_BIN" --batch -d 0,5 \
	>/dev/null 2>"$T_TMP/err"
check "de_DE: -d 0,5 refused (exit 2)" [ $? = 2 ]
check "de_DE: the refusal is one line" [ "$(wc -l <"$T_TMP/err")" = 1 ]
t_done
