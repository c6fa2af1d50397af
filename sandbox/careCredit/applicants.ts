// Deterministic test applicants, like a payment processor's test cards (modeled; the table
// is in docs/carecredit-api.md). The first rule that matches wins: the tax id's last four, the
// last name (tax id prefill is off by default, docs/financing-domain.md §7), the cents of the estimated fee.
import type { Applicant } from './types';

export type Outcome =
	| 'approved'
	| 'shortfall'
	| 'cardholder'
	| 'declined'
	| 'pending'
	| 'callForAuth'
	| 'expired'
	| 'error';

export interface TestApplicant {
	outcome: Outcome;
	lastFour: string;
	lastName: string;
	feeCents: number;
	/** Credit line for approvals (a pending applicant's line once it resolves). */
	creditLineCents: number;
}

export const TEST_APPLICANTS: TestApplicant[] = [
	{
		outcome: 'approved',
		lastFour: '0001',
		lastName: 'Approved',
		feeCents: 1,
		creditLineCents: 1_000_000,
	},
	{
		outcome: 'shortfall',
		lastFour: '0002',
		lastName: 'Shortfall',
		feeCents: 2,
		creditLineCents: 250_000,
	},
	{
		outcome: 'cardholder',
		lastFour: '0003',
		lastName: 'Cardholder',
		feeCents: 3,
		creditLineCents: 0,
	},
	{ outcome: 'declined', lastFour: '0004', lastName: 'Declined', feeCents: 4, creditLineCents: 0 },
	{
		outcome: 'pending',
		lastFour: '0005',
		lastName: 'Pending',
		feeCents: 5,
		creditLineCents: 500_000,
	},
	{
		outcome: 'callForAuth',
		lastFour: '0006',
		lastName: 'CallForAuth',
		feeCents: 6,
		creditLineCents: 0,
	},
	{ outcome: 'expired', lastFour: '0007', lastName: 'Expired', feeCents: 7, creditLineCents: 0 },
	{ outcome: 'error', lastFour: '0008', lastName: 'CreatedError', feeCents: 8, creditLineCents: 0 },
];

/** The seeded cardholder the `cardholder` row finds (also reachable by lookup). */
export const TEST_CARDHOLDER_ACCOUNT = '6019000000000003';

export function testApplicantFor(applicant: Applicant): TestApplicant | null {
	const byTaxId = TEST_APPLICANTS.find((t) => t.lastFour === applicant.taxIdLast4);
	if (byTaxId) return byTaxId;
	const byName = TEST_APPLICANTS.find(
		(t) => t.lastName.toLowerCase() === applicant.lastName.trim().toLowerCase(),
	);
	if (byName) return byName;
	if (applicant.estimatedFeeCents === null) return null;
	const cents = applicant.estimatedFeeCents % 100;
	return TEST_APPLICANTS.find((t) => t.feeCents === cents) ?? null;
}
