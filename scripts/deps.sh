#!/bin/sh
# Install the Debian packages oomwatch needs (as root), or print the apt-get
# line and fail (not root). Usage: scripts/deps.sh build|test|bench|screenshots
# For test it also fetches promtool (tests/live/batch_prom.sh) into
# $BUILD/tools, unpacked from Debian's prometheus package without
# installing it: installing would start a Prometheus server where package
# scripts may start services. Without it that check says SKIP.
set -u
want="pkg-config libncurses-dev libproc2-dev"
case "${1:-build}" in
build) ;;
test) want="$want libcmocka-dev tmux procps python3 locales" ;; # python3: JSON checks; locales: a comma-decimal locale
bench) want="$want libcmocka-dev tmux procps python3 locales htop" ;; # htop: the baseline
screenshots) want="$want tmux aha chromium fonts-dejavu-core" ;;
*) echo "deps.sh: unknown set '$1' (build, test, bench, screenshots)" >&2; exit 2 ;;
esac
# promtool into $BUILD/tools unless one is there or on PATH (best effort).
fetch_promtool() {
	tools="${BUILD:-build}/tools"
	command -v promtool >/dev/null 2>&1 && return 0
	[ -x "$tools/promtool" ] && return 0
	command -v apt-get >/dev/null 2>&1 || return 0
	tmp=$(mktemp -d) || return 0
	if (cd "$tmp" && apt-get download prometheus >/dev/null 2>&1) &&
		dpkg-deb -x "$tmp"/prometheus_*.deb "$tmp/x" 2>/dev/null &&
		mkdir -p "$tools" && cp "$tmp/x/usr/bin/promtool" "$tools/"; then
		echo "oomwatch: promtool unpacked into $tools" >&2
	else
		echo "oomwatch: promtool not fetched (its check will SKIP)" >&2
	fi
	rm -rf "$tmp"
}
[ "${1:-build}" = test ] && fetch_promtool

missing=""
for p in $want; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
	case "$st" in
	*" installed") ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
	echo "oomwatch: missing packages:$missing (no apt-get here: install them by hand)" >&2
	exit 1
fi
if [ "$(id -u)" != 0 ]; then
	echo "oomwatch: missing packages; run as root: apt-get install -y$missing" >&2
	exit 1
fi
echo "oomwatch: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -q --no-install-recommends $missing >/dev/null 2>&1; then
	apt-get update -q >/dev/null 2>&1
	apt-get install -y -q --no-install-recommends $missing >&2 || {
		echo "oomwatch: apt-get install$missing failed" >&2
		exit 1
	}
fi
