#!/usr/bin/env bash
# Installs what the test command needs beyond `npm ci`, each step quick when already done and
# printing progress when not: Debian's Chromium (browser tests), Debian's PostgreSQL and Redis
# (queue-mode end-to-end suite), and real n8n 2.41.1 on Node 24 (end-to-end suites). The first
# run on a new machine installs about 3.5 GB; the README says what goes where and how long.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
bash scripts/ensure-chromium.sh
bash scripts/ensure-queue-services.sh
npx ts-node --transpile-only scripts/n8n/install.ts
echo "[test tools] ready in $((SECONDS - start)) s"
