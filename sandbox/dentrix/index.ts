/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- sandbox code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// Placeholder: replaced by the dentrix stand-in.
import type { ServiceDefinition } from '../core/types';

export type DentrixState = Record<string, never>;

export const seed = (): DentrixState => ({});

export const service: ServiceDefinition<DentrixState> = { name: 'dentrix', routes: [] };
