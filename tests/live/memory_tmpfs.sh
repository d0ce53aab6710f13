#!/bin/sh
# Live test of the Memory screen's tmpfs list in `oomwatch --batch --json`:
# as root, mount a 16 MiB tmpfs on a fresh directory whose name holds a
# space (/proc/mounts writes it as \040), write a file of 3 MiB, and check
# that the "tmpfs" entry of that path shows used 3072 kB and size
# 16384 kB, that a second file moves the used size with it, and that
# "memory_breakdown" adds up to MemTotal. A second tmpfs stacked on the
# same path is listed once, with the top mount's sizes; a ramfs holding
# 2 MiB is listed with used and size null (ramfs keeps no accounting).
# The mounts are undone on exit, whatever happens. Without root it is
# skipped.
. "$(dirname "$0")/../lib.sh"
J="$T_TMP/json"
MNT="$T_TMP/mem tmpfs"
RAM="$T_TMP/mem ramfs"

if ! is_root; then
	skip "memory tmpfs live" "needs root to mount a tmpfs"
	exit 0
fi
if [ ! -x "$OOMWATCH_BIN" ] || ! command -v python3 >/dev/null 2>&1; then
	skip "memory tmpfs live" "oomwatch not built or python3 missing"
	exit 0
fi
mem_cleanup() {
	mountpoint -q "$RAM" 2>/dev/null && umount "$RAM"
	while mountpoint -q "$MNT" 2>/dev/null; do umount "$MNT" || break; done
	t_cleanup
}
trap 'mem_cleanup' EXIT
trap 'mem_cleanup; exit 1' INT TERM

mkdir -p "$MNT"
if ! mount -t tmpfs -o size=16m,mode=700 oomwatch-test "$MNT" 2>"$T_TMP/err"; then
	skip "memory tmpfs live" "mount -t tmpfs failed: $(head -c 200 "$T_TMP/err")"
	exit 0
fi
dd if=/dev/zero of="$MNT/three" bs=1M count=3 status=none

# tmpfs_is USED_KB [SIZE_KB [PATH [FSTYPE]]]: PATH (default $MNT) is
# listed once, with that used size and size (16 MiB; "None": null).
tmpfs_is() {
	"$OOMWATCH_BIN" --batch --json -p $$ >"$J" 2>"$T_TMP/err" &&
		python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
e = [t for t in d["tmpfs"] if t["path"] == sys.argv[2]]
assert len(e) == 1, (sys.argv[2], d["tmpfs"])
e = e[0]
assert list(e) == ["path", "fstype", "used_kb", "size_kb"], list(e)
num = lambda v: None if v == "None" else int(v)
assert e["fstype"] == sys.argv[5], e
assert e["size_kb"] == num(sys.argv[4]), e
assert e["used_kb"] == num(sys.argv[3]), e
' "$J" "${3:-$MNT}" "$1" "${2:-16384}" "${4:-tmpfs}"
}
check "tmpfs: the mount shows 3 MiB used of 16 MiB" tmpfs_is 3072
dd if=/dev/zero of="$MNT/five" bs=1M count=5 status=none
check "tmpfs: 5 MiB more shows 8 MiB used" tmpfs_is 8192
check "memory_breakdown adds up to MemTotal, swaps is a list" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
b = d["memory_breakdown"]
tot = b["total_kb"]
assert tot == d["memory"]["total_kb"], (tot, d["memory"])
rows = {r["row"]: r for r in b["rows"]}
assert sum(r["bar_kb"] for r in b["rows"]) <= tot
if not b["over"]:
    summed = sum(r["kb"] or 0 for r in b["rows"] if r["summed"])
    assert summed + rows["not_accounted"]["kb"] == tot, (summed, tot)
assert isinstance(d["swaps"], list)
assert "cgroups" in d and "memory_breakdown" in d
' "$J"
if mount -t tmpfs -o size=32m oomwatch-top "$MNT" 2>"$T_TMP/err"; then
	dd if=/dev/zero of="$MNT/one" bs=1M count=1 status=none
	check "tmpfs: two mounts stacked on one path: one row, the top's" \
		tmpfs_is 1024 32768
	umount "$MNT"
	check "tmpfs: the lower mount again once the top is gone" \
		tmpfs_is 8192
else
	skip "tmpfs stacked" "second mount failed: $(head -c 200 "$T_TMP/err")"
fi
mkdir -p "$RAM"
if mount -t ramfs oomwatch-ram "$RAM" 2>"$T_TMP/err"; then
	dd if=/dev/zero of="$RAM/two" bs=1M count=2 status=none
	check "ramfs: used and size null (no accounting)" \
		tmpfs_is None None "$RAM" ramfs
	umount "$RAM"
else
	skip "ramfs" "mount -t ramfs failed: $(head -c 200 "$T_TMP/err")"
fi
umount "$MNT"
check "tmpfs: gone after umount" sh -c '"$1" --batch --json -p $$ |
	python3 -c "import json, sys; d = json.load(sys.stdin)
assert all(t[\"path\"] != sys.argv[1] for t in d[\"tmpfs\"])" "$2"' sh \
	"$OOMWATCH_BIN" "$MNT"
t_done
