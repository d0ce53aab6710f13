#!/bin/sh
# Live test: a kernel-looking OOM kill written to /dev/kmsg from userspace
# (as root, with a "<0>" prefix the kernel turns into LOG_USER) is in the
# log but is never reported by `oomwatch --events` as a kernel event. The
# numbers are whole pages, so only the facility gives it away.
. "$(dirname "$0")/../lib.sh"

if ! is_root; then
	skip "events forged record" "needs root to write /dev/kmsg"
	exit 0
fi
if [ ! -w /dev/kmsg ] || [ ! -r /dev/kmsg ] || [ ! -x "$OOMWATCH_BIN" ]; then
	skip "events forged record" "/dev/kmsg not writable/readable or oomwatch not built"
	exit 0
fi
tag="forged$$"
fake=$((4000000 + $$ % 100000))
if ! printf '<0>Out of memory: Killed process %d (%s) total-vm:4096kB, anon-rss:4096kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:0kB oom_score_adj:0\n' \
	"$fake" "$tag" >/dev/kmsg 2>/dev/null; then
	skip "events forged record" "write to /dev/kmsg refused (printk_devkmsg?)"
	exit 0
fi
in_log() { dd if=/dev/kmsg iflag=nonblock bs=16384 2>/dev/null | grep -q "$tag"; }
if ! wait_until 3 in_log; then
	skip "events forged record" "the record did not appear in /dev/kmsg"
	exit 0
fi
pass "forged record is in the kernel log"
"$OOMWATCH_BIN" --events --json >"$T_TMP/ev.json" 2>"$T_TMP/ev.err"
check "--events --json exits 0" [ $? = 0 ]
check "forged record is not an event" sh -c '! grep -q "$1" "$2"' sh "$tag" "$T_TMP/ev.json"
"$OOMWATCH_BIN" --events >"$T_TMP/ev.txt" 2>&1
check "nor in the text list" sh -c '! grep -q "$1" "$2"' sh "$tag" "$T_TMP/ev.txt"
# A saved copy in raw form keeps the facility: still not an event.
dd if=/dev/kmsg iflag=nonblock bs=16384 2>/dev/null | grep "$tag" >"$T_TMP/saved"
"$OOMWATCH_BIN" --events --json --kmsg-file "$T_TMP/saved" >"$T_TMP/ev2.json"
check "saved raw record is not an event" sh -c '! grep -q "$1" "$2"' sh "$tag" "$T_TMP/ev2.json"
t_done
