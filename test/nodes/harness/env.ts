/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// Imported before n8n-core: its InstanceSettings writes an encryption key under
// N8N_USER_FOLDER (the home folder otherwise), so every test process gets its own temp folder.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-node-tests-'));
// n8n-core logs every node error through winston to stdout; the tests assert on the errors.
process.env.N8N_LOG_LEVEL ??= 'silent';
