#!/bin/sh
# Render a tmux capture (capture-pane -p -e output, ANSI colours) to a PNG
# with aha and headless Chromium (Debian packages aha, chromium).
# Usage: scripts/ansi2png.sh CAPTURE.ans OUT.png COLS ROWS [light]
set -eu
in=$1 out=$2 cols=$3 rows=$4 bg=${5:-dark}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/oomwatch-shot.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
if [ "$bg" = light ]; then aha_opt=""; page_bg=white; page_fg=black; else
	aha_opt="--black"; page_bg=black; page_fg=white; fi
aha $aha_opt --title oomwatch <"$in" >"$tmp/raw.html"
# Fixed cell size: 8.4 x 17 px per cell at 14px DejaVu Sans Mono.
style="font-family:'DejaVu Sans Mono',monospace;font-size:14px;line-height:17px;margin:6px;background:$page_bg;color:$page_fg"
sed "s|<pre>|<pre style=\"$style\">|" "$tmp/raw.html" >"$tmp/page.html"
w=$(awk "BEGIN{print int($cols*8.43+14)}")
h=$(awk "BEGIN{print int($rows*17+14)}")
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--user-data-dir="$tmp/profile" --hide-scrollbars \
	--screenshot="$out" --window-size="$w,$h" "file://$tmp/page.html" \
	>/dev/null 2>&1
[ -s "$out" ] || { echo "ansi2png: chromium wrote no $out" >&2; exit 1; }
