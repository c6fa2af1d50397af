#!/usr/bin/env bash
# Makes sure Debian's chromium is at /usr/bin/chromium for the console's browser test
# (playwright-core drives it; no browser download from elsewhere). Idempotent.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
	echo "chromium already installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
	exit 0
fi

SUDO=''
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then SUDO='sudo'; else
		echo "chromium is missing and this user cannot install packages (not root, no sudo)" >&2
		exit 1
	fi
fi

echo 'chromium missing: apt-get update && apt-get install -y chromium'
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium
echo "chromium installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
