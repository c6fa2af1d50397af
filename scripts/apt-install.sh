#!/usr/bin/env bash
# Installs Debian packages for the test tooling, as root (or through sudo), printing progress:
# the download and install sizes apt announces, then every 10% of the download and of the
# install with the time so far, then the total time. Usage: apt-install.sh WHAT PACKAGE...
# (WHAT says what they are for). The callers check first whether anything is missing.
set -euo pipefail

what="$1"
shift

SUDO=''
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then SUDO='sudo'; else
		echo "$what: $* missing, and this user cannot install packages (not root, no sudo)" >&2
		exit 1
	fi
fi

start=$SECONDS
say() { echo "[apt] $what: $* ($((SECONDS - start)) s)"; }

# apt's machine-readable status lines (APT::Status-Fd): dlstatus:N:PERCENT:TEXT while
# downloading, pmstatus:PACKAGE:PERCENT:TEXT while unpacking and setting up.
progress() {
	local last_dl=-1 last_pm=-1 line kind pct text step
	while IFS= read -r line; do
		case "$line" in
		dlstatus:* | pmstatus:*)
			kind=${line%%:*}
			pct=$(echo "$line" | cut -d: -f3)
			text=$(echo "$line" | cut -d: -f4-)
			step=$((${pct%.*} / 10))
			if [ "$kind" = dlstatus ] && [ "$step" -gt "$last_dl" ]; then
				last_dl=$step
				say "download ${pct%.*}% ($text)"
			elif [ "$kind" = pmstatus ] && [ "$step" -gt "$last_pm" ]; then
				last_pm=$step
				say "install ${pct%.*}% ($text)"
			fi
			;;
		'Need to get'* | 'After this operation'* | E:* | W:*) say "$line" ;;
		esac
	done
}

say "apt-get update"
$SUDO apt-get update -qq
say "apt-get install --no-install-recommends $*"
set +e
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends \
	-o APT::Status-Fd=1 -o Dpkg::Use-Pty=0 "$@" 2>&1 | progress
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
	say "apt-get install failed (exit $status)"
	exit "$status"
fi
say "installed $*"
