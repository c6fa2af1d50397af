/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- sandbox code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// The seeded group practice and the ids each stand-in gives it, for other services and tests.
export * from './types';
export {
	PRACTICE,
	PEOPLE,
	PLANS,
	AGREEMENTS,
	LOCATIONS,
	PROVIDERS,
	CDT,
	planTotals,
} from './practice';
export * from './ids';
