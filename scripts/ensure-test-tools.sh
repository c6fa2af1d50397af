#!/usr/bin/env bash
# Installs what the test command needs beyond `npm ci`, each step idempotent and quick when
# already done: Debian's Chromium (browser tests) and real n8n 2.41.1 on Node 24 (end-to-end).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
npx ts-node --transpile-only scripts/n8n/install.ts
