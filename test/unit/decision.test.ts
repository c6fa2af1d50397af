import {
	CARECREDIT_WEB_STATUSES,
	findReferenceToken,
	findReferenceTokens,
	hasReferenceToken,
	mapCareCreditStatus,
	parseDecision,
	referenceToken,
	type DecisionStatus,
} from '../../financing';
import { approvedDecision } from './fixtures';

// docs/financing-domain.md §7 for the listed ones; the ambiguous rows follow the reasoning in decision.ts.
const EXPECTED: Record<string, DecisionStatus> = {
	Created: 'pending',
	CreatedError: 'error',
	Pending: 'pending',
	PendingError: 'pending',
	Expired: 'expired',
	Completed: 'approved',
	Cancelled: 'cancelled',
	PreApproved: 'pending',
	Declined: 'declined',
	CallForAuth: 'callForAuth',
	DupQS: 'error',
	AccountFound: 'approved',
	AccountNotFoundQS: 'declined',
	Unknown: 'error',
	BatchError: 'error',
	UnknownError: 'error',
	ErrorAcknowledged: 'error',
	ExpiredBatch: 'expired',
};

describe('mapCareCreditStatus', () => {
	test('the list is every CareCreditWebStatus of docs/financing-domain.md §2 item 4, and the table covers it', () => {
		expect(CARECREDIT_WEB_STATUSES).toHaveLength(18);
		expect([...CARECREDIT_WEB_STATUSES].sort()).toEqual(Object.keys(EXPECTED).sort());
	});

	test.each(CARECREDIT_WEB_STATUSES.map((s) => [s, EXPECTED[s]!]))('%s → %s', (raw, status) => {
		expect(mapCareCreditStatus(raw)).toBe(status);
	});

	test.each<[unknown]>([['Approved'], ['Foo'], [''], [undefined], [null], [42]])(
		'unknown %p → error',
		(raw) => {
			expect(mapCareCreditStatus(raw)).toBe('error');
		},
	);

	test('case and surrounding spaces do not matter', () => {
		expect(mapCareCreditStatus(' completed ')).toBe('approved');
		expect(mapCareCreditStatus('CALLFORAUTH')).toBe('callForAuth');
	});

	test('a pending session is pending only before its 30 minutes run out (docs/financing-domain.md §2)', () => {
		const sessionStartedAt = '2026-03-01T14:00:00Z';
		expect(
			mapCareCreditStatus('PendingError', {
				sessionStartedAt,
				now: new Date('2026-03-01T14:10:00Z'),
			}),
		).toBe('pending');
		expect(
			mapCareCreditStatus('PendingError', {
				sessionStartedAt,
				now: new Date('2026-03-01T14:31:00Z'),
			}),
		).toBe('expired');
		expect(
			mapCareCreditStatus('Created', { sessionStartedAt, now: new Date('2026-03-01T14:31:00Z') }),
		).toBe('expired');
		// A QuickScreen pre-approval is not a portal session.
		expect(
			mapCareCreditStatus('PreApproved', {
				sessionStartedAt,
				now: new Date('2026-03-05T00:00:00Z'),
			}),
		).toBe('pending');
	});
});

describe('reference token', () => {
	test('from the application id, or the reference id for an existing cardholder', () => {
		expect(referenceToken(approvedDecision())).toEqual({ ok: true, value: '[cc:APP-123456]' });
		expect(
			referenceToken(
				approvedDecision({
					accountKind: 'existingCardholder',
					applicationId: null,
					referenceId: 'REF-77.1',
				}),
			),
		).toEqual({ ok: true, value: '[cc:REF-77.1]' });
	});

	test('a missing or unsafe id is a problem', () => {
		expect(referenceToken(approvedDecision({ applicationId: null }))).toMatchObject({
			ok: false,
			problems: [{ field: 'decision.applicationId', code: 'required' }],
		});
		expect(referenceToken(approvedDecision({ applicationId: 'APP 1]' }))).toMatchObject({
			ok: false,
			problems: [{ code: 'invalidId' }],
		});
	});

	test('survives Open Dental prepending its terms and turning line breaks into spaces', () => {
		const ours =
			'In-house balance after CareCredit $800.00\r\n6 x $133.34 monthly\n[cc:APP-123456]';
		const stored =
			`03/01/2026 - Date of Agreement: 03/01/2026, Total Amount: 800.00, APR: 0, Total Cost of Loan: 800.00, ${ours}`.replace(
				/\r\n|\n/g,
				' ',
			);
		expect(findReferenceToken(stored)).toEqual({ token: '[cc:APP-123456]', id: 'APP-123456' });
		expect(hasReferenceToken(stored, '[cc:APP-123456]')).toBe(true);
		expect(hasReferenceToken(stored, '[cc:APP-999999]')).toBe(false);
	});

	test('tolerates spacing and case, finds several, ignores non-text', () => {
		expect(findReferenceToken('note [ CC : APP-1 ] end')).toEqual({
			token: '[cc:APP-1]',
			id: 'APP-1',
		});
		expect(findReferenceTokens('[cc:A-1] and [cc:B-2]').map((t) => t.id)).toEqual(['A-1', 'B-2']);
		expect(findReferenceToken('no token [cc:] here')).toBeNull();
		expect(findReferenceToken(undefined)).toBeNull();
	});
});

describe('parseDecision', () => {
	test('accepts the shape of docs/financing-domain.md §7 and fills nullable defaults', () => {
		const result = parseDecision({
			...approvedDecision(),
			sessionId: undefined,
			pms: { patientId: 101, guarantorId: '100' },
		});
		expect(result).toMatchObject({
			ok: true,
			value: {
				sessionId: null,
				pms: { patientId: '101', guarantorId: '100', treatmentPlanId: null, locationId: null },
			},
		});
	});

	test('returns every problem and never throws', () => {
		const result = parseDecision({
			...approvedDecision(),
			status: 'yes',
			approvedAmountCents: 12.5,
			decidedAt: 'yesterday',
			accountKind: 'someone',
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.problems.map((p) => p.field).sort()).toEqual([
			'decision.accountKind',
			'decision.approvedAmountCents',
			'decision.decidedAt',
			'decision.status',
		]);
		expect(result.problems.find((p) => p.field === 'decision.approvedAmountCents')!.message).toBe(
			'decision.approvedAmountCents: must be a whole number of cents',
		);
		for (const input of [null, undefined, 'x', 42, []]) expect(parseDecision(input).ok).toBe(false);
	});

	test('an approval needs its amount; a cardholder needs a reference id', () => {
		expect(parseDecision(approvedDecision({ approvedAmountCents: null }))).toMatchObject({
			ok: false,
			problems: [{ field: 'decision.approvedAmountCents', code: 'required' }],
		});
		expect(
			parseDecision(approvedDecision({ accountKind: 'existingCardholder', applicationId: null })),
		).toMatchObject({ ok: false, problems: [{ field: 'decision.referenceId', code: 'required' }] });
		expect(
			parseDecision(
				approvedDecision({ status: 'declined', rawStatus: 'Declined', approvedAmountCents: null }),
			).ok,
		).toBe(true);
	});
});
