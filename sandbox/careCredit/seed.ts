// The CareCredit side of the seeded group practice: a merchant number per location (docs/financing-domain.md
// §1), two merchants that exist to answer 499 and 422, the sandbox client, the promotional
// plan catalog (docs/financing-domain.md §2 defaults; codes modeled) and the test cardholder.
import { TEST_CARDHOLDER_ACCOUNT } from './applicants';
import type { CareCreditState, Promotion } from './types';

const deferred = (months: number, merchantFeePercent: number): Promotion => ({
	description: `No interest if paid in full within ${months} months`,
	months,
	kind: 'deferredInterest',
	minimumPurchaseCents: 20_000,
	merchantFeePercent,
});

const reducedApr = (months: number, apr: string): Promotion => ({
	description: `${apr}% APR, fixed monthly payments for ${months} months`,
	months,
	kind: 'reducedApr',
	minimumPurchaseCents: 100_000,
	merchantFeePercent: 5,
});

export const seed = (): CareCreditState => ({
	settings: {
		promotions: {
			DI6: deferred(6, 5),
			DI12: deferred(12, 9.9),
			DI18: deferred(18, 13.5),
			// No public figure for 24 months deferred: modeled as the 18-month fee.
			DI24: deferred(24, 13.5),
			RA24: reducedApr(24, '14.90'),
			RA36: reducedApr(36, '15.90'),
			RA48: reducedApr(48, '16.90'),
			RA60: reducedApr(60, '17.90'),
		},
		pendingResolveSeconds: 120,
		pendingResolvePullbacks: 3,
		sessionLifetimeSeconds: 1800,
	},
	merchants: [
		{
			merchantNumber: '5348120100000001',
			locationKey: 'downtown',
			name: 'Downtown office',
			standing: 'open',
		},
		{
			merchantNumber: '5348120100000002',
			locationKey: 'lakeside',
			name: 'Lakeside office',
			standing: 'open',
		},
		{
			merchantNumber: '5348120100000499',
			locationKey: null,
			name: 'Closed merchant',
			standing: 'closed',
		},
		{
			merchantNumber: '5348120100000422',
			locationKey: null,
			name: 'Training-suspended merchant',
			standing: 'trainingSuspended',
		},
	],
	clients: [
		{
			clientId: 'sandbox-client',
			clientSecret: 'sandbox-secret',
			applicationName: 'n8n-nodes-dental-financing sandbox',
		},
	],
	tokens: [],
	accounts: [
		{
			accountNumber: TEST_CARDHOLDER_ACCOUNT,
			firstName: 'Carla',
			lastName: 'Cardholder',
			phone: '3125550103',
			zipCode: '60601',
			ssnLast4: '0003',
			creditLineCents: 800_000,
			balanceCents: 200_000,
		},
	],
	sessions: [],
	transactions: [],
	feed: [],
});
