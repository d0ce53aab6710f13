#!/bin/sh
# Terminal test of the header's time to OOM, end to end: the real binary
# in a 120x40 tmux (own socket, see tests/lib.sh) on a copy of the golden
# fixture's --proc-root tree, with a zoneinfo of its own (low watermark
# 2048 pages) and a feeder this test starts that rewrites meminfo every
# 0.25 s: MemAvailable falls 25,000 kB a step for 50 s, then stays put
# (the sparkline shows from its second 30 s cell on).
#   - while it falls the header says "... to OOM", and the Mem line keeps
#     its sparkline and the bar's "used/total" beside it (at 120x40 the
#     forecast used to push both out);
#   - once it has stopped, the countdown goes (a series flat for 20 s has
#     no number, model/forecast.h), within 40 s.
. "$(dirname "$0")/../lib.sh"

if ! has_tmux; then
	skip "forecast header terminal test" "tmux is not installed"
	exit 0
fi
BIN=$OOMWATCH_BIN
TOP=$(cd "$(dirname "$0")/../.." && pwd)
ROOT="$T_TMP/proc"
cp -R "$TOP/tests/fixtures/golden/proc" "$ROOT"
cat >"$ROOT/zoneinfo" <<'ZI'
Node 0, zone   Normal
  pages free     100000
        min      1024
        low      2048
        high     3072
        spanned  2000000
        present  2000000
        managed  2000000
ZI

# feed STEPS: MemAvailable from 7,500,000 kB down 25,000 a step every
# 0.25 s for STEPS steps, then the same value for good.
feed() {
	avail=7500000
	i=0
	while :; do
		sed "s/^MemAvailable: .*/MemAvailable:  $avail kB/" \
			"$TOP/tests/fixtures/golden/proc/meminfo" >"$ROOT/meminfo.new" &&
			mv "$ROOT/meminfo.new" "$ROOT/meminfo"
		[ "$i" -lt "$1" ] && avail=$((avail - 25000)) && i=$((i + 1))
		sleep 0.25
	done
}
feed 200 &
own_pid $!

tmux_start 120 40 "exec '$BIN' -d 0.25 --no-protect --proc-root '$ROOT' \
--kmsg-file '$TOP/tests/fixtures/golden/kmsg.txt'"
mem_line() { tmux_screen | grep -m 1 'Mem\['; }
# both: the forecast and the sparkline on the Mem line
both() { mem_line | grep 'to OOM' | grep -q '[▁▂▃▄▅▆▇█]'; }
if tmux_wait "to OOM" 30; then
	pass "120x40: the header shows a time to OOM while MemAvailable falls"
else
	fail "120x40: the header shows a time to OOM while MemAvailable falls" \
		"$(tmux_screen | head -n 4)"
fi
check "120x40: the Mem sparkline stays beside the forecast" wait_until 40 both
line=$(mem_line)
check "120x40: the Mem bar keeps its total beside the forecast" \
	sh -c "printf '%s\n' \"\$1\" | grep -q '/7.64G\]'" - "$line"
printf '%s\n' "$line" | sed 's/^/  | /'
if wait_until 60 tmux_lacks "to OOM"; then
	pass "the countdown goes once MemAvailable has stopped falling"
else
	fail "the countdown goes once MemAvailable has stopped falling" \
		"$(mem_line)"
fi
tmux_stop
t_done
