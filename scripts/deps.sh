#!/bin/sh
# Install the Debian packages oomwatch needs (as root), or print the apt-get
# line and fail (not root). Usage: scripts/deps.sh build|test|bench|screenshots
set -u
want="pkg-config libncurses-dev libproc2-dev libsqlite3-dev" # libsqlite3: the recorder's database
case "${1:-build}" in
build) ;;
test) want="$want libcmocka-dev tmux procps python3 locales sqlite3" ;; # python3: JSON checks; locales: a comma-decimal locale; sqlite3: the recorder tests
bench) want="$want libcmocka-dev tmux procps python3 locales htop" ;; # htop: the baseline
screenshots) want="$want tmux aha chromium fonts-dejavu-core" ;;
*) echo "deps.sh: unknown set '$1' (build, test, bench, screenshots)" >&2; exit 2 ;;
esac
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
