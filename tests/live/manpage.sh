#!/bin/sh
# The man page (man/oomwatch.1): every long option `oomwatch --help`
# lists at test time is in it (so a new option without its man entry
# fails here), it renders with `man -l` without warnings, with the
# sections a man page needs, and `make install` puts it in
# share/man/man1 (installed into a directory of this test's own).
. "$(dirname "$0")/../lib.sh"

page="$TOP/man/oomwatch.1"
if [ ! -x "$OOMWATCH_BIN" ]; then
	skip "man page" "oomwatch not built"
	exit 0
fi
check "man/oomwatch.1 exists" [ -s "$page" ]
"$OOMWATCH_BIN" --help >"$T_TMP/help"
opts=$(grep -oE -- '--[a-z][a-z0-9-]+' "$T_TMP/help" | sort -u)
check "--help lists long options" [ "$(echo "$opts" | wc -l)" -ge 20 ]
# the page's text with roff escapes undone: \- is -, \e is \, fonts gone
sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\e/\\/g' "$page" >"$T_TMP/src"
missing=""
for o in $opts; do
	grep -qE -- "(^|[^a-z-])$o([^a-z-]|\$)" "$T_TMP/src" || missing="$missing $o"
done
check "every long option of --help is in the man page${missing:+ (missing:$missing)}" [ -z "$missing" ]
for sec in NAME SYNOPSIS DESCRIPTION OPTIONS KEYS FILES "EXIT STATUS"; do
	check "section $sec" grep -q "^\.SH \"\{0,1\}$sec\"\{0,1\}\$" "$page"
done
if command -v man >/dev/null 2>&1; then
	LANG=C MANWIDTH=80 man --warnings -l "$page" >"$T_TMP/out" 2>"$T_TMP/warn"
	check "man -l renders it" [ $? = 0 ] && grep -q "oomwatch - a dashboard" "$T_TMP/out"
	check "no groff warnings" [ ! -s "$T_TMP/warn" ] || { cat "$T_TMP/warn"; false; }
	check "the rendered page names --textfile" grep -q -- "--textfile" "$T_TMP/out"
else
	skip "man -l renders it" "man missing"
fi
if command -v make >/dev/null 2>&1; then
	make -s -C "$TOP" install DESTDIR="$T_TMP/inst" PREFIX=/usr \
		UNITDIR=/lib/systemd/system BUILD="$BUILD" BIN="$OOMWATCH_BIN" \
		>"$T_TMP/make" 2>&1
	check "make install (DESTDIR) installs the man page" \
		cmp -s "$page" "$T_TMP/inst/usr/share/man/man1/oomwatch.1"
	check "...and the unit, with the binary's path" \
		grep -q '^ExecStart=/usr/bin/oomwatch --record$' \
		"$T_TMP/inst/lib/systemd/system/oomwatch-record.service"
else
	skip "make install" "make missing"
fi
t_done
