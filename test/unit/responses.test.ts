import {
	buildWrites,
	careCreditTransactionFromResponse,
	dentrixAgreementFromResponse,
	dentrixLedgerEntryFromResponse,
	merchantNumberProblem,
	openDentalAdjustmentFromResponse,
	openDentalPaymentFromResponse,
	openDentalPayPlanFromResponse,
	validateForOpenDental,
	type Result,
} from '../../financing';
import { approvedDecision, crownAndImplant, NEAR_MIDNIGHT, policy } from './fixtures';

/** Answers mapped back into cents through the one wire converter, whatever number type each resource uses. */
function value<T>(result: Result<T>): T {
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return result.value;
}

describe('responses mapped back', () => {
	test('Open Dental: a plan (numbers), a payment ("339" as text), an adjustment (negative number)', () => {
		expect(
			value(
				openDentalPayPlanFromResponse({
					PayPlanNum: 1001,
					PatNum: 201,
					Guarantor: 200,
					APR: 0.0,
					PayAmt: 81.48,
					DownPayment: 0,
					principalAmount: 800,
					IsClosed: 'false',
					IsLocked: true,
					IsDynamic: 'true',
					Note: '02/28/2026 - Date of Agreement: ... [cc:APP-123456]',
				}),
			),
		).toMatchObject({
			payPlanNum: '1001',
			payAmtCents: 8_148,
			totalCents: 80_000,
			isClosed: false,
			isLocked: true,
			referenceToken: '[cc:APP-123456]',
		});
		expect(
			value(
				openDentalPaymentFromResponse({
					PayNum: 5,
					PatNum: '201',
					PayAmt: '339',
					CheckNum: 'TXN-1',
				}),
			),
		).toMatchObject({
			id: '5',
			amountCents: 33_900,
			reference: 'TXN-1',
		});
		expect(value(openDentalAdjustmentFromResponse({ AdjNum: 7, AdjAmt: -24.99 })).amountCents).toBe(
			-2_499,
		);
	});

	test('a malformed amount is a problem, never a guessed number', () => {
		const r = openDentalPaymentFromResponse({ PayNum: 5, PayAmt: '12.345' });
		expect(r.ok ? [] : r.problems.map((p) => `${p.field}:${p.code}`)).toEqual([
			'response.PayAmt:fractionOfCent',
		]);
		expect(openDentalPayPlanFromResponse([]).ok).toBe(false);
		expect(dentrixLedgerEntryFromResponse('x').ok).toBe(false);
	});

	test('Dentrix and CareCredit: dollars as numbers', () => {
		expect(
			value(
				dentrixAgreementFromResponse({
					id: 'pa_1',
					totalAgreedAmount: 1200,
					paymentAmount: 100,
					note: '[cc:APP-1]',
				}),
			),
		).toMatchObject({
			agreementId: 'pa_1',
			totalAgreedAmountCents: 120_000,
			paymentAmountCents: 10_000,
			referenceToken: '[cc:APP-1]',
		});
		expect(
			value(
				careCreditTransactionFromResponse({
					transactionID: 'T1',
					transactionAmount: 3450,
					merchantFee: 172.5,
					netAmount: 3277.5,
				}),
			),
		).toMatchObject({ amountCents: 345_000, merchantFeeCents: 17_250, netAmountCents: 327_750 });
	});

	test('a merchant number is exactly 16 digits, and its problem never quotes it', () => {
		expect(merchantNumberProblem('5348120100000002')).toBeNull();
		expect(merchantNumberProblem('952-48-3690')).toBe('it must be exactly 16 digits');
		expect(merchantNumberProblem('')).toBe('it is empty');
	});
});

describe('Validate with the facts gives the plan writer’s verdict', () => {
	const w = () =>
		value(buildWrites(crownAndImplant(), approvedDecision(), policy(), NEAR_MIDNIGHT));
	const facts = {
		accountGuarantorId: '100',
		planProcedures: [
			{ procNum: '5001', patNum: '101', productionCents: 150_000 },
			{ procNum: '5002', patNum: '101', productionCents: 330_000 },
		],
		familyPatNums: ['100', '101'],
	};
	const codes = (r: Result<unknown>) => (r.ok ? [] : r.problems.map((p) => `${p.field}:${p.code}`));

	test('with the facts nothing is left to the writer but the transaction id', () => {
		const r = value(validateForOpenDental(w(), { today: '2026-02-28' }, {}, facts));
		expect(r.checkedByWriter).toEqual([
			"openDental.payment.transactionId: the CareCredit purchase's transaction id (checked by the writer)",
		]);
		expect(
			value(
				validateForOpenDental(w(), { today: '2026-02-28' }, {}, facts, { transactionId: 'T-1' }),
			).checkedByWriter,
		).toEqual([]);
	});

	test('a guarantor from another family, or a procedure of another family, is refused before any write', () => {
		expect(
			codes(
				validateForOpenDental(
					w(),
					{ today: '2026-02-28' },
					{},
					{ ...facts, accountGuarantorId: '300' },
				),
			),
		).toEqual(['openDental.payPlan.guarantor:guarantorMismatch']);
		const other = {
			...facts,
			planProcedures: [
				{ procNum: '5001', patNum: '999', productionCents: 150_000 },
				facts.planProcedures[1]!,
			],
		};
		expect(codes(validateForOpenDental(w(), { today: '2026-02-28' }, {}, other))).toEqual([
			'openDental.payPlan.procNums.0.procNum:procedureOutsideFamily',
		]);
	});
});
