import {
	buildWrites,
	checkOpenDentalPayPlan,
	simulateOpenDentalNote,
	toOpenDentalChargeFrequency,
	validateForDentrix,
	validateForOpenDental,
	type FinancingWrites,
	type Result,
} from '../../financing';
import { approvedDecision, crownAndImplant, NEAR_MIDNIGHT, policy, policyWith } from './fixtures';

/** Payment Arrangement: Validate's verdict, built on the writers' own checks. */
function value<T>(result: Result<T>): T {
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return result.value;
}

const TODAY = { today: '2026-02-28' };
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

describe('Dentrix (docs/financing-domain.md §3, docs/dentrix-api.md)', () => {
	test('valid writes become the request bodies, amounts in dollars', () => {
		const d = value(validateForDentrix(withShortfall(), TODAY));
		expect(d.guarantorId).toBe('100');
		expect(d.paymentAgreement).toMatchObject({
			method: 'POST',
			path: '/accounts/100/payment-agreements',
			body: {
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
			},
		});
		expect(d.ledgerNote).toMatchObject({
			path: '/accounts/100/ledger-notes',
			body: { patientId: '101', date: '2026-02-28', kind: 'guarantorNote' },
		});
		expect(d.careCreditPayment).toMatchObject({
			path: '/accounts/100/payments',
			body: { paymentType: 'CareCredit Payment', amount: 4000, date: '2026-02-28' },
		});
		expect(d.merchantFeeAdjustment).toBeNull();
		// Without the facts, the rules that need them are left to the writer, and said so.
		expect(d.checkedByWriter.join(' ')).toContain(
			"guarantorId: is the patient's account guarantor",
		);
		expect(value(validateForDentrix(financedInFull(), TODAY)).paymentAgreement?.body).toMatchObject(
			{
				billingType: 'Third-Party Financing - No Statements',
				totalAgreedAmount: 4800,
				paymentAmount: 200,
			},
		);
	});

	test('with the facts, the verdict is the writer’s: a guarantor from another account is refused', () => {
		const facts = { accountGuarantorId: '100', activeAgreementId: null };
		expect(value(validateForDentrix(withShortfall(), TODAY, facts)).checkedByWriter).toEqual([
			"careCreditPayment.transactionId: the CareCredit purchase's transaction id (checked by the writer)",
		]);
		const other = validateForDentrix(withShortfall(), TODAY, {
			...facts,
			accountGuarantorId: '900',
		});
		expect(problemsOf(other)).toEqual(
			expect.arrayContaining([
				['dentrixPaymentAgreement.guarantorId', 'guarantorMismatch'],
				['ledgerNote.guarantorId', 'guarantorMismatch'],
				['careCreditPayment.guarantorId', 'guarantorMismatch'],
			]),
		);
		expect(
			problemsOf(
				validateForDentrix(withShortfall(), TODAY, { ...facts, activeAgreementId: 'pa_1' }),
			),
		).toEqual([['dentrixPaymentAgreement.guarantorId', 'activeAgreementExists']]);
	});

	test('every problem at once: grace period, statement note, first payment, token, interval', () => {
		const w = withShortfall();
		const a = w.dentrixPaymentAgreement!;
		const edited = {
			...w,
			dentrixPaymentAgreement: {
				...a,
				gracePeriodDays: 31,
				statementNote: 'x'.repeat(83),
				firstPaymentDue: '2026-02-27',
				note: 'edited by hand',
				interval: 'fortnightly',
			},
		};
		expect(problemsOf(validateForDentrix(edited, TODAY))).toEqual(
			expect.arrayContaining([
				['dentrixPaymentAgreement.gracePeriodDays', 'tooBig'],
				['dentrixPaymentAgreement.statementNote', 'tooBig'],
				['dentrixPaymentAgreement.interval', 'invalidEnumValue'],
				['dentrixPaymentAgreement.firstPaymentDue', 'dateOutOfWindow'],
				['dentrixPaymentAgreement.note', 'referenceTokenMissing'],
			]),
		);
	});

	test('terms equal the schedule they build; a payment that cannot cover the total is inconsistent', () => {
		const w = withShortfall();
		const a = w.dentrixPaymentAgreement!;
		const with20000 = { ...w, dentrixPaymentAgreement: { ...a, paymentAmountCents: 20_000 } };
		expect(problemsOf(validateForDentrix(with20000, TODAY))).toEqual([
			['dentrixPaymentAgreement.schedule', 'scheduleMismatch'],
		]);
		// $140 a month pays $800 off in 6 payments too (the last $100): the same schedule, accepted.
		const with14000 = { ...w, dentrixPaymentAgreement: { ...a, paymentAmountCents: 14_000 } };
		expect(validateForDentrix(with14000, TODAY).ok).toBe(true);
		const with10000 = { ...w, dentrixPaymentAgreement: { ...a, paymentAmountCents: 10_000 } };
		expect(problemsOf(validateForDentrix(with10000, TODAY))).toEqual([
			['dentrixPaymentAgreement.paymentAmountCents', 'inconsistent'],
		]);
	});

	test('a financing record must have no finance or late charges and no statements', () => {
		const w = financedInFull();
		const a = {
			...w.dentrixPaymentAgreement!,
			annualFinanceChargeBasisPoints: 1_800,
			sendStatements: true,
		};
		expect(problemsOf(validateForDentrix({ ...w, dentrixPaymentAgreement: a }, TODAY))).toEqual([
			['dentrixPaymentAgreement.annualFinanceChargeBasisPoints', 'chargesOnFinancedCase'],
			['dentrixPaymentAgreement.sendStatements', 'statementsOnFinancedCase'],
		]);
	});

	test('a malformed field does not hide the cross-field rules', () => {
		const w = financedInFull();
		const a = {
			...w.dentrixPaymentAgreement!,
			agreementDate: '2026-02-30',
			annualLateChargeBasisPoints: 500,
		};
		expect(problemsOf(validateForDentrix({ ...w, dentrixPaymentAgreement: a }, TODAY))).toEqual([
			['dentrixPaymentAgreement.agreementDate', expect.any(String)],
			['dentrixPaymentAgreement.annualFinanceChargeBasisPoints', 'chargesOnFinancedCase'],
		]);
	});

	test('one payment agreement per account: with a shortfall, the in-house plan is the agreement', () => {
		const w = withShortfall();
		const wrong = { ...w, dentrixPaymentAgreement: financedInFull().dentrixPaymentAgreement };
		expect(problemsOf(validateForDentrix(wrong, TODAY))).toEqual([
			['dentrixPaymentAgreement.role', 'oneAgreementPerAccount'],
		]);
	});

	test('the audit note must carry the token and never a tax id or a date of birth', () => {
		const w = withShortfall();
		expect(
			problemsOf(validateForDentrix({ ...w, auditNote: 'SSN 123-45-6789 approved' }, TODAY)),
		).toEqual(
			expect.arrayContaining([
				['auditNote', 'referenceTokenMissing'],
				['auditNote', 'taxIdInText'],
			]),
		);
		const dob = { ...w, auditNote: `${w.auditNote} born 9/14/1969` };
		expect(problemsOf(validateForDentrix(dob, TODAY))).toEqual(
			expect.arrayContaining([['auditNote', 'dateOfBirthInText']]),
		);
	});

	test('bad data never throws', () => {
		for (const input of [null, undefined, 'writes', 42, [], {}, { referenceToken: '[cc:A]' }]) {
			expect(validateForDentrix(input, TODAY).ok).toBe(false);
		}
		expect(validateForDentrix(withShortfall(), { today: 'soon' } as never)).toMatchObject({
			ok: false,
			problems: [{ field: 'context.today' }],
		});
		expect(
			validateForDentrix({ ...withShortfall(), decision: { status: 'declined' } }, TODAY),
		).toMatchObject({
			ok: false,
			problems: [{ field: 'writes.decision.status' }],
		});
	});
});

describe('Open Dental (docs/financing-domain.md §4, apipayplans.html)', () => {
	test('the dynamic payment plan, its links, the commlog and the payment', () => {
		const od = value(validateForOpenDental(withShortfall(), TODAY, { careCreditPayType: 391 }));
		expect(od.payPlan!.create).toEqual({
			method: 'POST',
			path: '/payplans/Dynamic',
			body: {
				PatNum: 101,
				Guarantor: 100,
				PayPlanDate: '2026-02-28',
				APR: 0,
				DownPayment: 0,
				Note: withShortfall().shortfallPlan!.note,
				PlanCategory: 0,
				ChargeFrequency: 'Monthly',
				DatePayPlanStart: '2026-03-30',
				IsLocked: 'false',
				procNums: [5001],
				PayAmt: 133.34,
				DynamicPayPlanTPOption: 'AwaitComplete',
			},
		});
		// The fewest procedures that cover the $800.00 shortfall (the crown), limited by one override.
		expect(od.payPlan!.links).toEqual([{ ProcNum: 5001, AmountOverride: 800 }]);
		expect(od.commlog.body).toMatchObject({
			PatNum: 101,
			CommDateTime: '2026-02-28 23:30:00',
			commType: 'Financial',
			Mode_: 'None',
			SentOrReceived: 'Neither',
		});
		expect(od.commlog.body!.Note).toContain('[cc:APP-123456]');
		expect(od.payment!.body).toEqual({
			PatNum: 101,
			PayAmt: 4000,
			PayDate: '2026-02-28',
			PayType: 391,
			PayNote: 'CareCredit DI24 purchase $4,000.00 (gross) [cc:APP-123456]',
			CheckNum: 'TRANSACTION-ID',
		});
	});

	test('Open Dental payment plans always bill, so a fully financed case writes no plan there', () => {
		expect(value(validateForOpenDental(financedInFull(), TODAY)).payPlan).toBeNull();
	});

	test('PayAmt, never NumberOfPayments (Open Dental works that out on the attached production)', () => {
		const body = value(validateForOpenDental(withShortfall(), TODAY)).payPlan!.create.body!;
		expect(body.PayAmt).toBeGreaterThan(0);
		expect('NumberOfPayments' in body).toBe(false);
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
		expect(problemsOf(validateForOpenDental(w, TODAY))).toEqual([
			['shortfallPlan.interval', 'noOpenDentalFrequency'],
		]);
		expect(validateForDentrix(w, TODAY).ok).toBe(true);
	});

	test('ids that are not Open Dental numbers, and procedures not on the plan', () => {
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
		expect(problemsOf(validateForOpenDental(w, TODAY))).toEqual([
			['openDental.payPlan.patNum', 'notAnOpenDentalId'],
			['openDental.commlog.patNum', 'notAnOpenDentalId'],
			['openDental.payment.patNum', 'notAnOpenDentalId'],
		]);
		const notOnPlan = withShortfall();
		notOnPlan.shortfallPlan!.procedureIds = ['5001', '50021'];
		expect(problemsOf(validateForOpenDental(notOnPlan, TODAY))).toEqual(
			expect.arrayContaining([['shortfallPlan.procedureIds.1', 'procedureNotOnPlan']]),
		);
		const notAList = withShortfall() as unknown as { shortfallPlan: { procedureIds: unknown } };
		notAList.shortfallPlan.procedureIds = '5001';
		expect(problemsOf(validateForOpenDental(notAList, TODAY))).toEqual(
			expect.arrayContaining([['shortfallPlan.procedureIds', 'invalidList']]),
		);
	});

	test('an in-house APR: sent locked, as a percentage, when the plan needs no override; else review', () => {
		const withApr = (approvedAmountCents: number) =>
			value(
				buildWrites(
					crownAndImplant(),
					approvedDecision({ approvedAmountCents, creditLineCents: approvedAmountCents }),
					policyWith('shortfallPlan', { aprBasisPoints: 990 }),
					NEAR_MIDNIGHT,
				),
			);
		// A $1,500.00 shortfall is the crown's whole production: no override.
		expect(
			value(validateForOpenDental(withApr(330_000), TODAY)).payPlan!.create.body,
		).toMatchObject({
			APR: 9.9,
			IsLocked: 'true',
			procNums: [5001],
		});
		// $800.00 needs an override, which a locked plan cannot take.
		expect(problemsOf(validateForOpenDental(withApr(400_000), TODAY))).toEqual([
			['shortfallPlan.aprBasisPoints', 'aprPlanCannotBeLimited'],
		]);
	});

	test('the token must survive the Note transformation', () => {
		const good = value(validateForOpenDental(withShortfall(), TODAY)).payPlan!.create.body!;
		const stored = simulateOpenDentalNote(good.Note, good.PayPlanDate, 800, 0);
		expect(
			stored.startsWith(
				'02/28/2026 - Date of Agreement: 02/28/2026, Total Amount: 800.00, APR: 0, Total Cost of Loan: 800.00, In-house',
			),
		).toBe(true);
	});

	test('interval to ChargeFrequency', () => {
		expect(toOpenDentalChargeFrequency('monthly')).toBe('Monthly');
		expect(toOpenDentalChargeFrequency('biWeekly')).toBe('EveryOtherWeek');
		expect(toOpenDentalChargeFrequency('weekly')).toBe('Weekly');
		expect(toOpenDentalChargeFrequency('semiMonthly')).toBeNull();
	});

	test('bad data never throws', () => {
		for (const input of [null, 'x', {}, [], { ...withShortfall(), timeZone: 'Nowhere/Else' }]) {
			expect(validateForOpenDental(input, TODAY).ok).toBe(false);
		}
		expect(checkOpenDentalPayPlan(undefined, TODAY).ok).toBe(false);
	});
});
