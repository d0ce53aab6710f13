#!/bin/sh
# Enforce the layer rules: who may include whom (see README, "Layout"),
# and no cycles between files: no header that includes itself through
# others, no two source files that call into each other (directly or round
# a longer loop). The call graph comes from the built objects: file A
# depends on B when A's object needs a function B's object defines (nm;
# a reference to data, such as the screens table naming each screen's
# const descriptor, is not a call).
# Usage: scripts/check-layers.sh [OBJDIR]   (default $BUILD/obj, BUILD
# defaults to build; `make check-layers` builds the objects first).
rc=0
exec 3>&1 # bad() reports on the real stdout, even inside a redirected loop
bad() { echo "check-layers: $1" >&3; rc=1; }
objdir=${1:-${BUILD:-build}/obj}
case "$objdir" in /*) ;; *) objdir="$PWD/$objdir" ;; esac
cd "$(dirname "$0")/.." || exit 2

for f in src/core/*.c src/model/*.c include/core/*.h include/model/*.h; do
	[ -f "$f" ] || continue
	grep -nE '#include [<"](curses|ncurses|libproc2/|collect/|view/|action/|persist/|app/)' "$f" |
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
	[ "$f" = src/view/screen.c ] ||
		! grep -qE '#include [<"](curses|ncurses)' "$f" ||
		bad "$f includes curses (only src/view/screen.c, which owns the terminal, may)"
	grep -qE '#include [<"](collect|action|persist|app)/' "$f" && bad "$f includes collect, action, persist or app (views draw the model)"
done
# persist (files: settings, themes, later the history store) builds on
# core and model only
for f in src/persist/*.c include/persist/*.h; do
	[ -f "$f" ] || continue
	grep -nE '#include [<"](curses|ncurses|libproc2/|collect/|view/|action/|app/)' "$f" |
		while read -r l; do echo "check-layers: $f: $l (persist may include core, model and persist only)"; done | grep . && rc=1
done
# app: no curses at all; keys arrive as core/kbd.h codes from view/screen.c
for f in src/app/*.c include/app/*.h; do
	grep -qE '#include [<"](curses|ncurses)' "$f" && bad "$f includes curses (only src/view/screen.c may)"
done
for f in src/*/*.c; do
	case "$f" in *_lp2.c) continue ;; esac
	grep -q 'libproc2/' "$f" && bad "$f includes libproc2 (only *_lp2.c may)"
done

# Cycles in a graph read as lines "FROM TO [WHY...]": every file on a
# cycle (Tarjan's strongly connected parts) is shown on a shortest loop
# through it, printed as "a -> b (why) -> a"; files already shown on an
# earlier loop start none of their own.
# shellcheck disable=SC2016 # an awk program: $1 is awk's
CYCLES_AWK='
{
	if (!(($1, $2) in why)) { adj[$1, ++deg[$1]] = $2; node[$1]; node[$2] }
	w = $3; for (i = 4; i <= NF && i <= 5; i++) w = w ", " $i
	if (NF > 5) w = w ", ..."
	why[$1, $2] = w
}
function strong(v,    i, w) {
	idx[v] = low[v] = ++counter; stack[++sp] = v; on[v] = 1
	for (i = 1; i <= deg[v]; i++) {
		w = adj[v, i]
		if (!(w in idx)) { strong(w); if (low[w] < low[v]) low[v] = low[w] }
		else if (on[w] && idx[w] < low[v]) low[v] = idx[w]
	}
	if (low[v] == idx[v]) {
		ncomp++
		do { w = stack[sp--]; on[w] = 0; comp[w] = ncomp; size[ncomp]++ } while (w != v)
	}
}
function because(a, b) {
	return why[a, b] == "" ? "" : " (" why[a, b] ")"
}
function loop_from(s,    head, tail, q, v, i, w, from, path, n) {
	head = tail = 0; q[++tail] = s; delete from
	while (head < tail) {
		v = q[++head]
		for (i = 1; i <= deg[v]; i++) {
			w = adj[v, i]
			if (comp[w] != comp[s]) continue
			if (w == s) {
				path = " -> " s because(v, s); n = 1; onloop[s] = 1
				for (; v != s; v = from[v]) {
					path = " -> " v because(from[v], v) path
					onloop[v] = 1; n++
				}
				return s path "\t" n
			}
			if (!(w in from) && w != s) { from[w] = v; q[++tail] = w }
		}
	}
	return ""
}
END {
	for (v in node) if (!(v in idx)) strong(v)
	# files on cycles, sorted, so the output is stable
	for (v in node) {
		if (size[comp[v]] < 2) continue
		for (i = ++m; i > 1 && member[i - 1] > v; i--) member[i] = member[i - 1]
		member[i] = v
	}
	# a loop through each such file not yet shown on one
	for (i = 1; i <= m; i++)
		if (!(member[i] in onloop)) {
			split(loop_from(member[i]), r, "\t")
			print r[1]
		}
}'

# Include cycles between files (header guards hide them from the compiler).
for f in src/*/*.c include/*/*.h; do
	[ -f "$f" ] || continue
	sed -nE 's@^#[ \t]*include "([a-z_0-9]+/[a-z_0-9]+\.h)".*@\1@p' "$f" |
		while read -r h; do echo "$f include/$h"; done
done | sort -u | awk "$CYCLES_AWK" | sort | sed 's/^/check-layers: include cycle: /' | grep . && rc=1

# Call cycles between files, from the objects of every source file.
if ! command -v nm >/dev/null 2>&1; then
	bad "nm not found: cannot check call cycles (apt-get install binutils)"
else
	syms=$(mktemp "${TMPDIR:-/tmp}/check-layers.XXXXXX") || exit 2
	trap 'rm -f "$syms"' EXIT INT TERM
	stale=0
	for f in src/*/*.c; do
		o="$objdir/${f%.c}.o"
		# shellcheck disable=SC3013 # -ot: dash, bash and busybox have it
		if [ ! -f "$o" ] || [ "$o" -ot "$f" ]; then
			[ $stale = 0 ] && bad "$o is missing or older than $f: build first (make check-layers does)"
			stale=$((stale + 1))
			continue
		fi
		nm --defined-only -g "$o" | awk -v f="$f" 'NF == 3 && $2 ~ /^[TW]$/ { print "D", f, $3 }'
		nm -u "$o" | awk -v f="$f" '{ print "U", f, $NF }'
	done >"$syms"
	[ $stale -gt 1 ] && bad "and $((stale - 1)) more objects under $objdir"
	awk '
		$1 == "D" { def[$3] = $2; next }
		{ use[++nu] = $2 SUBSEP $3 }
		END {
			for (i = 1; i <= nu; i++) {
				split(use[i], u, SUBSEP)
				if (!(u[2] in def) || def[u[2]] == u[1]) continue
				print u[1], def[u[2]], u[2]
			}
		}' "$syms" | sort | awk '
		{ k = $1 " " $2; if (!(k in s)) order[++n] = k; s[k] = s[k] " " $3 }
		END { for (i = 1; i <= n; i++) print order[i] s[order[i]] }' |
		awk "$CYCLES_AWK" | sort | sed 's/^/check-layers: call cycle: /' | grep . && rc=1
fi
exit $rc
