/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- sandbox code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// Placeholder: replaced by the openDental stand-in.
import type { ServiceDefinition } from '../core/types';

export type OpenDentalState = Record<string, never>;

export const seed = (): OpenDentalState => ({});

export const service: ServiceDefinition<OpenDentalState> = { name: 'openDental', routes: [] };
