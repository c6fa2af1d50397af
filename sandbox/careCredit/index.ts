/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- sandbox code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// Placeholder: replaced by the careCredit stand-in.
import type { ServiceDefinition } from '../core/types';

export type CareCreditState = Record<string, never>;

export const seed = (): CareCreditState => ({});

export const service: ServiceDefinition<CareCreditState> = { name: 'careCredit', routes: [] };
