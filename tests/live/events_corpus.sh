#!/bin/sh
# Every corpus file of tests/fixtures/kmsg against its expected events:
# `oomwatch --events --json --kmsg-file NN.txt` (the "# src:" line
# included: it is not kernel text) must print exactly expected/NN.json,
# one JSON object per line, the key order and number format of the
# program (an empty file: no event). The values were worked out from the
# log text, not copied from the program. expected/NN.json.pending holds
# the right output of a file the program still gets wrong: skipped, with
# its first difference, until the fix lands and it is renamed to NN.json;
# a fixture with neither file is skipped too. On a difference the FAIL
# line names the file and the first differing field (python3 compares
# the parsed objects; without it, the text of the line).
. "$(dirname "$0")/../lib.sh"
FIX="$TOP/tests/fixtures/kmsg"
EXP="$FIX/expected"

if [ ! -x "$OOMWATCH_BIN" ]; then
	skip "events corpus" "oomwatch not built"
	exit 0
fi
if [ ! -d "$EXP" ]; then
	fail "events corpus" "$EXP missing"
	t_done
	exit
fi
have_py=0
python3 -c 'import json' >/dev/null 2>&1 && have_py=1

# Where two JSON-lines files first differ, as "event N field: got X, want
# Y": parsed (keys in order, ints apart from floats and booleans).
cat >"$T_TMP/firstdiff.py" <<'EOF'
import json, sys


class Obj(list):
    """A JSON object as its (key, value) pairs, in order."""


def load(path):
    out = []
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        for i, line in enumerate(f, 1):
            try:
                out.append(json.loads(line, object_pairs_hook=Obj))
            except ValueError as e:
                return out, "line %d is not JSON (%s): %.120s" % (i, e, line.strip())
    return out, None


def plain(v):
    if isinstance(v, Obj):
        return {k: plain(x) for k, x in v}
    if isinstance(v, list):
        return [plain(x) for x in v]
    return v


def show(v):
    return "%.120s" % json.dumps(plain(v))


def diff(path, g, w):
    if type(g) is not type(w):
        return "%s: got %s, want %s" % (path, show(g), show(w))
    if isinstance(g, Obj):
        gk, wk = [k for k, _ in g], [k for k, _ in w]
        for i in range(max(len(gk), len(wk))):
            a = gk[i] if i < len(gk) else None
            b = wk[i] if i < len(wk) else None
            if a != b:
                return "%s: key %s where %s is expected" % (path, json.dumps(a), json.dumps(b))
        for (k, gv), (_, wv) in zip(g, w):
            d = diff("%s.%s" % (path, k), gv, wv)
            if d:
                return d
        return None
    if isinstance(g, list):
        for i, (gv, wv) in enumerate(zip(g, w)):
            d = diff("%s[%d]" % (path, i), gv, wv)
            if d:
                return d
        if len(g) != len(w):
            return "%s: %d entries, want %d" % (path, len(g), len(w))
        return None
    return None if g == w else "%s: got %s, want %s" % (path, show(g), show(w))


def main(gotpath, wantpath):
    got, err = load(gotpath)
    if err:
        return "output " + err
    want, err = load(wantpath)
    if err:
        return "expected file " + err
    for i, (g, w) in enumerate(zip(got, want), 1):
        d = diff("event %d" % i, g, w)
        if d:
            return d
    if len(got) > len(want):
        return "extra event %d: %s" % (len(want) + 1, show(got[len(want)]))
    if len(got) < len(want):
        return "missing event %d: %s" % (len(got) + 1, show(want[len(got)]))
    # same values: the text differs (number format, spacing)
    with open(gotpath, "rb") as g, open(wantpath, "rb") as w:
        for i, (a, b) in enumerate(zip(g, w), 1):
            if a != b:
                return "event %d: same values, other text: got %.160s" % (
                    i, a.decode("utf-8", "replace").strip())
    return "same events, other bytes"


print(main(sys.argv[1], sys.argv[2]))
EOF

# firstdiff GOT WANT: the first difference, for the FAIL line.
firstdiff() {
	if [ "$have_py" = 1 ]; then
		python3 "$T_TMP/firstdiff.py" "$1" "$2"
		return
	fi
	# no python3: the first differing line, then its first differing
	# `"key": value` piece
	awk -v want="$2" '
	function piece(s, i,   n, a) {
		n = split(s, a, /, "/)
		return i > n ? "<none>" : (i > 1 ? "\"" : "") a[i]
	}
	{
		if ((getline w <want) <= 0) {
			printf "extra event %d: %.120s\n", NR, $0
			found = 1
			exit
		}
		if ($0 != w) {
			for (i = 1; piece($0, i) == piece(w, i) && i < 200; i++)
				;
			printf "event %d: got %s, want %s\n", NR, piece($0, i), piece(w, i)
			found = 1
			exit
		}
	}
	END {
		if (found)
			exit
		if ((getline w <want) > 0)
			printf "missing event %d: %.120s\n", NR + 1, w
		else
			print "same events, other bytes"
	}' "$1"
}

for txt in "$FIX"/*.txt; do
	n=$(basename "$txt" .txt)
	want="$EXP/$n.json"
	got="$T_TMP/$n.json"
	# dmesg -T times are local: read them as UTC, as the expected files do
	TZ=UTC LC_ALL=C "$OOMWATCH_BIN" --events --json --kmsg-file "$txt" \
		>"$got" 2>"$T_TMP/$n.err"
	rc=$?
	if [ ! -f "$want" ] && [ -f "$want.pending" ]; then
		if [ "$rc" = 0 ] && cmp -s "$got" "$want.pending"; then
			why="now matches: rename it to $n.json"
		else
			why="waits for a parser fix: $(firstdiff "$got" "$want.pending" | head -n 1)"
		fi
		skip "events corpus $n.txt" "expected/$n.json.pending $why"
	elif [ ! -f "$want" ]; then
		skip "events corpus $n.txt" "no expected/$n.json yet"
	elif [ "$rc" != 0 ]; then
		fail "events corpus $n.txt" "exit $rc: $(head -n 1 "$T_TMP/$n.err")"
	elif cmp -s "$got" "$want"; then
		pass "events corpus $n.txt: $(wc -l <"$want" | tr -d ' ') event line(s)"
	else
		fail "events corpus $n.txt" "$(firstdiff "$got" "$want" | head -n 1)"
	fi
done
# an expected file whose fixture is gone would test nothing
for e in "$EXP"/*.json "$EXP"/*.json.pending; do
	[ -f "$e" ] || continue
	n=$(basename "$e")
	n=${n%%.*}
	[ -f "$FIX/$n.txt" ] || fail "events corpus expected/$(basename "$e")" "no $n.txt fixture"
done
t_done
