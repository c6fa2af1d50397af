#!/usr/bin/env bash
# Makes sure Debian's chromium is at /usr/bin/chromium for the browser tests (playwright-core
# drives it; no browser download from elsewhere). Quick when it is there; else installs it with
# apt as root, with progress (scripts/apt-install.sh).
set -euo pipefail
cd "$(dirname "$0")"

if [ -x /usr/bin/chromium ]; then
	echo "chromium already installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
	exit 0
fi
echo 'chromium missing: installing Debian'"'"'s chromium with apt (first run only; measured in the README)'
bash apt-install.sh 'chromium for the browser tests' chromium
echo "chromium installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
