/* eslint-disable @typescript-eslint/no-explicit-any -- test code, never shipped: item JSON is read loosely */
// The barrage's targets: every writer (both roads where a writer has two), Build and Validate.
// Each maps its fields to `$json` of the item, so one workflow run carries many items; a good
// item is valid, and each malformed item differs from it in one field (or one rule).
import type { FieldType, Kind } from './values';

export interface Field {
	type: FieldType;
	/** Only these kinds apply (a message is screened, not limited in length). */
	only?: Kind[];
	/** null is a value the field takes (a cardholder has no credit line). */
	nullable?: boolean;
	/** How an error names this field (default: the field's own name). */
	named?: RegExp;
	/** Empty or missing means a default (the guarantor, today): not malformed. */
	optional?: boolean;
}

/** What the targets are built on: dates, built arrangements, records a setup created. */
export interface Base {
	today: string;
	yesterday: string;
	twoDaysAgo: string;
	inAMonth: string;
	tomorrow: string;
	dentrixArrangement: any;
	openDentalArrangement: any;
	/** Build's inputs: a decision, and the treatment plan as the Dentrix node outputs it. */
	buildDecision: any;
	buildPlan: any;
	/** The reference id of a purchase made by the refund's setup. */
	purchaseReferenceId?: string;
	/** The session reference id the purchase's setup approved. */
	sessionReferenceId?: string;
	/** A plan the close's setup wrote for the Open Dental case. */
	payPlanNum?: string;
}

export interface Case {
	label: string;
	item: Record<string, unknown>;
	named: RegExp;
	/** Only a writer, which reads Open Dental's or Dentrix's facts, can refuse it. */
	factsOnly?: boolean;
}

export interface Target {
	name: string;
	node: 'dentrix' | 'openDental' | 'careCredit' | 'paymentArrangement';
	credentials: string[];
	/** Validate: Needs Review is output 1. */
	reviewOutput?: number;
	/** An arrangement target: fields are paths inside `$json.arrangement`. */
	arrangement?: 'dentrix' | 'openDental';
	/** Build: fields are paths inside `$json.decision` / `$json.plan`. */
	nested?: boolean;
	parameters: Record<string, unknown>;
	good: (b: Base) => Record<string, unknown>;
	fields: Record<string, Field>;
	crossField: (b: Base) => Case[];
	/** Unusual but legitimate items: accepted, and written. */
	legit: (b: Base) => Array<Record<string, unknown>>;
	/** What must exist first (a purchase to refund, a plan to close). */
	setup?: 'purchase' | 'plan';
}

const e = (name: string) => `={{ $json.${name} }}`;
const UNICODE = 'Zoë Ångström-Núñez 😀 (שלום, نعم) paid $1,000';
const INJECTION_TEXT = "'; DROP TABLE patients; -- <script>alert(1)</script> {{ $json }}";
const FINANCING = 'Third-Party Financing - No Statements';

const dentrixAgreement: Target = {
	name: 'Dentrix Payment Agreement (by hand)',
	node: 'dentrix',
	credentials: ['dentrixApi'],
	parameters: {
		resource: 'paymentAgreement',
		operation: 'create',
		source: 'fields',
		...Object.fromEntries(
			[
				'guarantorId',
				'patientId',
				'caseReference',
				'agreementKind',
				'billingType',
				'agreementDate',
				'interval',
				'totalAgreedAmount',
				'firstPaymentDue',
				'paymentAmount',
				'numberOfPayments',
			].map((f) => [f, e(f)]),
		),
		additionalFields: Object.fromEntries(
			[
				'annualFinanceChargePercent',
				'annualLateChargePercent',
				'downPayment',
				'gracePeriodDays',
				'minimumBalanceToCharge',
				'minimumLateCharge',
				'note',
				'statementNote',
			].map((f) => [f, e(f)]),
		),
	},
	good: (b) => ({
		guarantorId: 'pat_1027',
		patientId: 'pat_1028',
		caseReference: '[cc:APP-800001]',
		agreementKind: 'shortfallPlan',
		billingType: 'Payment Agreement',
		agreementDate: b.yesterday,
		interval: 'monthly',
		totalAgreedAmount: '1,200.00',
		firstPaymentDue: b.inAMonth,
		paymentAmount: '100.00',
		numberOfPayments: 10,
		annualFinanceChargePercent: '0',
		annualLateChargePercent: '0',
		downPayment: '200.00',
		gracePeriodDays: 10,
		minimumBalanceToCharge: '0',
		minimumLateCharge: '0',
		note: 'Signed at the chair',
		statementNote: 'In-house plan',
	}),
	fields: {
		guarantorId: { type: 'id' },
		patientId: { type: 'id', optional: true },
		caseReference: { type: 'token', named: /caseReference|referenceToken/ },
		agreementKind: { type: 'enum', named: /role/, optional: true },
		billingType: { type: 'textRequired' },
		agreementDate: { type: 'date' },
		interval: { type: 'enum' },
		totalAgreedAmount: { type: 'money' },
		firstPaymentDue: { type: 'date' },
		paymentAmount: { type: 'money' },
		numberOfPayments: { type: 'whole' },
		annualFinanceChargePercent: { type: 'percent', optional: true },
		downPayment: { type: 'moneyOptional' },
		minimumLateCharge: { type: 'moneyOptional' },
		note: { type: 'text' },
		statementNote: { type: 'text' },
	},
	crossField: (b) => [
		{ label: 'down payment = total', item: { downPayment: '1,200.00' }, named: /downPayment/ },
		{ label: 'terms that do not add up', item: { numberOfPayments: 12 }, named: /schedule/ },
		{
			label: 'first payment before the agreement',
			item: { firstPaymentDue: b.twoDaysAgo },
			named: /firstPaymentDue/,
		},
		{
			label: 'charges on a financing record',
			item: {
				agreementKind: 'financingRecord',
				billingType: FINANCING,
				annualFinanceChargePercent: '5',
			},
			named: /annualFinanceCharge/,
		},
		{ label: 'grace beyond 30 days', item: { gracePeriodDays: 31 }, named: /gracePeriodDays/ },
		{
			label: 'another account’s guarantor',
			item: { guarantorId: 'pat_1009' },
			named: /guarantorId/,
		},
		{
			label: 'a patient Dentrix does not know',
			item: { patientId: 'pat_9999' },
			named: /patientId/,
		},
		{
			label: 'the tax id as the patient id',
			item: { patientId: '952-48-3690' },
			named: /patientId/,
		},
	],
	legit: () => [{ note: UNICODE, totalAgreedAmount: '$1,200.00', statementNote: 'Zoë 😀' }],
};

const dentrixNote: Target = {
	name: 'Dentrix Ledger Note (by hand)',
	node: 'dentrix',
	credentials: ['dentrixApi'],
	parameters: {
		resource: 'ledgerNote',
		operation: 'create',
		source: 'fields',
		...Object.fromEntries(
			['guarantorId', 'patientId', 'text', 'caseReference', 'kind', 'date'].map((f) => [f, e(f)]),
		),
	},
	good: (b) => ({
		guarantorId: 'pat_1027',
		patientId: 'pat_1028',
		text: 'Financing arranged with CareCredit',
		caseReference: '[cc:APP-800002]',
		kind: 'guarantorNote',
		date: b.yesterday,
	}),
	fields: {
		guarantorId: { type: 'id' },
		patientId: { type: 'id', optional: true },
		text: { type: 'textRequired' },
		caseReference: { type: 'token', named: /caseReference|referenceToken/ },
		kind: { type: 'enum' },
		date: { type: 'dateOrToday' },
	},
	crossField: (b) => [
		{
			label: 'another account’s guarantor',
			item: { guarantorId: 'pat_1009' },
			named: /guarantorId/,
		},
		{
			label: 'a patient Dentrix does not know',
			item: { patientId: 'pat_9999' },
			named: /patientId/,
		},
		{ label: 'a note dated tomorrow', item: { date: b.tomorrow }, named: /date/ },
	],
	legit: () =>
		[UNICODE, INJECTION_TEXT, 'Balance $1,000 financed; call 312-555-0100'].map((text, k) => ({
			text,
			caseReference: `[cc:APP-80010${k}]`,
		})),
};

const dentrixPayment: Target = {
	name: 'Dentrix Payment: Post (by hand)',
	node: 'dentrix',
	credentials: ['dentrixApi'],
	parameters: {
		resource: 'payment',
		operation: 'post',
		source: 'fields',
		...Object.fromEntries(
			['transactionId', 'guarantorId', 'patientId', 'amount'].map((f) => [f, e(f)]),
		),
		additionalFields: Object.fromEntries(
			['date', 'merchantFee', 'note', 'paymentType'].map((f) => [f, e(f)]),
		),
	},
	good: (b) => ({
		transactionId: 'TXN-800001',
		guarantorId: 'pat_1027',
		patientId: 'pat_1028',
		amount: '1,297.50',
		date: b.yesterday,
		merchantFee: '',
		note: 'CareCredit purchase',
		paymentType: 'CareCredit Payment',
	}),
	fields: {
		transactionId: { type: 'id' },
		guarantorId: { type: 'id' },
		patientId: { type: 'id', optional: true },
		amount: { type: 'money' },
		date: { type: 'dateOrToday' },
		merchantFee: { type: 'moneyOptional' },
		note: { type: 'text' },
		paymentType: { type: 'textRequired', optional: true },
	},
	crossField: (b) => [
		{ label: 'a fee above its payment', item: { merchantFee: '5,000.00' }, named: /merchantFee/ },
		{
			label: 'another account’s guarantor',
			item: { guarantorId: 'pat_1009' },
			named: /guarantorId/,
		},
		{
			label: 'a patient Dentrix does not know',
			item: { patientId: 'pat_9999' },
			named: /patientId/,
		},
		{ label: 'a payment dated tomorrow', item: { date: b.tomorrow }, named: /date/ },
	],
	legit: () => [
		{ amount: '$1,000', note: UNICODE, transactionId: 'TXN-800101' },
		{
			amount: '1000',
			note: INJECTION_TEXT.slice(0, 60),
			transactionId: 'TXN-800102',
			merchantFee: '$50.00',
		},
	],
};

const dentrixAdjustment: Target = {
	name: 'Dentrix Adjustment',
	node: 'dentrix',
	credentials: ['dentrixApi'],
	parameters: {
		resource: 'adjustment',
		operation: 'create',
		...Object.fromEntries(
			['guarantorId', 'patientId', 'type', 'amount', 'reference'].map((f) => [f, e(f)]),
		),
		additionalFields: Object.fromEntries(['date', 'note'].map((f) => [f, e(f)])),
	},
	good: (b) => ({
		guarantorId: 'pat_1027',
		patientId: 'pat_1028',
		type: 'CareCredit Refund',
		amount: '250.00',
		reference: 'TXN-800201',
		date: b.yesterday,
		note: 'Crown not placed',
	}),
	fields: {
		guarantorId: { type: 'id' },
		patientId: { type: 'id', optional: true },
		type: { type: 'textRequired' },
		amount: { type: 'money' },
		reference: { type: 'id', named: /reference|transactionId/ },
		date: { type: 'dateOrToday' },
		note: { type: 'text' },
	},
	crossField: (b) => [
		{
			label: 'another account’s guarantor',
			item: { guarantorId: 'pat_1009' },
			named: /guarantorId/,
		},
		{
			label: 'a patient Dentrix does not know',
			item: { patientId: 'pat_9999' },
			named: /patientId/,
		},
		{ label: 'an adjustment dated tomorrow', item: { date: b.tomorrow }, named: /date/ },
	],
	legit: () => [{ note: UNICODE, amount: '$1,000.00', reference: 'TXN-800301' }],
};

const openDentalCommlog: Target = {
	name: 'Open Dental Commlog (by hand)',
	node: 'openDental',
	credentials: ['openDentalApi'],
	parameters: {
		resource: 'commlog',
		operation: 'create',
		source: 'fields',
		...Object.fromEntries(['patNum', 'note', 'caseReference'].map((f) => [f, e(f)])),
	},
	good: () => ({ patNum: '227', note: 'Financing arranged', caseReference: '[cc:APP-900002]' }),
	fields: {
		patNum: { type: 'odNumber' },
		note: { type: 'textRequired' },
		caseReference: { type: 'token', named: /caseReference|referenceToken/ },
	},
	crossField: () => [
		{ label: 'a patient Open Dental does not know', item: { patNum: '99999' }, named: /patNum/ },
	],
	legit: () =>
		[UNICODE, INJECTION_TEXT].map((note, k) => ({ note, caseReference: `[cc:APP-90010${k}]` })),
};

const openDentalTextOk: Target = {
	name: 'Open Dental Patient: Set Text OK',
	node: 'openDental',
	credentials: ['openDentalApi'],
	parameters: {
		resource: 'patient',
		operation: 'setTextOk',
		patNum: e('patNum'),
		textOk: e('textOk'),
	},
	good: () => ({ patNum: '227', textOk: 'No' }),
	fields: { patNum: { type: 'odNumber' }, textOk: { type: 'enum' } },
	crossField: () => [
		{ label: 'a patient Open Dental does not know', item: { patNum: '99999' }, named: /patNum/ },
		{ label: 'Text OK in lower case', item: { textOk: 'no' }, named: /textOk/ },
	],
	legit: () => [{ textOk: 'Yes' }],
};

const openDentalPayment: Target = {
	name: 'Open Dental Payment (by hand)',
	node: 'openDental',
	credentials: ['openDentalApi'],
	parameters: {
		resource: 'payment',
		operation: 'create',
		source: 'fields',
		...Object.fromEntries(
			['transactionId', 'patNum', 'amount', 'date', 'note'].map((f) => [f, e(f)]),
		),
		openDental: { careCreditPayType: 72, clinicNum: 2 },
	},
	good: (b) => ({
		transactionId: 'TXN-900010',
		patNum: '227',
		amount: '1,297.50',
		date: b.yesterday,
		note: 'CareCredit purchase',
	}),
	fields: {
		transactionId: { type: 'id' },
		patNum: { type: 'odNumber' },
		amount: { type: 'money' },
		date: { type: 'dateOrToday', named: /payDate/ },
		note: { type: 'text' },
	},
	crossField: (b) => [
		{ label: 'a patient Open Dental does not know', item: { patNum: '99999' }, named: /patNum/ },
		{ label: 'a payment dated tomorrow', item: { date: b.tomorrow }, named: /payDate/ },
	],
	legit: () => [{ amount: '$1,000', note: UNICODE, transactionId: 'TXN-900110' }],
};

const openDentalAdjustment: Target = {
	name: 'Open Dental Adjustment',
	node: 'openDental',
	credentials: ['openDentalApi'],
	parameters: {
		resource: 'adjustment',
		operation: 'create',
		...Object.fromEntries(
			['patNum', 'adjType', 'amount', 'date', 'reference'].map((f) => [f, e(f)]),
		),
		additionalFields: { note: e('note') },
	},
	good: (b) => ({
		patNum: '227',
		adjType: '181',
		amount: '-172.50',
		date: b.yesterday,
		reference: '[cc:APP-900001] fee',
		note: 'Merchant fee',
	}),
	fields: {
		patNum: { type: 'odNumber' },
		adjType: { type: 'odNumber' },
		amount: { type: 'signedMoney' },
		date: { type: 'dateOrToday', named: /adjDate/ },
		reference: { type: 'textRequired' },
		note: { type: 'text' },
	},
	crossField: (b) => [
		{ label: 'a sign the type refuses', item: { amount: '172.50' }, named: /amountCents/ },
		{ label: 'a type Open Dental does not have', item: { adjType: '9999' }, named: /adjType/ },
		{ label: 'a patient Open Dental does not know', item: { patNum: '99999' }, named: /patNum/ },
		{ label: 'an adjustment dated tomorrow', item: { date: b.tomorrow }, named: /adjDate/ },
	],
	legit: () => [{ note: UNICODE, reference: '[cc:APP-900001] fee 😀', amount: '-$1,000.00' }],
};

const openDentalClose: Target = {
	name: 'Open Dental Payment Plan: Close',
	node: 'openDental',
	credentials: ['openDentalApi'],
	setup: 'plan',
	parameters: {
		resource: 'paymentPlan',
		operation: 'close',
		...Object.fromEntries(['payPlanNum', 'patNum', 'caseReference'].map((f) => [f, e(f)])),
	},
	good: (b) => ({ payPlanNum: b.payPlanNum, patNum: '227', caseReference: '[cc:APP-900001]' }),
	fields: {
		payPlanNum: { type: 'odNumber' },
		patNum: { type: 'odNumber' },
		caseReference: { type: 'token', named: /caseReference|referenceToken/ },
	},
	crossField: () => [
		{
			label: 'staff’s plan of another patient',
			item: { payPlanNum: '901', patNum: '209' },
			named: /payPlanNum/,
		},
		{ label: 'the plan under another patient', item: { patNum: '209' }, named: /payPlanNum/ },
		{
			label: 'the plan of another case',
			item: { caseReference: '[cc:APP-1]' },
			named: /payPlanNum/,
		},
		{
			label: 'a plan Open Dental does not know',
			item: { payPlanNum: '99999' },
			named: /payPlanNum/,
		},
	],
	legit: () => [{}],
};

const careCreditPurchase: Target = {
	name: 'CareCredit Purchase',
	node: 'careCredit',
	credentials: ['careCreditApi'],
	setup: 'purchase',
	parameters: {
		resource: 'transaction',
		operation: 'purchase',
		...Object.fromEntries(
			[
				'merchantNumber',
				'referenceId',
				'partnerTransactionId',
				'amount',
				'promoCode',
				'practiceMemo',
				'invoiceNumber',
			].map((f) => [f, e(f)]),
		),
	},
	good: (b) => ({
		merchantNumber: '5348120100000001',
		referenceId: b.sessionReferenceId,
		partnerTransactionId: 'n8n-barrage-1',
		amount: '1,200.00',
		promoCode: 'DI12',
		practiceMemo: 'Crown and implant',
		invoiceNumber: 'tp-1',
	}),
	fields: {
		merchantNumber: { type: 'merchant', named: /Merchant Number/, optional: true },
		referenceId: { type: 'id' },
		partnerTransactionId: { type: 'id' },
		amount: { type: 'money' },
		promoCode: { type: 'enum' },
		practiceMemo: { type: 'text' },
		invoiceNumber: { type: 'text' },
	},
	crossField: () => [
		{ label: 'below the plan’s minimum', item: { amount: '150.00' }, named: /promoCode/ },
		{ label: 'a plan not in the catalog', item: { promoCode: 'ZZ9' }, named: /promoCode/ },
		{
			label: 'a reduced-APR plan below $1,000',
			item: { promoCode: 'RA60', amount: '500' },
			named: /promoCode/,
		},
	],
	legit: () => [
		{ practiceMemo: 'Zoë 😀 (שלום)', amount: '$1,000', partnerTransactionId: 'n8n-barrage-legit' },
	],
};

const careCreditRefund: Target = {
	name: 'CareCredit Refund',
	node: 'careCredit',
	credentials: ['careCreditApi'],
	setup: 'purchase',
	parameters: {
		resource: 'transaction',
		operation: 'refund',
		...Object.fromEntries(
			['merchantNumber', 'referenceId', 'partnerTransactionId', 'amount', 'practiceMemo'].map(
				(f) => [f, e(f)],
			),
		),
	},
	good: (b) => ({
		merchantNumber: '5348120100000001',
		referenceId: b.purchaseReferenceId,
		partnerTransactionId: 'refund-barrage-1',
		amount: '300.00',
		practiceMemo: 'Crown not placed',
	}),
	fields: {
		merchantNumber: { type: 'merchant', named: /Merchant Number/, optional: true },
		referenceId: { type: 'id' },
		partnerTransactionId: { type: 'id' },
		amount: { type: 'money' },
		practiceMemo: { type: 'text' },
	},
	crossField: () => [
		{ label: 'more than the purchase', item: { amount: '5,000.00' }, named: /amountCents/ },
		{
			label: 'a purchase CareCredit does not know',
			item: { referenceId: 'REF-999999' },
			named: /referenceId/,
		},
	],
	legit: () => [
		{ practiceMemo: 'Zoë 😀 (שלום)', amount: '$100', partnerTransactionId: 'refund-barrage-legit' },
	],
};

export const HAND_TARGETS: Target[] = [
	dentrixAgreement,
	dentrixNote,
	dentrixPayment,
	dentrixAdjustment,
	openDentalCommlog,
	openDentalTextOk,
	openDentalPayment,
	openDentalAdjustment,
	openDentalClose,
	careCreditPurchase,
	careCreditRefund,
];
