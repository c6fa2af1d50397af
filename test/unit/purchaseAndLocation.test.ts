import {
	buildWrites,
	locationFor,
	mergePolicy,
	purchaseFromTransactions,
	type Result,
} from '../../financing';
import { approvedDecision, crownAndImplant, NEAR_MIDNIGHT, policy, policyWith } from './fixtures';

function value<T>(result: Result<T>): T {
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return result.value;
}

const tx = (over: Record<string, unknown> = {}) => ({
	transactionID: 'T-1',
	transactionType: 'PURCHASE',
	transactionStatus: 'APPROVED',
	transactionAmount: 4800,
	promoCode: 'DI12',
	...over,
});

describe('the purchase the decision carries', () => {
	test('the purchase CareCredit reports, amounts in cents', () => {
		expect(purchaseFromTransactions([tx()])).toEqual({
			transactionId: 'T-1',
			amountCents: 480_000,
			promotionCode: 'DI12',
		});
	});

	test('none yet, refunds, failed or unreadable ones: null', () => {
		for (const list of [
			undefined,
			null,
			'x',
			[],
			[tx({ transactionType: 'REFUND' })],
			[tx({ transactionStatus: 'DECLINED' })],
			[tx({ transactionID: '' })],
			[tx({ transactionAmount: 'lots' })],
			[tx({ transactionAmount: 0 })],
			['not an object'],
		])
			expect(purchaseFromTransactions(list)).toBeNull();
	});

	test('type matched ignoring case; a refund after the purchase leaves the purchase; no promo is null', () => {
		expect(
			purchaseFromTransactions([
				tx({ transactionType: 'purchase', promoCode: '' }),
				tx({ transactionID: 'R-1', transactionType: 'REFUND', transactionAmount: 100 }),
			]),
		).toEqual({ transactionId: 'T-1', amountCents: 480_000, promotionCode: null });
	});
});

describe('Build decides the CareCredit payment from the purchase', () => {
	const build = (decision = approvedDecision(), p = policy()) =>
		buildWrites(crownAndImplant(), decision, p, NEAR_MIDNIGHT);

	test('done: posted, keyed by its transaction id', () => {
		expect(value(build()).careCreditPayment?.transactionId).toBe('TX-778899');
	});

	test('not done yet: no payment, the message says none was posted', () => {
		const w = value(build(approvedDecision({ purchase: null })));
		expect(w.careCreditPayment).toBeNull();
		expect(w.auditNote).toContain('No CareCredit payment posted by automation');
	});

	test('the policy says never: no payment even when done', () => {
		const p = policyWith('careCreditPayment', { post: 'never' });
		expect(value(build(approvedDecision(), p)).careCreditPayment).toBeNull();
	});
});

describe('the location of a case', () => {
	const locations = [
		{ name: 'Downtown', merchantNumber: '1111222233334444', pmsLocationId: 'loc_a' },
		{ name: 'Lakeside', merchantNumber: '5555666677778888', pmsLocationId: 7 },
	];
	const pms = { patientId: '1', guarantorId: '1', treatmentPlanId: null, locationId: null };

	test('by location id first, then merchant number', () => {
		expect(value(locationFor(locations, { pms: { ...pms, locationId: '7' } }))?.name).toBe(
			'Lakeside',
		);
		expect(value(locationFor(locations, { pms, merchantNumber: '1111222233334444' }))?.name).toBe(
			'Downtown',
		);
	});

	test('no list: no location; one entry without ids: the whole practice', () => {
		expect(value(locationFor([], { pms }))).toBeNull();
		expect(value(locationFor(undefined, { pms }))).toBeNull();
		expect(value(locationFor([{ name: 'Main' }], { pms: { ...pms, locationId: 'x' } }))?.name).toBe(
			'Main',
		);
	});

	test('no match, or a list that is not one: a problem, never a guess', () => {
		const r = locationFor(locations, { pms: { ...pms, locationId: 'loc_z' } });
		expect(r.ok ? [] : r.problems.map((p) => p.code)).toEqual(['noMatchingLocation']);
		expect(locationFor('nope', { pms }).ok).toBe(false);
	});

	test('the override is laid over the group policy section by section', () => {
		expect(
			mergePolicy(
				{ timeZone: 'A', shortfallPlan: { billingType: 'X', term: { rule: 'n', n: 6 } } },
				{ shortfallPlan: { term: { n: 4 } }, notes: { a: 1 } },
			),
		).toEqual({
			timeZone: 'A',
			shortfallPlan: { billingType: 'X', term: { rule: 'n', n: 4 } },
			notes: { a: 1 },
		});
	});
});
