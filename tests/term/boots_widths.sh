#!/bin/sh
# Terminal test of the Boots screen's text at 80, 100, 120 and 200
# columns: the real binary in a detached tmux (own socket, see
# tests/lib.sh), on this machine's history (whatever its sources say) and
# on the golden tree's (tests/fixtures/golden: long panic messages).
# - The sources line is exactly the longest of its three forms that fits:
#   L (`oomwatch --boots`'s first line without its "; kernel log: .."
#   part), L without the "(...)" remarks, and one or two words a source
#   (built here from `--boots --json`); when none fits, the short one cut
#   after a whole word with "…". At 80 columns it used to end "/var/l",
#   at 120 "pstore:".
# - No line of the screen's body is cut inside a word: a line that reaches
#   the right edge ends with "…", and the word before a "…" is a whole
#   word of the same screen drawn 250 columns wide (or of a narrower one
#   where it is not cut).
# - Enter on this boot (0) opens the events view of the live log.
. "$(dirname "$0")/../lib.sh"

if ! has_tmux; then
	skip "Boots width terminal tests" "tmux is not installed"
	exit 0
fi
if ! command -v jq >/dev/null 2>&1; then
	skip "Boots width terminal tests" "jq is not installed"
	exit 0
fi
BIN=$OOMWATCH_BIN
ELL=$(printf '\342\200\246')

# The screen's body lines: below the tab line, above the status line.
body() {
	tmux_screen | awk '/\[0 Boots\]/ { on = 1; next } on' | sed '$d' | sed '$d'
}

# The sources line on screen now, trailing blanks removed.
sources_line() { body | head -n 1 | sed 's/ *$//'; }
is_sources() { [ "$(sources_line)" = "$1" ]; }

# brief_forms JSON: the one-or-two-words form from --boots --json.
brief_form() {
	jq -r '
	def w(s; unit): if s.ok and s.count > 0 then
		"\(s.count) \(unit)\(if s.count == 1 then "" else "s" end)"
		elif s.ok | not then "not available"
		elif (s.note // "") | test("is empty") then "empty" else "nothing" end;
	.sources as $s
	| "wtmp: \(w($s.wtmp; "boot")); journal: \(w($s.journal; "boot")); " +
	  (if $s.pstore.count + $s.systemd_pstore.count > 0 then
		"pstore: \(w({ok: true, count: ($s.pstore.count + $s.systemd_pstore.count)}; "dump"))"
	  else "pstore: \(w($s.pstore; "")); systemd-pstore: \(w($s.systemd_pstore; ""))" end)' "$1"
}

# cut_form TEXT WIDTH: TEXT cut after its last whole word that leaves a
# column for the ellipsis, then the ellipsis.
cut_form() {
	printf '%s\n' "$1" | awk -v w="$2" -v e="$ELL" '{
		n = split($0, t, " "); out = ""
		for (i = 1; i <= n; i++) {
			c = out == "" ? t[i] : out " " t[i]
			if (length(c) + 1 > w) break
			out = c
		}
		print out e
	}'
}

# check_cuts SCENE WIDTH WORDS: every body line reaching the edge ends with
# the ellipsis, and the word before each ellipsis is a whole word of WORDS.
check_cuts() {
	bad=$(body | awk -v w="$2" -v e="$ELL" -v words="$3" -v wide="$wide" '
	BEGIN { n = split(words, a, "\n"); for (i = 1; i <= n; i++) ok[a[i]] = 1
		n = split(wide, a, "\n"); for (i = 1; i <= n; i++) whole[a[i]] = 1 }
	{
		sub(/ +$/, "")
		if ($0 == "") next
		k = index($0, e)
		if (k == 0) {
			# a line that just fits ends in a word the 250-column
			# screen shows whole; a cut one does not
			m = split($0, t, " ")
			if (length($0) >= w && !(t[m] in whole))
				print "reaches the edge uncut: " $0
			next
		}
		pre = substr($0, 1, k - 1)
		m = split(pre, t, " ")
		if (substr(pre, length(pre)) == " " || !(t[m] in ok))
			print "cut inside a word (" t[m] "): " $0
	}')
	if [ -z "$bad" ]; then
		pass "$1 at $2 columns: no word cut"
	else
		fail "$1 at $2 columns: no word cut" "$bad"
	fi
}

# body_has TEXT: the body shows TEXT.
body_has() {
	body | grep -qF -- "$1"
}

# scene NAME OPTIONS: the Boots screen at 250 columns, then at each width.
scene() {
	name=$1
	shift
	"$BIN" --boots "$@" 2>/dev/null | head -n 1 | sed 's/; kernel log: .*$//' >"$T_TMP/long"
	"$BIN" --boots --json "$@" >"$T_TMP/b.json" 2>/dev/null
	long=$(cat "$T_TMP/long")
	no_remarks=$(printf '%s\n' "$long" | sed 's/ ([^()]*)//g')
	brief=$(brief_form "$T_TMP/b.json")
	ev0=$(jq -r '.boots[0].events | to_entries | map(select(.value > 0) |
		"\(.value) \(.key)") | join(", ")' "$T_TMP/b.json")
	tmux_start 250 40 "$BIN -d 0.5 --no-protect $*"
	if ! tmux_wait "F10Quit" 10; then
		fail "$name: the dashboard starts" "$(tmux_screen | head -3)"
		tmux_stop
		return
	fi
	tmux_keys 0
	if ! tmux_wait "HOW IT ENDED" 10; then
		fail "$name: the Boots screen shows its table" "$(tmux_screen | tail -5)"
		tmux_stop
		return
	fi
	check "$name at 250 columns: the long sources line" is_sources "$long"
	words=$(body | tr ' ' '\n' | grep -v "$ELL" | sort -u)
	wide=$words
	for w in 80 100 120 200; do
		tmux_resize "$w" 40
		wait_until 3 sh -c '[ "$(tmux -S "$1" display -p -t t "#{window_width}")" = "$2" ]' \
			sh "$T_SOCK" "$w"
		words="$words
$(body | tr ' ' '\n' | grep -v "$ELL" | sort -u)"
	done
	for w in 80 100 120 200; do
		want=$(cut_form "$brief" "$w")
		[ "${#brief}" -le "$w" ] && want=$brief
		[ "${#no_remarks}" -le "$w" ] && want=$no_remarks
		[ "${#long}" -le "$w" ] && want=$long
		tmux_resize "$w" 40
		if wait_until 5 is_sources "$want"; then
			pass "$name at $w columns: the longest sources form that fits"
		else
			fail "$name at $w columns: the longest sources form that fits" \
				"want '$want', got '$(sources_line)'"
		fi
		check_cuts "$name" "$w" "$words"
		if [ "$w" = 200 ] && [ -n "$ev0" ]; then
			check "$name at 200 columns: boot 0's events whole ($ev0)" \
				body_has "$ev0"
		fi
	done
	if [ "$name" = "this machine" ]; then
		tmux_keys Enter
		check "this machine: Enter on boot 0 opens the live events view" \
			tmux_wait "Kernel events, newest first" 5
		check "... of this boot (no earlier boot's note)" \
			tmux_lacks "not this boot's"
	fi
	tmux_stop
}

scene "this machine"
scene "golden tree" --proc-root "$TOP/tests/fixtures/golden/proc" \
	--kmsg-file "$TOP/tests/fixtures/golden/kmsg.txt"
t_done
