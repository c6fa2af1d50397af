#!/usr/bin/env bash
# Makes sure Debian's PostgreSQL server and Redis are installed for the queue-mode end-to-end
# suite (test/e2e/queueMode.test.ts starts its own instances on loopback, on free ports, with
# data in a temporary folder; nothing here starts a service). Quick when they are there; else
# installs them with apt as root, with progress (scripts/apt-install.sh).
set -euo pipefail
cd "$(dirname "$0")"

missing=()
# Debian puts the server binaries under /usr/lib/postgresql/<major>/bin.
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then missing+=(postgresql); fi
if ! command -v redis-server >/dev/null 2>&1; then missing+=(redis-server); fi

if [ ${#missing[@]} -eq 0 ]; then
	echo "queue-mode services already installed: $(ls -d /usr/lib/postgresql/*/bin/postgres | tail -1 | xargs -I{} {} --version), $(redis-server --version | cut -d' ' -f1-3)"
	exit 0
fi
echo "queue-mode services missing (${missing[*]}): installing them with apt (first run only; measured in the README)"
bash apt-install.sh 'PostgreSQL and Redis for the queue-mode tests' "${missing[@]}"
