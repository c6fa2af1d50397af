// The barrage's targets that take a built arrangement (the writers' "From Payment Arrangement"
// road and Validate) or build one (Build). Their fields are paths inside the item's JSON.
import type { Base, Case, Field, Target } from './targets';

const e = (name: string) => `={{ $json.${name} }}`;
const UNICODE = 'Zoë Ångström-Núñez 😀 (שלום, نعم) paid $1,000';

const common: Record<string, Field> = {
	referenceToken: { type: 'token' },
	timeZone: { type: 'enum' },
	auditNote: { type: 'textRequired' },
	coordinatorMessage: { type: 'text', optional: true, only: ['patientData'] },
	'careCreditPayment.amountCents': { type: 'cents', named: /amountCents/ },
	'careCreditPayment.note': { type: 'text' },
};

const DENTRIX_FIELDS: Record<string, Field> = {
	...common,
	// The arrangement's agreement date is the audit note's date in Dentrix.
	agreementDate: { type: 'date', named: /agreementDate|ledgerNote\.date/ },
	'treatmentPlan.patientId': { type: 'id', named: /patientId/ },
	'treatmentPlan.guarantorId': { type: 'id', named: /guarantorId/ },
	'careCreditPayment.paymentDate': { type: 'date', named: /careCreditPayment\.date/ },
	'dentrixPaymentAgreement.totalAgreedAmountCents': { type: 'cents' },
	'dentrixPaymentAgreement.paymentAmountCents': { type: 'cents' },
	'dentrixPaymentAgreement.downPaymentCents': { type: 'cents' },
	'dentrixPaymentAgreement.minimumLateChargeCents': { type: 'cents' },
	'dentrixPaymentAgreement.numberOfPayments': { type: 'count' },
	'dentrixPaymentAgreement.gracePeriodDays': { type: 'count' },
	'dentrixPaymentAgreement.annualLateChargeBasisPoints': {
		type: 'count',
		named: /annualLateCharge|annualFinanceCharge/,
	},
	'dentrixPaymentAgreement.firstPaymentDue': { type: 'date' },
	'dentrixPaymentAgreement.note': { type: 'text' },
	'dentrixPaymentAgreement.statementNote': { type: 'text' },
	'dentrixPaymentAgreement.billingType': { type: 'textRequired' },
	'dentrixPaymentAgreement.interval': { type: 'enum' },
};

const OPEN_DENTAL_FIELDS: Record<string, Field> = {
	...common,
	'treatmentPlan.patientId': { type: 'odNumber', named: /patNum|patientId/ },
	'treatmentPlan.guarantorId': { type: 'odNumber', named: /guarantor/ },
	'careCreditPayment.paymentDate': { type: 'date', named: /payDate/ },
	'shortfallPlan.totalCents': { type: 'cents', named: /totalCents/ },
	'shortfallPlan.paymentAmountCents': { type: 'cents', named: /paymentAmountCents/ },
	'shortfallPlan.downPaymentCents': { type: 'cents', named: /downPaymentCents/ },
	'shortfallPlan.numberOfPayments': { type: 'count', named: /numberOfPayments|schedule/ },
	'shortfallPlan.aprBasisPoints': { type: 'count', named: /aprBasisPoints|schedule/ },
	'shortfallPlan.firstPaymentDate': { type: 'date', named: /firstPaymentDate/ },
	'shortfallPlan.agreementDate': { type: 'date', named: /payPlanDate/ },
	'shortfallPlan.note': { type: 'text', named: /payPlan\.note/ },
	'shortfallPlan.interval': { type: 'enum', named: /interval/ },
};

const dentrixCases = (): Case[] => [
	{
		label: 'a down payment equal to the total',
		item: { 'dentrixPaymentAgreement.downPaymentCents': 325001 },
		named: /downPaymentCents/,
	},
	{
		label: 'terms that do not add up',
		item: { 'dentrixPaymentAgreement.numberOfPayments': 23 },
		named: /schedule|paymentAmountCents/,
	},
	{
		label: 'a guarantor other than the plan’s',
		item: { 'dentrixPaymentAgreement.guarantorId': 'pat_1009' },
		named: /guarantorId/,
	},
	{
		label: 'charges on a financing record',
		item: { 'dentrixPaymentAgreement.annualFinanceChargeBasisPoints': 500 },
		named: /annualFinanceCharge/,
	},
	{
		label: 'a declined decision',
		item: { 'decision.status': 'declined' },
		named: /decision\.status/,
	},
	{
		label: 'procedures not a list',
		item: { 'treatmentPlan.procedures': 'x' },
		named: /procedures/,
	},
	{
		label: 'a merchant fee above its payment',
		item: { 'careCreditPayment.feeAdjustmentCents': 325002 },
		named: /merchantFee/,
	},
	{
		label: 'an audit note without its reference',
		item: { auditNote: 'Financing arranged' },
		named: /auditNote/,
	},
	{
		label: 'another family’s guarantor, consistently',
		item: {
			'treatmentPlan.guarantorId': 'pat_1009',
			'dentrixPaymentAgreement.guarantorId': 'pat_1009',
		},
		named: /guarantorId/,
		factsOnly: true,
	},
	{
		label: 'a patient Dentrix does not know',
		item: { 'treatmentPlan.patientId': 'pat_9999' },
		named: /patientId/,
		factsOnly: true,
	},
];

const openDentalCases = (only: 'plan' | 'all'): Case[] => [
	{
		label: 'a down payment equal to the total',
		item: { 'shortfallPlan.downPaymentCents': 75001 },
		named: /downPaymentCents/,
	},
	{
		label: 'a term that disagrees with the schedule',
		item: { 'shortfallPlan.numberOfPayments': 1000 },
		named: /numberOfPayments|schedule/,
	},
	{
		label: 'procedure ids not a list',
		item: { 'shortfallPlan.procedureIds': '5001' },
		named: /procedureIds/,
	},
	{
		label: 'procedure ids as numbers',
		item: { 'shortfallPlan.procedureIds': [5001] },
		named: /procedureIds/,
	},
	{ label: 'no procedures', item: { 'shortfallPlan.procedureIds': [] }, named: /procedureIds/ },
	{
		label: 'a procedure not on the plan',
		item: { 'shortfallPlan.procedureIds': ['1'] },
		named: /procedureIds/,
	},
	{
		label: 'a procedure id that is only part of one',
		item: { 'shortfallPlan.procedureIds': ['10'] },
		named: /procedureIds/,
	},
	{
		label: 'more than the procedures’ production',
		item: { 'shortfallPlan.totalCents': 9_000_000 },
		named: /totalCents|schedule|paymentAmount/,
	},
	{ label: 'twice a month', item: { 'shortfallPlan.interval': 'semiMonthly' }, named: /interval/ },
	{
		label: 'a declined decision',
		item: { 'decision.status': 'declined' },
		named: /decision\.status/,
	},
	{
		label: 'an audit note without its reference',
		item: { auditNote: 'Financing arranged' },
		named: /auditNote/,
	},
	{
		label: 'a patient Open Dental does not know',
		item: { 'treatmentPlan.patientId': '99999' },
		named: /patNum|patientId/,
		factsOnly: true,
	},
	...(only === 'plan'
		? [
				{
					label: 'a guarantor of another family',
					item: { 'treatmentPlan.guarantorId': '201' },
					named: /guarantor/,
					factsOnly: true,
				},
			]
		: []),
];

function arrangementTarget(
	name: string,
	system: 'dentrix' | 'openDental',
	node: 'dentrix' | 'openDental' | 'paymentArrangement',
	parameters: Record<string, unknown>,
	cases: (b: Base) => Case[],
	legitWrites = true,
): Target {
	return {
		name,
		node,
		credentials:
			node === 'paymentArrangement' ? [] : [system === 'dentrix' ? 'dentrixApi' : 'openDentalApi'],
		reviewOutput: node === 'paymentArrangement' ? 1 : undefined,
		arrangement: system,
		parameters,
		good: (b) => ({
			arrangement: system === 'dentrix' ? b.dentrixArrangement : b.openDentalArrangement,
		}),
		fields: system === 'dentrix' ? DENTRIX_FIELDS : OPEN_DENTAL_FIELDS,
		crossField: (b) => cases(b).filter((c) => !(node === 'paymentArrangement' && c.factsOnly)),
		legit: () => (legitWrites ? [{ auditNoteSuffix: UNICODE }] : []),
	};
}

const arrangement = e('arrangement');

export const ARRANGEMENT_TARGETS: Target[] = [
	arrangementTarget(
		'Dentrix Payment Agreement (arrangement)',
		'dentrix',
		'dentrix',
		{
			resource: 'paymentAgreement',
			operation: 'create',
			source: 'arrangement',
			arrangement,
		},
		dentrixCases,
	),
	arrangementTarget(
		'Dentrix Ledger Note (arrangement)',
		'dentrix',
		'dentrix',
		{
			resource: 'ledgerNote',
			operation: 'create',
			source: 'arrangement',
			arrangement,
		},
		dentrixCases,
	),
	arrangementTarget(
		'Dentrix Payment: Post (arrangement)',
		'dentrix',
		'dentrix',
		{
			resource: 'payment',
			operation: 'post',
			source: 'arrangement',
			arrangement,
			transactionId: 'TXN-700001',
		},
		dentrixCases,
	),
	arrangementTarget(
		'Open Dental Payment Plan (arrangement)',
		'openDental',
		'openDental',
		{
			resource: 'paymentPlan',
			operation: 'create',
			arrangement,
		},
		() => openDentalCases('plan'),
	),
	arrangementTarget(
		'Open Dental Commlog (arrangement)',
		'openDental',
		'openDental',
		{
			resource: 'commlog',
			operation: 'create',
			source: 'arrangement',
			arrangement,
		},
		() => openDentalCases('all'),
	),
	arrangementTarget(
		'Open Dental Payment (arrangement)',
		'openDental',
		'openDental',
		{
			resource: 'payment',
			operation: 'create',
			source: 'arrangement',
			arrangement,
			transactionId: 'TXN-900001',
			openDental: { careCreditPayType: 72, clinicNum: 2 },
		},
		() => openDentalCases('all'),
	),
	arrangementTarget(
		'Validate for Dentrix',
		'dentrix',
		'paymentArrangement',
		{
			operation: 'validate',
			arrangement,
			target: 'dentrix',
		},
		dentrixCases,
		false,
	),
	arrangementTarget(
		'Validate for Open Dental',
		'openDental',
		'paymentArrangement',
		{
			operation: 'validate',
			arrangement,
			target: 'openDental',
		},
		() => openDentalCases('all'),
		false,
	),
];

/** Build: a decision and a treatment plan, as the CareCredit and Dentrix nodes output them. */
export const BUILD: Target = {
	name: 'Payment Arrangement: Build',
	node: 'paymentArrangement',
	credentials: [],
	nested: true,
	parameters: {
		operation: 'build',
		decision: e('decision'),
		treatmentPlan: e('plan'),
		policy: {
			financingBillingType: 'Third-Party Financing - No Statements',
			shortfallBillingType: 'Payment Agreement',
			timeZone: 'America/Chicago',
		},
	},
	good: (b) => ({ decision: b.buildDecision, plan: b.buildPlan }),
	fields: {
		'decision.status': { type: 'enum' },
		'decision.accountKind': { type: 'enum' },
		'decision.approvedAmountCents': { type: 'cents' },
		'decision.creditLineCents': { type: 'cents', nullable: true },
		'decision.applicationId': { type: 'id' },
		'plan.totalCents': { type: 'cents', named: /totalCents/ },
		'plan.patientPortionCents': { type: 'cents', named: /patientPortionCents/ },
		'plan.patientId': { type: 'id', named: /patientId/ },
		'plan.guarantorId': { type: 'id', named: /guarantorId/ },
		'plan.procedures.0.feeCents': { type: 'cents', named: /feeCents/ },
		'plan.procedures.0.patientPortionCents': { type: 'cents', named: /patientPortionCents/ },
	},
	crossField: () => [
		{
			label: 'a decision for another patient',
			item: { 'decision.pms.patientId': 'pat_1001' },
			named: /patientId/,
		},
		{
			label: 'a decision for another plan',
			item: { 'decision.pms.treatmentPlanId': 'tp_2001' },
			named: /treatmentPlanId/,
		},
		{ label: 'procedures not a list', item: { 'plan.procedures': 'x' }, named: /procedures/ },
		{
			label: 'a patient portion above the total',
			item: { 'plan.patientPortionCents': 475001 },
			named: /patientPortionCents/,
		},
	],
	legit: () => [{ 'plan.patientName': 'Zoë Ångström-Núñez 😀 שלום' }],
};
