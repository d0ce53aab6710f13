#!/bin/sh
# Enforce the layer rules: who may include whom (see README, "Layout").
rc=0
bad() { echo "check-layers: $1"; rc=1; }
for f in src/core/*.c src/model/*.c include/core/*.h include/model/*.h; do
	[ -f "$f" ] || continue
	grep -nE '#include [<"](curses|ncurses|libproc2/|collect/|view/|action/|app/)' "$f" |
		while read -r l; do echo "check-layers: $f: $l"; done | grep . && rc=1
	grep -nE '\b(open|openat|read|fopen|opendir|write)\(' "$f" | grep -v '^\s*/\?\*' |
		grep -q . && bad "$f does I/O (model/core must be pure)"
done
for f in src/collect/*.c src/action/*.c; do
	[ -f "$f" ] || continue
	grep -qE '#include [<"](curses|ncurses)' "$f" && bad "$f includes curses"
	grep -qE '#include [<"]view/' "$f" && bad "$f includes a view header"
done
for f in src/view/*.c include/view/*.h; do
	[ -f "$f" ] || continue
	grep -qE '#include [<"](collect|action|app)/' "$f" && bad "$f includes collect, action or app (views draw the model)"
done
# app: no curses at all; keys arrive as core/kbd.h codes from view/screen.c
for f in src/app/*.c include/app/*.h; do
	grep -qE '#include [<"](curses|ncurses)' "$f" && bad "$f includes curses (only src/view may)"
done
for f in $(ls src/*/*.c | grep -v '_lp2\.c$'); do
	grep -q 'libproc2/' "$f" && bad "$f includes libproc2 (only *_lp2.c may)"
done
exit $rc
