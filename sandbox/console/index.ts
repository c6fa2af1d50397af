/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- sandbox code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// Placeholder: replaced by the practice console.
import type { SandboxState, ServiceDefinition } from '../core/types';

export const service: ServiceDefinition<SandboxState> = { name: 'console', routes: [] };
