import fc from 'fast-check';

import {
	checkCareCreditPurchase,
	checkCareCreditRefund,
	checkDentrixAdjustment,
	checkDentrixLedgerNote,
	checkDentrixPayment,
	checkDentrixPaymentAgreement,
	checkOpenDentalAdjustment,
	checkOpenDentalCommlog,
	checkOpenDentalPayment,
	checkOpenDentalPayPlan,
	dentrixPaymentAgreementFromFields,
	validateForDentrix,
	validateForOpenDental,
	type Problem,
	type Result,
} from '../../financing';

/** Every contract, table cases by kind: one valid input, then one field broken at a time. */
const ctx = { today: '2026-11-29' };
const TOKEN = '[cc:APP-800001]';

const contracts: Record<
	string,
	{ check: (input: unknown) => Result<unknown>; valid: Record<string, unknown> }
> = {
	dentrixPaymentAgreement: {
		check: (i) =>
			checkDentrixPaymentAgreement(i, ctx, {
				accountGuarantorId: 'pat_1027',
				activeAgreementId: null,
			}),
		valid: {
			role: 'shortfallPlan',
			patientId: 'pat_1028',
			guarantorId: 'pat_1027',
			referenceToken: TOKEN,
			billingType: 'Payment Agreement',
			agreementDate: '2026-11-20',
			interval: 'monthly',
			annualFinanceChargeBasisPoints: 0,
			annualLateChargeBasisPoints: 0,
			gracePeriodDays: 10,
			minimumLateChargeCents: 0,
			minimumBalanceToChargeCents: 0,
			totalAgreedAmountCents: 120_000,
			downPaymentCents: 20_000,
			firstPaymentDue: '2026-12-20',
			paymentAmountCents: 10_000,
			numberOfPayments: 10,
			paymentAprBasisPoints: 0,
			note: `In-house plan ${TOKEN}`,
			statementNote: 'Payment plan',
			sendStatements: true,
		},
	},
	dentrixLedgerNote: {
		check: (i) => checkDentrixLedgerNote(i, ctx, { accountGuarantorId: 'pat_1027' }),
		valid: {
			guarantorId: 'pat_1027',
			patientId: 'pat_1028',
			referenceToken: TOKEN,
			date: '2026-11-29',
			text: `Financed by CareCredit ${TOKEN}`,
			kind: 'guarantorNote',
		},
	},
	dentrixPayment: {
		check: (i) => checkDentrixPayment(i, ctx, { accountGuarantorId: 'pat_1027' }),
		valid: {
			guarantorId: 'pat_1027',
			patientId: 'pat_1028',
			amountCents: 345_000,
			date: '2026-11-29',
			transactionId: 'TXN-20261120-0001',
			note: 'CareCredit purchase',
			paymentType: 'CareCredit Payment',
			merchantFeeCents: 17_250,
			merchantFeeType: 'CareCredit Merchant Fee',
		},
	},
	dentrixAdjustment: {
		check: (i) => checkDentrixAdjustment(i, ctx, { accountGuarantorId: 'pat_1027' }),
		valid: {
			guarantorId: 'pat_1027',
			patientId: 'pat_1028',
			amountCents: 25_000,
			date: '2026-11-29',
			transactionId: 'TXN-20261120-0002',
			note: 'Refund',
			type: 'CareCredit Refund',
			belongsToAmountCents: 345_000,
		},
	},
	openDentalPayPlan: {
		check: (i) =>
			checkOpenDentalPayPlan(i, ctx, {
				accountGuarantorId: '200',
				planProcedures: [
					{ procNum: '5001', patNum: '201', productionCents: 150_000 },
					{ procNum: '5002', patNum: '201', productionCents: 330_000 },
				],
				familyPatNums: ['200', '201'],
			}),
		valid: {
			patNum: '201',
			guarantor: '200',
			referenceToken: TOKEN,
			payPlanDate: '2026-11-29',
			firstPaymentDate: '2026-12-29',
			chargeFrequency: 'Monthly',
			aprBasisPoints: 0,
			totalCents: 80_000,
			downPaymentCents: 0,
			paymentAmountCents: 13_334,
			numberOfPayments: 6,
			planCategory: '0',
			dynamicPayPlanTPOption: 'AwaitComplete',
			note: `In-house ${TOKEN}`,
			procNums: [
				{ procNum: '5001', amountCents: 25_000 },
				{ procNum: '5002', amountCents: 55_000 },
			],
		},
	},
	openDentalCommlog: {
		check: (i) => checkOpenDentalCommlog(i, ctx),
		valid: {
			patNum: '201',
			referenceToken: TOKEN,
			note: `Audit ${TOKEN}`,
			commDateTime: '2026-11-29 10:15:00',
			commType: 'Financial',
			mode: 'None',
			sentOrReceived: 'Neither',
		},
	},
	openDentalPayment: {
		check: (i) => checkOpenDentalPayment(i, ctx),
		valid: {
			patNum: '201',
			amountCents: 345_000,
			payDate: '2026-11-29',
			payType: '72',
			transactionId: 'TXN-1',
			note: 'CareCredit',
			clinicNum: null,
		},
	},
	openDentalAdjustment: {
		check: (i) =>
			checkOpenDentalAdjustment(i, ctx, { adjTypeSign: '-', patientProcNums: ['5001'] }),
		valid: {
			patNum: '201',
			adjType: '181',
			amountCents: -17_250,
			adjDate: '2026-11-29',
			reference: '[cc:APP-1] fee',
			note: '',
			procNum: '5001',
			belongsToAmountCents: 345_000,
		},
	},
	careCreditPurchase: {
		check: (i) => checkCareCreditPurchase(i, ctx),
		valid: {
			merchantNumber: '5348120100000002',
			partnerCode: 'N8N',
			referenceId: 'REF-1',
			partnerTransactionId: 'n8n-tp_2001',
			amountCents: 480_000,
			promoCode: 'DI12',
			practiceMemo: 'Crown and implant',
			invoiceNumber: 'tp_2001',
		},
	},
	careCreditRefund: {
		check: (i) => checkCareCreditRefund(i, ctx, { purchaseAmountCents: 480_000, refundedCents: 0 }),
		valid: {
			merchantNumber: '5348120100000002',
			referenceId: 'REF-1',
			partnerTransactionId: 'refund-1',
			amountCents: 30_000,
			practiceMemo: '',
		},
	},
};

const PHI = ['952-48-3690', '952483690', '1969-09-14', '09/14/1969', 'born 9/14/1969'];

/** Values a field must refuse, by kind: [label, value]. */
const BAD: Record<string, Array<[string, unknown]>> = {
	amount: [
		['1e20', 1e20],
		['12.5 cents', 12.5],
		['true', true],
		['NaN', Number.NaN],
		['a string', '100'],
		['a list', [100]],
		['negative', -1],
	],
	date: [
		['not a real date', '2026-02-30'],
		['a US date', '11/29/2026'],
		['empty', ''],
		['far past', '1969-09-14'],
		['far future', '2099-01-01'],
		['a number', 20261129],
	],
	id: [
		['empty', ''],
		['10,000 characters', 'x'.repeat(10_000)],
		['injection', '1; DROP TABLE x;--'],
		['an object', { id: 1 }],
		['emoji', '😀'],
	],
	text: [
		...PHI.map((p): [string, unknown] => [`patient data ${p}`, `note ${p}`]),
		['10,000 characters', 'y'.repeat(10_000)],
		['a list', ['x']],
	],
};

const FIELD_KINDS: Record<string, Record<string, string>> = {
	dentrixPaymentAgreement: {
		totalAgreedAmountCents: 'amount',
		agreementDate: 'date',
		guarantorId: 'id',
		note: 'text',
	},
	dentrixLedgerNote: { date: 'date', patientId: 'id', text: 'text' },
	dentrixPayment: { amountCents: 'amount', date: 'date', transactionId: 'id', note: 'text' },
	dentrixAdjustment: { amountCents: 'amount', date: 'date', patientId: 'id', note: 'text' },
	openDentalPayPlan: { totalCents: 'amount', payPlanDate: 'date', patNum: 'id', note: 'text' },
	openDentalCommlog: { patNum: 'id', note: 'text' },
	openDentalPayment: { amountCents: 'amount', payDate: 'date', patNum: 'id', note: 'text' },
	openDentalAdjustment: { adjDate: 'date', patNum: 'id', note: 'text' },
	careCreditPurchase: { amountCents: 'amount', referenceId: 'id', practiceMemo: 'text' },
	careCreditRefund: { amountCents: 'amount', partnerTransactionId: 'id', practiceMemo: 'text' },
};

const cases: Array<[string, string, string, string, unknown]> = [];
for (const [name, fields] of Object.entries(FIELD_KINDS))
	for (const [field, kind] of Object.entries(fields))
		for (const [label, bad] of BAD[kind]!) {
			// Text that is only too long is fine where the field holds 10,000 characters (none does).
			cases.push([name, field, kind, label, bad]);
		}

function expectNamed(problems: Problem[], field: string, bad: unknown) {
	expect(problems.some((p) => p.field === field || p.field.startsWith(`${field}.`))).toBe(true);
	for (const p of problems) {
		expect(p.message.startsWith(`${p.field}: `)).toBe(true);
		expect(p.message.length).toBeLessThan(400);
		if (typeof bad === 'string' && PHI.some((x) => bad.includes(x))) {
			for (const x of PHI) expect(p.message).not.toContain(x);
		}
	}
}

describe('every contract accepts its valid input', () => {
	test.each(Object.keys(contracts))('%s', (name) => {
		const c = contracts[name]!;
		const result = c.check(c.valid);
		if (!result.ok) throw new Error(JSON.stringify(result.problems));
		expect(result.ok).toBe(true);
	});
});

describe(`malformed fields, by kind (${cases.length} cases): refused, the field named, nothing echoed`, () => {
	test.each(cases)('%s.%s (%s): %s', (name, field, _kind, _label, bad) => {
		const c = contracts[name]!;
		const result = c.check({ ...c.valid, [field]: bad });
		expect(result.ok).toBe(false);
		if (!result.ok) expectNamed(result.problems, field, bad);
	});
});

describe('cross-field rules', () => {
	const problemsOf = (name: string, patch: Record<string, unknown>) => {
		const c = contracts[name]!;
		const r = c.check({ ...c.valid, ...patch });
		return r.ok ? [] : r.problems.map((p) => `${p.field}:${p.code}`);
	};
	test.each<[string, Record<string, unknown>, string]>([
		[
			'dentrixPaymentAgreement',
			{ downPaymentCents: 120_000 },
			'downPaymentCents:downPaymentNotBelowTotal',
		],
		['dentrixPaymentAgreement', { numberOfPayments: 12 }, 'schedule:scheduleMismatch'],
		[
			'dentrixPaymentAgreement',
			{ firstPaymentDue: '2026-11-19' },
			'firstPaymentDue:dateOutOfWindow',
		],
		['dentrixPaymentAgreement', { guarantorId: 'pat_1009' }, 'guarantorId:guarantorMismatch'],
		['dentrixPaymentAgreement', { note: 'no reference' }, 'note:referenceTokenMissing'],
		['dentrixPayment', { merchantFeeCents: 345_001 }, 'merchantFeeCents:merchantFeeAbovePayment'],
		['dentrixAdjustment', { amountCents: 345_001 }, 'amountCents:adjustmentAboveAmount'],
		['dentrixLedgerNote', { guarantorId: 'pat_1' }, 'guarantorId:guarantorMismatch'],
		[
			'openDentalPayPlan',
			{ downPaymentCents: 80_000 },
			'downPaymentCents:downPaymentNotBelowTotal',
		],
		['openDentalPayPlan', { numberOfPayments: 1000 }, 'numberOfPayments:tooBig'],
		['openDentalPayPlan', { numberOfPayments: 7 }, 'schedule:scheduleMismatch'],
		['openDentalPayPlan', { guarantor: '300' }, 'guarantor:guarantorMismatch'],
		// With an APR the plan is created locked: no link of it can be limited afterwards.
		['openDentalPayPlan', { aprBasisPoints: 1200 }, 'aprBasisPoints:aprPlanCannotBeLimited'],
		[
			'openDentalPayPlan',
			{ procNums: [{ procNum: '5003', amountCents: 80_000 }] },
			'procNums.0.procNum:procedureNotOnPlan',
		],
		[
			'openDentalPayPlan',
			{ procNums: [{ procNum: '500', amountCents: 80_000 }] },
			'procNums.0.procNum:procedureNotOnPlan', // exact, never a substring of 5001
		],
		['openDentalPayPlan', { procNums: '5001' }, 'procNums:invalidType'],
		['openDentalPayPlan', { totalCents: 80_001 }, 'procNums:linksDoNotSumToTotal'],
		['openDentalPayPlan', { patNum: '0201' }, 'patNum:notAnOpenDentalId'],
		['openDentalPayPlan', { patNum: '201.0' }, 'patNum:notAnOpenDentalId'],
		['openDentalAdjustment', { amountCents: 17_250 }, 'amountCents:signMismatch'],
		['openDentalAdjustment', { procNum: '9' }, 'procNum:procedureNotPatients'],
		[
			'careCreditPurchase',
			{ promoCode: 'RA60', amountCents: 50_000 },
			'promoCode:minimumPurchaseNotMet',
		],
		[
			'careCreditPurchase',
			{ merchantNumber: '952-48-3690' },
			'merchantNumber:invalidMerchantNumber',
		],
		['careCreditRefund', { amountCents: 480_001 }, 'amountCents:refundAbovePurchase'],
	])('%s %j → %s', (name, patch, expected) => {
		expect(problemsOf(name, patch)).toContain(expected);
	});

	test('a merchant number mapped to a tax id is never echoed', () => {
		const c = contracts.careCreditPurchase!;
		const r = c.check({ ...c.valid, merchantNumber: '952-48-3690' });
		expect(JSON.stringify(r)).not.toContain('3690');
	});

	test('unknown fields are refused, named without echoing them whole', () => {
		const c = contracts.openDentalPayment!;
		const r = c.check({ ...c.valid, ['952-48-3690']: 1, passthrough: true });
		expect(r.ok ? [] : r.problems.map((p) => p.code)).toEqual(['unknownField']);
		expect(JSON.stringify(r)).not.toContain('3690');
	});

	test('legitimate unusual text is accepted', () => {
		for (const note of [
			'Zoë Ångström-Núñez 😀',
			'مريم الحسيني',
			'$1,000 down',
			'call (217) 555-0141',
			'Plan 2026-12-15 first payment',
		]) {
			const c = contracts.dentrixLedgerNote!;
			expect(c.check({ ...c.valid, text: `${note} ${TOKEN}` }).ok).toBe(true);
		}
	});
});

describe('the hand-entered agreement reaches the same check', () => {
	test('fields typed in the node become the input; bad dollars are named by the typed field', () => {
		const draft = dentrixPaymentAgreementFromFields({
			guarantorId: 'pat_1027',
			patientId: 'pat_1028',
			caseReference: TOKEN,
			agreementKind: 'shortfallPlan',
			billingType: 'Payment Agreement',
			agreementDate: '2026-11-20',
			interval: 'monthly',
			totalAgreedAmount: '1,200.00',
			firstPaymentDue: '2026-12-20',
			paymentAmount: '100.00',
			numberOfPayments: 10,
			additionalFields: { downPayment: '200.00', gracePeriodDays: 10, note: 'typed by hand' },
		});
		expect(draft.ok).toBe(true);
		if (!draft.ok) return;
		const checked = contracts.dentrixPaymentAgreement!.check(draft.value);
		expect(checked.ok).toBe(true);
		const bad = dentrixPaymentAgreementFromFields({
			totalAgreedAmount: '12.345',
			additionalFields: { annualFinanceChargePercent: '14.905' },
		});
		expect(bad.ok ? [] : bad.problems.map((p) => `${p.field}:${p.code}`)).toEqual([
			'annualFinanceChargePercent:invalidPercent',
			'totalAgreedAmount:fractionOfCent',
			'paymentAmount:required',
		]);
	});
});

describe('nothing throws, whatever the input', () => {
	const anything = fc.anything({ maxDepth: 2, withNullPrototype: true, withBigInt: true });
	test('every check, on any value and on any value in any field', () => {
		fc.assert(
			fc.property(
				anything,
				fc.constantFrom(...Object.keys(contracts)),
				fc.string(),
				anything,
				(value, name, key, fieldValue) => {
					const c = contracts[name]!;
					expect(c.check(value).ok).toBe(false);
					const field = Object.keys(c.valid)[Math.abs(key.length) % Object.keys(c.valid).length]!;
					expect(typeof c.check({ ...c.valid, [field]: fieldValue }).ok).toBe('boolean');
				},
			),
			{ numRuns: 500 },
		);
	});

	test('validateForDentrix and validateForOpenDental on garbage, and a non-list procedureIds', () => {
		fc.assert(
			fc.property(anything, (value) => {
				expect(validateForDentrix(value, ctx).ok).toBe(false);
				expect(validateForOpenDental(value, ctx).ok).toBe(false);
			}),
			{ numRuns: 300 },
		);
	});
});
