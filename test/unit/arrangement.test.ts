import {
	buildWrites,
	firstPaymentDateFor,
	parsePracticePolicy,
	type PracticePolicy,
	type Result,
	type TreatmentPlanInput,
} from '../../financing';
import { approvedDecision, crownAndImplant, NEAR_MIDNIGHT, policy, policyWith } from './fixtures';

function value<T>(result: Result<T>): T {
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return result.value;
}

function codes(result: Result<unknown>): string[] {
	return result.ok ? [] : result.problems.map((p) => p.code);
}

describe('approved amount above the patient portion: no shortfall', () => {
	const writes = value(
		buildWrites(
			crownAndImplant(),
			approvedDecision({ approvedAmountCents: 600_000, creditLineCents: 600_000 }),
			policy(),
			NEAR_MIDNIGHT,
		),
	);

	test('amount financed is the patient portion (docs/financing-domain.md §7)', () => {
		expect(writes.amounts).toEqual({
			treatmentPlanTotalCents: 480_000,
			patientPortionCents: 480_000,
			approvedAmountCents: 600_000,
			amountFinancedCents: 480_000,
			shortfallCents: 0,
			downPaymentCents: 0,
			collectAtVisitCents: 0,
			inHouseAmountCents: 0,
		});
		expect(writes.shortfallPlan).toBeNull();
	});

	test('the financing record: policy-chosen plan, payoff payment, term, first due date, guarantor', () => {
		expect(writes.financingRecord).toMatchObject({
			guarantorId: '100',
			amountFinancedCents: 480_000,
			promotionalPlan: { code: 'DI24', kind: 'deferredInterest', months: 24, chosenBy: 'policy' },
			monthlyPaymentCents: 20_000,
			minimumPaymentCents: 20_000,
			termMonths: 24,
			firstDueDate: '2026-03-30',
		});
	});

	test('in Dentrix the financing record is the agreement: financing billing type, no charges, no statements', () => {
		const a = writes.dentrixPaymentAgreement!;
		expect(a).toMatchObject({
			role: 'financingRecord',
			billingType: 'Third-Party Financing - No Statements',
			agreementDate: '2026-02-28',
			annualFinanceChargeBasisPoints: 0,
			annualLateChargeBasisPoints: 0,
			minimumLateChargeCents: 0,
			sendStatements: false,
			totalAgreedAmountCents: 480_000,
			downPaymentCents: 0,
			paymentAmountCents: 20_000,
			numberOfPayments: 24,
			firstPaymentDue: '2026-03-30',
			statementNote: 'Financed by CareCredit',
		});
		expect(a.note).toContain('[cc:APP-123456]');
		expect(a.note).toContain('do not bill');
	});

	test('the CareCredit payment: gross, with the catalog fee recorded for reconciliation', () => {
		expect(writes.careCreditPayment).toEqual({
			transactionId: 'TX-778899',
			amountCents: 480_000,
			purchaseAmountCents: 480_000,
			merchantFeeCents: 64_800, // DI24 13.5% of $4,800
			merchantFeeSource: 'catalogEstimate',
			posting: 'gross',
			feeAdjustmentCents: null,
			paymentType: 'CareCredit Payment',
			feeAdjustmentType: 'CareCredit Merchant Fee',
			paymentDate: '2026-02-28',
			note: 'CareCredit DI24 purchase $4,800.00 (gross) [cc:APP-123456]',
		});
	});

	test('the audit note: practice-zone timestamp, ids, plan, amounts, token, automation; no tax id or birth date', () => {
		expect(
			writes.auditNote.startsWith(
				'2026-02-28 23:30 EST CareCredit approved: application APP-123456 for patient 101 (guarantor 100)',
			),
		).toBe(true);
		for (const part of [
			'DI24',
			'chosen by practice policy',
			'Approved $6,000.00',
			'patient portion $4,800.00',
			'financed by CareCredit $4,800.00',
			'est. $200.00/mo',
			'No in-house balance',
		]) {
			expect(writes.auditNote).toContain(part);
		}
		expect(writes.auditNote).toMatch(/written by automation/i);
		expect(writes.auditNote.endsWith('[cc:APP-123456]')).toBe(true);
		expect(writes.auditNote).not.toMatch(/\d{3}-?\d{2}-?\d{4}|\d{2}\/\d{2}\/\d{4}/);
	});

	test('the coordinator message', () => {
		expect(writes.coordinatorMessage).toBe(
			'CareCredit approved Ana Molina: $4,800.00 financed on DI24 (No interest if paid in full within 24 months), about $200.00/month to CareCredit. Nothing more to collect. Please book the appointment. CareCredit application APP-123456.',
		);
	});
});

describe('approved amount below the patient portion: the shortfall plan', () => {
	const writes = value(buildWrites(crownAndImplant(), approvedDecision(), policy(), NEAR_MIDNIGHT));

	test('$4,000 approved on $4,800: $800 in house, 6 × $133.34, last $133.30', () => {
		expect(writes.amounts).toMatchObject({
			amountFinancedCents: 400_000,
			shortfallCents: 80_000,
			inHouseAmountCents: 80_000,
			collectAtVisitCents: 0,
		});
		expect(writes.shortfallPlan).toMatchObject({
			guarantorId: '100',
			arrangementType: 'In-house payment plan',
			billingType: 'Payment Agreement',
			agreementDate: '2026-02-28',
			totalCents: 80_000,
			downPaymentCents: 0,
			amountFinancedCents: 80_000,
			interval: 'monthly',
			paymentAmountCents: 13_334,
			lastPaymentCents: 13_330,
			numberOfPayments: 6,
			firstPaymentDate: '2026-03-30',
			aprBasisPoints: 0,
			gracePeriodDays: 10,
			annualFinanceChargeBasisPoints: 0,
			annualLateChargeBasisPoints: 0,
			totalInterestCents: 0,
			totalOfPaymentsCents: 80_000,
			procedureIds: ['5001', '5002'],
		});
		expect(writes.shortfallPlan!.schedule.payments.map((p) => p.dueDate)).toEqual([
			'2026-03-30',
			'2026-04-30',
			'2026-05-30',
			'2026-06-30',
			'2026-07-30',
			'2026-08-30',
		]);
	});

	test('Dentrix: the shortfall plan is the one agreement, carrying the financing terms in its note', () => {
		const a = writes.dentrixPaymentAgreement!;
		expect(a.role).toBe('shortfallPlan');
		expect(a.sendStatements).toBe(true);
		expect(a.totalAgreedAmountCents).toBe(80_000);
		expect(a.note).toContain('CareCredit financed $4,000.00 on DI24');
		expect(a.note).toContain('[cc:APP-123456]');
		expect(a.statementNote).toBe(
			'Payment plan: 6 x $133.34 monthly from 2026-03-30 (last $133.30)',
		);
		expect(a.statementNote.length).toBeLessThanOrEqual(82);
		expect(writes.financingRecord!.amountFinancedCents).toBe(400_000);
	});

	test('the audit note and message describe both', () => {
		expect(writes.auditNote).toContain(
			'In-house balance after CareCredit $800.00: down payment $0.00, 6 x $133.34 monthly from 2026-03-30 (last $133.30), APR 0.00%',
		);
		expect(writes.coordinatorMessage).toContain('In-house: 6 x $133.34 monthly from 2026-03-30');
	});
});

describe('policy rules', () => {
	const decision = approvedDecision();
	const plan = crownAndImplant();

	test('a 20% down payment on the $800 shortfall', () => {
		const w = value(
			buildWrites(
				plan,
				decision,
				policyWith('shortfallPlan', {
					downPayment: { rule: 'percent', percentBasisPoints: 2_000 },
				}),
				NEAR_MIDNIGHT,
			),
		);
		expect(w.amounts).toMatchObject({
			downPaymentCents: 16_000,
			collectAtVisitCents: 16_000,
			inHouseAmountCents: 64_000,
		});
		// 64000 / 6 = 10666.67 → 10667; last = 64000 − 5 × 10667 = 10665.
		expect(w.shortfallPlan).toMatchObject({
			paymentAmountCents: 10_667,
			lastPaymentCents: 10_665,
			numberOfPayments: 6,
		});
		expect(w.dentrixPaymentAgreement).toMatchObject({
			totalAgreedAmountCents: 80_000,
			downPaymentCents: 16_000,
		});
		expect(w.coordinatorMessage).toContain('collect $160.00 down today');
	});

	test('a fixed down payment that covers the whole shortfall leaves no plan', () => {
		const w = value(
			buildWrites(
				plan,
				decision,
				policyWith('shortfallPlan', { downPayment: { rule: 'fixed', amountCents: 100_000 } }),
				NEAR_MIDNIGHT,
			),
		);
		expect(w.shortfallPlan).toBeNull();
		expect(w.amounts).toMatchObject({ downPaymentCents: 80_000, collectAtVisitCents: 80_000 });
		expect(w.dentrixPaymentAgreement!.role).toBe('financingRecord');
	});

	test('a small shortfall ($40, under the $50 default) is collected at the visit', () => {
		const w = value(
			buildWrites(
				plan,
				approvedDecision({ approvedAmountCents: 476_000 }),
				policy(),
				NEAR_MIDNIGHT,
			),
		);
		expect(w.shortfallPlan).toBeNull();
		expect(w.amounts).toMatchObject({ shortfallCents: 4_000, collectAtVisitCents: 4_000 });
		expect(w.coordinatorMessage).toContain('Collect $40.00 at the visit.');
		expect(w.auditNote).toContain('Shortfall $40.00 to collect at the visit');
	});

	test('no payment below the minimum: a $100 shortfall is 4 × $25, not 6 × $16.67', () => {
		const w = value(
			buildWrites(
				plan,
				approvedDecision({ approvedAmountCents: 470_000 }),
				policy(),
				NEAR_MIDNIGHT,
			),
		);
		expect(w.shortfallPlan).toMatchObject({
			numberOfPayments: 4,
			paymentAmountCents: 2_500,
			lastPaymentCents: 2_500,
		});
	});

	test('a target payment: $800 at $150 a month', () => {
		const w = value(
			buildWrites(
				plan,
				decision,
				policyWith('shortfallPlan', {
					term: { rule: 'paymentAmount', paymentAmountCents: 15_000, maxNumberOfPayments: 24 },
				}),
				NEAR_MIDNIGHT,
			),
		);
		expect(w.shortfallPlan).toMatchObject({
			numberOfPayments: 6,
			paymentAmountCents: 15_000,
			lastPaymentCents: 5_000,
		});
	});

	test('a day of the month: the 1st, at least 14 days after the agreement', () => {
		expect(
			firstPaymentDateFor('2026-02-28', {
				rule: 'dayOfMonth',
				day: 1,
				minimumDaysAfterAgreement: 14,
			}),
		).toBe('2026-04-01');
		expect(
			firstPaymentDateFor('2026-02-10', {
				rule: 'dayOfMonth',
				day: 28,
				minimumDaysAfterAgreement: 14,
			}),
		).toBe('2026-02-28');
		expect(
			firstPaymentDateFor('2026-02-15', {
				rule: 'dayOfMonth',
				day: 28,
				minimumDaysAfterAgreement: 14,
			}),
		).toBe('2026-03-28');
		expect(firstPaymentDateFor('2028-01-31', { rule: 'daysAfterAgreement', days: 29 })).toBe(
			'2028-02-29',
		);
		const w = value(
			buildWrites(
				plan,
				decision,
				policyWith('shortfallPlan', {
					firstPayment: { rule: 'dayOfMonth', day: 1, minimumDaysAfterAgreement: 14 },
				}),
				NEAR_MIDNIGHT,
			),
		);
		expect(w.shortfallPlan!.firstPaymentDate).toBe('2026-04-01');
	});

	test('an in-house APR of 12%: interest on the declining balance, written as the finance charge', () => {
		const w = value(
			buildWrites(
				plan,
				decision,
				policyWith('shortfallPlan', { aprBasisPoints: 1_200 }),
				NEAR_MIDNIGHT,
			),
		);
		const sp = w.shortfallPlan!;
		// P = 800 × 0.01 / (1 − 1.01^−6) = 138.0388 → $138.04.
		expect(sp.paymentAmountCents).toBe(13_804);
		expect(sp.schedule.payments[0]!.interestCents).toBe(800);
		expect(sp.totalOfPaymentsCents).toBe(80_000 + sp.totalInterestCents);
		expect(sp.annualFinanceChargeBasisPoints).toBe(1_200);
	});

	test('net posting and a gross posting with a fee adjustment; an actual fee overrides the catalog', () => {
		const net = value(
			buildWrites(
				plan,
				decision,
				policyWith('careCreditPayment', { posting: 'net' }),
				NEAR_MIDNIGHT,
				{ actualMerchantFeeCents: 54_000 },
			),
		);
		expect(net.careCreditPayment).toMatchObject({
			amountCents: 346_000,
			merchantFeeCents: 54_000,
			merchantFeeSource: 'transaction',
			feeAdjustmentCents: null,
		});
		const gross = value(
			buildWrites(
				plan,
				decision,
				policyWith('careCreditPayment', { merchantFeeAdjustment: true }),
				NEAR_MIDNIGHT,
			),
		);
		expect(gross.careCreditPayment).toMatchObject({
			amountCents: 400_000,
			feeAdjustmentCents: 54_000,
		});
		expect(
			codes(buildWrites(plan, decision, policy(), NEAR_MIDNIGHT, { actualMerchantFeeCents: -1 })),
		).toEqual(['invalidMerchantFee']);
	});

	test('writes the practice turned off are not produced', () => {
		const w = value(
			buildWrites(
				plan,
				approvedDecision({ approvedAmountCents: 600_000 }),
				policyWith('writes', { financingRecord: false, careCreditPayment: false }),
				NEAR_MIDNIGHT,
			),
		);
		expect(w.financingRecord).toBeNull();
		expect(w.careCreditPayment).toBeNull();
		expect(w.dentrixPaymentAgreement).toBeNull();
		expect(w.auditNote).toContain('No CareCredit payment posted by automation.');
		const noPlan = value(
			buildWrites(plan, decision, policyWith('writes', { shortfallPlan: false }), NEAR_MIDNIGHT),
		);
		expect(noPlan.shortfallPlan).toBeNull();
		expect(noPlan.amounts.collectAtVisitCents).toBe(80_000);
	});

	test('the plan CareCredit reported is used and not marked as the policy choice', () => {
		const w = value(
			buildWrites(plan, approvedDecision({ promotionalPlan: 'DI12' }), policy(), NEAR_MIDNIGHT),
		);
		expect(w.financingRecord!.promotionalPlan).toMatchObject({
			code: 'DI12',
			chosenBy: 'purchase',
		});
		expect(w.financingRecord!.monthlyPaymentCents).toBe(33_334); // 400000 / 12 rounded up
		expect(w.auditNote).not.toContain('chosen by practice policy');
	});

	test('an existing cardholder: available credit, token from the reference id', () => {
		const w = value(
			buildWrites(
				plan,
				approvedDecision({
					accountKind: 'existingCardholder',
					applicationId: null,
					referenceId: 'REF-55',
					rawStatus: 'AccountFound',
					approvedAmountCents: 600_000,
				}),
				policy(),
				NEAR_MIDNIGHT,
			),
		);
		expect(w.referenceToken).toBe('[cc:REF-55]');
		expect(w.auditNote).toContain('cardholder reference REF-55');
	});

	test('the agreement date is the practice local date, and a coordinator may set it', () => {
		expect(
			value(buildWrites(plan, decision, policy(), new Date('2026-03-01T05:30:00Z'))).agreementDate,
		).toBe('2026-03-01');
		expect(
			value(buildWrites(plan, decision, policy({ timeZone: 'Pacific/Honolulu' }), NEAR_MIDNIGHT))
				.agreementDate,
		).toBe('2026-02-28');
		expect(
			value(buildWrites(plan, decision, policy(), NEAR_MIDNIGHT, { agreementDate: '2026-03-02' }))
				.shortfallPlan!.firstPaymentDate,
		).toBe('2026-04-01');
	});
});

describe('bad data comes back as problems, never exceptions', () => {
	const decision = approvedDecision();

	test('a first payment before the agreement date', () => {
		const result = buildWrites(crownAndImplant(), decision, policy(), NEAR_MIDNIGHT, {
			firstPaymentDate: '2026-02-27',
		});
		expect(result).toEqual({
			ok: false,
			problems: [
				{
					field: 'shortfallPlan.firstPaymentDate',
					code: 'firstPaymentBeforeAgreement',
					message:
						'shortfallPlan.firstPaymentDate: the first payment (2026-02-27) is before the agreement date (2026-02-28)',
				},
			],
		});
	});

	test('a plan total of zero', () => {
		const plan: TreatmentPlanInput = crownAndImplant({
			totalCents: 0,
			patientPortionCents: 0,
			procedures: [{ procedureId: '1', cdtCode: 'D0120', feeCents: 0, patientPortionCents: 0 }],
		});
		expect(codes(buildWrites(plan, decision, policy(), NEAR_MIDNIGHT))).toEqual(['planTotalZero']);
	});

	test('a patient portion above the total and procedures that do not add up, together', () => {
		const result = buildWrites(
			crownAndImplant({ totalCents: 400_000 }),
			decision,
			policy(),
			NEAR_MIDNIGHT,
		);
		expect(codes(result).sort()).toEqual(['patientPortionAboveTotal', 'proceduresDoNotSumToTotal']);
		if (!result.ok)
			expect(result.problems[0]!.message).toBe(
				'treatmentPlan.patientPortionCents: the patient portion $4,800.00 is more than the plan total $4,000.00',
			);
	});

	test('minimum purchase not met', () => {
		const result = buildWrites(
			crownAndImplant(),
			approvedDecision({ approvedAmountCents: 15_000 }),
			policy(),
			NEAR_MIDNIGHT,
		);
		expect(result).toMatchObject({
			ok: false,
			problems: [{ field: 'financingRecord.promotionalPlan', code: 'minimumPurchaseNotMet' }],
		});
	});

	test('a decision that is not approved', () => {
		for (const [status, rawStatus] of [
			['declined', 'Declined'],
			['pending', 'Pending'],
			['callForAuth', 'CallForAuth'],
		] as const) {
			expect(
				codes(
					buildWrites(
						crownAndImplant(),
						approvedDecision({ status, rawStatus }),
						policy(),
						NEAR_MIDNIGHT,
					),
				),
			).toEqual(['decisionNotApproved']);
		}
	});

	test('a decision for another patient or guarantor, and $0 approved', () => {
		const result = buildWrites(
			crownAndImplant(),
			approvedDecision({
				approvedAmountCents: 0,
				pms: { patientId: '102', guarantorId: '99', treatmentPlanId: '8', locationId: null },
			}),
			policy(),
			NEAR_MIDNIGHT,
		);
		expect(codes(result).sort()).toEqual([
			'guarantorMismatch',
			'noCreditAvailable',
			'patientMismatch',
			'treatmentPlanMismatch',
		]);
	});

	test('garbage inputs and a bad policy', () => {
		const result = buildWrites(
			null as unknown as TreatmentPlanInput,
			{} as never,
			{ timeZone: 'Nowhere/Else' } as unknown as PracticePolicy,
			new Date(Number.NaN),
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		const fields = result.problems.map((p) => p.field);
		expect(fields).toEqual(
			expect.arrayContaining(['treatmentPlan', 'decision.status', 'policy.timeZone', 'now']),
		);
	});

	test('a bad CDT code names the procedure', () => {
		const plan = crownAndImplant();
		plan.procedures[0] = { ...plan.procedures[0]!, cdtCode: '2740' };
		expect(buildWrites(plan, decision, policy(), NEAR_MIDNIGHT)).toMatchObject({
			ok: false,
			problems: [
				{
					field: 'treatmentPlan.procedures.0.cdtCode',
					message: 'treatmentPlan.procedures.0.cdtCode: must be a CDT code such as D2740',
				},
			],
		});
	});
});

describe('practice policy', () => {
	test('only the time zone is required; every default is filled', () => {
		const result = parsePracticePolicy({ timeZone: 'America/Chicago' });
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const p = result.value;
		expect(p.writes).toEqual({
			careCreditPayment: true,
			financingRecord: true,
			shortfallPlan: true,
		});
		expect(p.careCreditPayment).toEqual({
			post: 'whenPurchaseDone',
			posting: 'gross',
			merchantFeeAdjustment: false,
			paymentType: 'CareCredit Payment',
			feeAdjustmentType: 'CareCredit Merchant Fee',
		});
		expect(p.financingRecord).toEqual({
			billingType: 'Third-Party Financing - No Statements',
			firstDueDays: 30,
		});
		expect(p.shortfallPlan).toEqual({
			arrangementType: 'In-house payment plan',
			billingType: 'Payment Agreement',
			interval: 'monthly',
			firstPayment: { rule: 'daysAfterAgreement', days: 30 },
			downPayment: { rule: 'none' },
			collectInFullBelowCents: 5_000,
			term: { rule: 'numberOfPayments', numberOfPayments: 6, minimumPaymentCents: 2_500 },
			aprBasisPoints: 0,
			gracePeriodDays: 10,
			annualLateChargeBasisPoints: 0,
			minimumLateChargeCents: 0,
			minimumBalanceToChargeCents: 0,
		});
		expect(p.promotionalPlanRule).toEqual({ rule: 'longestDeferredInterest' });
		expect(p.planCatalog).toHaveLength(8);
		expect(p.notes).toEqual({
			statementNoteMaxChars: 82,
			paymentAgreementNoteMaxChars: 2_000,
			ledgerNoteMaxChars: 2_000,
			paymentNoteMaxChars: 255,
		});
		expect(p.openDental).toEqual({
			planCategory: 0,
			commType: 'Financial',
			careCreditPayType: null,
		});
	});

	test('problems name the field', () => {
		const result = parsePracticePolicy({
			shortfallPlan: {
				interval: 'daily',
				downPayment: { rule: 'percent', percentBasisPoints: 20_000 },
			},
			notes: { statementNoteMaxChars: 90 },
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.problems.map((p) => p.field).sort()).toEqual([
			'policy.notes.statementNoteMaxChars',
			'policy.shortfallPlan.downPayment.percentBasisPoints',
			'policy.shortfallPlan.interval',
			'policy.timeZone',
		]);
		expect(result.problems.find((p) => p.field === 'policy.timeZone')).toMatchObject({
			code: 'required',
			message: 'policy.timeZone: is required',
		});
	});
});

describe('notes a billing person reads right', () => {
	test("a payoff below CareCredit's $30 minimum reads as the minimum the patient pays", () => {
		const small = buildWrites(
			crownAndImplant({
				totalCents: 22_812,
				patientPortionCents: 22_812,
				procedures: [
					{
						procedureId: '5001',
						cdtCode: 'D2740',
						description: 'Crown',
						tooth: '14',
						feeCents: 22_812,
						patientPortionCents: 22_812,
					},
				],
			}),
			approvedDecision({ approvedAmountCents: 22_812 }),
			policy(),
			NEAR_MIDNIGHT,
		);
		expect(small.ok).toBe(true);
		if (!small.ok) return;
		// $228.12 over 24 months is $9.51/mo: below the $30 minimum, so the minimum leads.
		expect(small.value.auditNote).toContain(
			"the patient pays CareCredit at least $30.00/mo (CareCredit's minimum payment); $9.51/mo would already pay it off within the 24-month promotion",
		);
		expect(small.value.auditNote).not.toMatch(/est\. \$9\.51\/mo/);
		expect(small.value.coordinatorMessage).toContain(
			'at least $30.00/month to CareCredit (its minimum payment)',
		);
	});

	test('a date of birth in the patient name never reaches a message: the build is refused', () => {
		const result = buildWrites(
			crownAndImplant({ patientName: 'Ana Molina DOB 9/14/1969' }),
			approvedDecision(),
			policy(),
			NEAR_MIDNIGHT,
		);
		expect(result.ok ? [] : result.problems.map((p) => `${p.field}:${p.code}`)).toEqual([
			'coordinatorMessage:dateOfBirthInText',
		]);
		expect(JSON.stringify(result)).not.toContain('1969');
	});
});
