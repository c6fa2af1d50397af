import {
	buildWrites,
	simulateOpenDentalNote,
	toOpenDentalChargeFrequency,
	validateDentrixPaymentAgreement,
	validateForDentrix,
	validateForOpenDental,
	validateOpenDentalPayPlan,
	type FinancingWrites,
	type OpenDentalDynamicPayPlanBody,
	type Result,
} from '../../financing';
import { approvedDecision, crownAndImplant, NEAR_MIDNIGHT, policy, policyWith } from './fixtures';

function value<T>(result: Result<T>): T {
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return result.value;
}

const withShortfall = (): FinancingWrites =>
	value(buildWrites(crownAndImplant(), approvedDecision(), policy(), NEAR_MIDNIGHT));
const financedInFull = (): FinancingWrites =>
	value(
		buildWrites(
			crownAndImplant(),
			approvedDecision({ approvedAmountCents: 600_000 }),
			policy(),
			NEAR_MIDNIGHT,
		),
	);

function problemsOf(result: Result<unknown>): Array<[string, string]> {
	return result.ok ? [] : result.problems.map((p) => [p.field, p.code]);
}

describe('Dentrix (domain.md §3, docs/dentrix-api.md)', () => {
	test('valid writes become the request bodies, amounts in dollars', () => {
		const d = value(validateForDentrix(withShortfall()));
		expect(d.guarantorId).toBe('100');
		expect(d.paymentAgreement).toMatchObject({
			billingType: 'Payment Agreement',
			agreementDate: '2026-02-28',
			interval: 'monthly',
			annualFinanceChargePercent: 0,
			gracePeriodDays: 10,
			totalAgreedAmount: 800,
			downPayment: 0,
			firstPaymentDue: '2026-03-30',
			paymentAmount: 133.34,
			numberOfPayments: 6,
		});
		expect(d.ledgerNote).toMatchObject({
			patientId: '101',
			date: '2026-02-28',
			kind: 'guarantorNote',
		});
		expect(d.careCreditPayment).toMatchObject({
			paymentType: 'CareCredit Payment',
			amount: 4000,
			date: '2026-02-28',
		});
		expect(d.merchantFeeAdjustment).toBeNull();
		expect(value(validateForDentrix(financedInFull())).paymentAgreement).toMatchObject({
			billingType: 'Third-Party Financing - No Statements',
			totalAgreedAmount: 4800,
			paymentAmount: 200,
		});
	});

	test('every problem at once: grace period, statement note, first payment, token, schedule', () => {
		const w = withShortfall();
		const a = w.dentrixPaymentAgreement!;
		const edited: FinancingWrites = {
			...w,
			dentrixPaymentAgreement: {
				...a,
				gracePeriodDays: 31,
				statementNote: 'x'.repeat(83),
				firstPaymentDue: '2026-02-27',
				paymentAmountCents: 14_000,
				note: 'edited by hand',
				interval: 'fortnightly' as never,
			},
		};
		const result = validateForDentrix(edited);
		expect(problemsOf(result)).toEqual(
			expect.arrayContaining([
				['dentrixPaymentAgreement.gracePeriodDays', 'tooBig'],
				['dentrixPaymentAgreement.statementNote', 'tooBig'],
				['dentrixPaymentAgreement.interval', 'invalidEnumValue'],
				['dentrixPaymentAgreement.note', 'referenceTokenMissing'],
			]),
		);
		if (!result.ok) {
			expect(
				result.problems.find((p) => p.field === 'dentrixPaymentAgreement.gracePeriodDays')!.message,
			).toBe('dentrixPaymentAgreement.gracePeriodDays: must be 0 to 30 days (Dentrix)');
			expect(
				result.problems.find((p) => p.field === 'dentrixPaymentAgreement.statementNote')!.message,
			).toBe('dentrixPaymentAgreement.statementNote: holds at most 82 characters in Dentrix');
		}
		// Cross-field rules run once the fields themselves are valid.
		const crossField = validateDentrixPaymentAgreement({
			...a,
			firstPaymentDue: '2026-02-27',
			paymentAmountCents: 14_000,
		});
		expect(crossField.map((p) => p.code).sort()).toEqual([
			'firstPaymentBeforeAgreement',
			'scheduleMismatch',
		]);
		expect(crossField.find((p) => p.code === 'scheduleMismatch')!.message).toContain(
			'not every payment but the last is $140.00',
		);
	});

	test('a payment amount that cannot cover the total is inconsistent', () => {
		const a = withShortfall().dentrixPaymentAgreement!;
		expect(
			validateDentrixPaymentAgreement({ ...a, paymentAmountCents: 10_000 }).map((p) => p.code),
		).toEqual(['inconsistent', 'scheduleMismatch']);
	});

	test('a financing record must have no finance or late charges and no statements', () => {
		const w = financedInFull();
		const a = {
			...w.dentrixPaymentAgreement!,
			annualFinanceChargeBasisPoints: 1_800,
			sendStatements: true,
		};
		expect(problemsOf(validateForDentrix({ ...w, dentrixPaymentAgreement: a }))).toEqual([
			['dentrixPaymentAgreement.annualFinanceChargeBasisPoints', 'chargesOnFinancedCase'],
			['dentrixPaymentAgreement.sendStatements', 'statementsOnFinancedCase'],
		]);
	});

	test('a malformed field does not hide the cross-field rules: every problem at once', () => {
		const w = financedInFull();
		const a = {
			...w.dentrixPaymentAgreement!,
			agreementDate: '2026-02-30',
			annualLateChargeBasisPoints: 500,
		};
		expect(problemsOf(validateForDentrix({ ...w, dentrixPaymentAgreement: a }))).toEqual([
			['dentrixPaymentAgreement.agreementDate', expect.any(String)],
			['dentrixPaymentAgreement.annualFinanceChargeBasisPoints', 'chargesOnFinancedCase'],
		]);
	});

	test('one payment agreement per account: with a shortfall, the in-house plan is the agreement', () => {
		const w = withShortfall();
		const wrong = { ...w, dentrixPaymentAgreement: financedInFull().dentrixPaymentAgreement };
		expect(problemsOf(validateForDentrix(wrong))).toEqual([
			['dentrixPaymentAgreement.role', 'oneAgreementPerAccount'],
		]);
	});

	test('the audit note must carry the token and never a tax id', () => {
		const w = withShortfall();
		expect(problemsOf(validateForDentrix({ ...w, auditNote: 'SSN 123-45-6789 approved' }))).toEqual(
			[
				['auditNote', 'referenceTokenMissing'],
				['auditNote', 'patientDataInNote'],
			],
		);
	});

	test('bad data never throws', () => {
		for (const input of [null, undefined, 'writes', 42, {}, { referenceToken: '[cc:A]' }]) {
			const result = validateForDentrix(input);
			expect(result.ok).toBe(false);
		}
		expect(validateDentrixPaymentAgreement(null)).toHaveLength(1);
		expect(
			validateForDentrix({ ...withShortfall(), decision: { status: 'declined' } }),
		).toMatchObject({ ok: false, problems: [{ field: 'writes.decision.status' }] });
	});
});

describe('Open Dental (domain.md §4, opendental-api.md §2.1)', () => {
	test('the dynamic payment plan, commlog and payment bodies', () => {
		const od = value(validateForOpenDental(withShortfall(), { careCreditPayType: 391 }));
		expect(od.payPlan).toEqual({
			PatNum: 101,
			Guarantor: 100,
			PayPlanDate: '2026-02-28',
			APR: 0,
			DownPayment: 0,
			Note: withShortfall().shortfallPlan!.note,
			PlanCategory: 0,
			ChargeFrequency: 'Monthly',
			DatePayPlanStart: '2026-03-30',
			IsLocked: 'true',
			procNums: [5001, 5002],
			PayAmt: 133.34,
			DynamicPayPlanTPOption: 'AwaitComplete',
		});
		expect(od.commlog).toMatchObject({
			PatNum: 101,
			CommDateTime: '2026-02-28 23:30:00',
			commType: 'Financial',
			Mode_: 'None',
			SentOrReceived: 'Neither',
		});
		expect(od.commlog.Note).toContain('[cc:APP-123456]');
		expect(od.payment).toEqual({
			PatNum: 101,
			PayAmt: 4000,
			PayDate: '2026-02-28',
			PayType: 391,
			PayNote: 'CareCredit DI24 purchase $4,000.00 (gross) [cc:APP-123456]',
		});
	});

	test('Open Dental payment plans always bill, so a fully financed case writes no plan there', () => {
		expect(value(validateForOpenDental(financedInFull())).payPlan).toBeNull();
	});

	test('NumberOfPayments instead of PayAmt, never both', () => {
		const body = value(
			validateForOpenDental(withShortfall(), { sendTermAs: 'numberOfPayments' }),
		).payPlan!;
		expect(body.NumberOfPayments).toBe(6);
		expect('PayAmt' in body).toBe(false);
	});

	test('semi-monthly has no Open Dental frequency: a review problem, never a silent change', () => {
		const w = value(
			buildWrites(
				crownAndImplant(),
				approvedDecision(),
				policyWith('shortfallPlan', { interval: 'semiMonthly' }),
				NEAR_MIDNIGHT,
			),
		);
		expect(problemsOf(validateForOpenDental(w))).toEqual([
			['shortfallPlan.interval', 'noOpenDentalFrequency'],
		]);
		// The same writes are fine for Dentrix, which has semi-monthly.
		expect(validateForDentrix(w).ok).toBe(true);
	});

	test('ids that are not Open Dental numbers', () => {
		const w = value(
			buildWrites(
				crownAndImplant({ patientId: 'P-1' }),
				approvedDecision({
					pms: { patientId: 'P-1', guarantorId: '100', treatmentPlanId: '9', locationId: null },
				}),
				policy(),
				NEAR_MIDNIGHT,
			),
		);
		expect(problemsOf(validateForOpenDental(w))).toEqual([
			['treatmentPlan.patientId', 'notAnOpenDentalId'],
		]);
	});

	test('an APR needs IsLocked; PayAmt or NumberOfPayments; procedures; real dates', () => {
		const good = value(validateForOpenDental(withShortfall())).payPlan!;
		const bad: Record<string, unknown> = {
			...good,
			APR: 12,
			IsLocked: 'false',
			NumberOfPayments: 6,
			procNums: [],
			DatePayPlanStart: '2026-02-30',
		};
		expect(validateOpenDentalPayPlan(bad).map((p) => [p.field, p.code])).toEqual(
			expect.arrayContaining([
				['openDental.payPlan.procNums', 'tooSmall'],
				['openDental.payPlan.DatePayPlanStart', 'custom'],
			]),
		);
		const crossField: OpenDentalDynamicPayPlanBody = {
			...good,
			APR: 12,
			IsLocked: 'false',
			NumberOfPayments: 6,
			DatePayPlanStart: '2026-02-27',
		};
		expect(validateOpenDentalPayPlan(crossField).map((p) => p.code)).toEqual([
			'lockRequiredWithApr',
			'payAmtOrNumberOfPayments',
			'firstPaymentBeforeAgreement',
		]);
		const neither: Record<string, unknown> = { ...good };
		delete neither.PayAmt;
		expect(validateOpenDentalPayPlan(neither).map((p) => p.code)).toEqual([
			'payAmtOrNumberOfPayments',
		]);
		expect(
			validateOpenDentalPayPlan({ ...good, ChargeFrequency: 'SemiMonthly' })[0]!.message,
		).toContain('no twice-a-month frequency');
	});

	test('an in-house APR is sent locked, as a percentage', () => {
		const w = value(
			buildWrites(
				crownAndImplant(),
				approvedDecision(),
				policyWith('shortfallPlan', { aprBasisPoints: 1_200 }),
				NEAR_MIDNIGHT,
			),
		);
		expect(value(validateForOpenDental(w)).payPlan).toMatchObject({
			APR: 12,
			IsLocked: 'true',
			PayAmt: 138.04,
		});
	});

	test('the token must survive the Note transformation', () => {
		const good = value(validateForOpenDental(withShortfall())).payPlan!;
		const stored = simulateOpenDentalNote(good.Note, good.PayPlanDate, 800, 0);
		expect(
			stored.startsWith(
				'02/28/2026 - Date of Agreement: 02/28/2026, Total Amount: 800.00, APR: 0, Total Cost of Loan: 800.00, In-house',
			),
		).toBe(true);
		expect(
			validateOpenDentalPayPlan(
				{ ...good, Note: 'first line\r\n[cc:APP-123456]' },
				'[cc:APP-123456]',
			),
		).toEqual([]);
		expect(
			validateOpenDentalPayPlan({ ...good, Note: 'no token' }, '[cc:APP-123456]').map(
				(p) => p.code,
			),
		).toEqual(['referenceTokenMissing']);
	});

	test('interval to ChargeFrequency', () => {
		expect(toOpenDentalChargeFrequency('monthly')).toBe('Monthly');
		expect(toOpenDentalChargeFrequency('biWeekly')).toBe('EveryOtherWeek');
		expect(toOpenDentalChargeFrequency('weekly')).toBe('Weekly');
		expect(toOpenDentalChargeFrequency('semiMonthly')).toBeNull();
	});

	test('bad data never throws', () => {
		for (const input of [null, 'x', {}, { ...withShortfall(), timeZone: 'Nowhere/Else' }]) {
			expect(validateForOpenDental(input).ok).toBe(false);
		}
		expect(validateOpenDentalPayPlan(undefined).length).toBeGreaterThan(0);
	});
});
