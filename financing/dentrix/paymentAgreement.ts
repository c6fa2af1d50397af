import { z } from 'zod/v3';

import {
	basisPointsField,
	byWriter,
	centsField,
	checkShape,
	checkWindow,
	contextProblems,
	dateField,
	enumField,
	fail,
	idField,
	ledgerWindow,
	ok,
	referenceTokenField,
	safeEcho,
	screenFields,
	textField,
	wholeField,
	WINDOWS,
	type Checked,
	type Result,
	type Rule,
	type Values,
	type WireRequest,
	type WriteContext,
} from '../contract';
import { addDays } from '../dates';
import { hasReferenceToken } from '../decision';
import { centsToDollars, formatMoney } from '../money';
import { buildSchedule, PAYMENT_INTERVALS, type PaymentInterval } from '../schedule';
import { DENTRIX_LIMITS, guarantorRule, type DentrixAccountFacts } from './shared';

/**
 * Dentrix payment agreement: `POST /accounts/{guarantorId}/payment-agreements` (the modeled
 * contract of docs/dentrix-api.md, fields as Dentrix's Payment Agreement window shows them,
 * docs/financing-domain.md §3). One input type for both roads: the hand-entered fields
 * (`dentrixPaymentAgreementFromFields`) and the built arrangement
 * (`dentrixPaymentAgreementFromArrangement`) both reach `checkDentrixPaymentAgreement`.
 */
export const dentrixPaymentAgreementShape = {
	/** `financingRecord`: CareCredit pays (no charges, no statements); `shortfallPlan`: in-house. */
	role: enumField(['financingRecord', 'shortfallPlan'] as const),
	patientId: idField("the patient's Dentrix id"),
	guarantorId: idField("the guarantor's Dentrix id"),
	referenceToken: referenceTokenField(),
	billingType: textField(DENTRIX_LIMITS.typeName, 1),
	agreementDate: dateField(),
	interval: enumField(PAYMENT_INTERVALS),
	annualFinanceChargeBasisPoints: basisPointsField(),
	annualLateChargeBasisPoints: basisPointsField(),
	gracePeriodDays: wholeField(0, DENTRIX_LIMITS.gracePeriodDays, ' days (Dentrix)'),
	minimumLateChargeCents: centsField(0),
	minimumBalanceToChargeCents: centsField(0),
	totalAgreedAmountCents: centsField(1),
	downPaymentCents: centsField(0),
	firstPaymentDue: dateField(),
	paymentAmountCents: centsField(1),
	numberOfPayments: wholeField(1, DENTRIX_LIMITS.numberOfPayments),
	/**
	 * The APR the payment was worked out at: the finance charge of an in-house plan; for a
	 * financing record, the CareCredit plan's APR (the patient's estimated payment to CareCredit).
	 */
	paymentAprBasisPoints: basisPointsField(),
	note: textField(DENTRIX_LIMITS.paymentAgreementNote),
	statementNote: textField(DENTRIX_LIMITS.statementNote),
	sendStatements: z.boolean({ errorMap: () => ({ message: 'must be true or false' }) }),
};
export type DentrixPaymentAgreementInput = Values<typeof dentrixPaymentAgreementShape>;

/** The body Dentrix takes (docs/dentrix-api.md, "Payment agreements"): dollars and percents. */
export interface DentrixPaymentAgreementBody {
	billingType: string;
	agreementDate: string;
	interval: PaymentInterval;
	annualFinanceChargePercent: number;
	annualLateChargePercent: number;
	gracePeriodDays: number;
	minimumLateCharge: number;
	minimumBalanceToCharge: number;
	totalAgreedAmount: number;
	downPayment: number;
	firstPaymentDue: string;
	paymentAmount: number;
	numberOfPayments: number;
	note: string;
	statementNote: string;
}

/** What the writer reads before writing: the account's guarantor and its active agreement. */
export interface DentrixAgreementFacts extends DentrixAccountFacts {
	/** An active agreement on the account that does not carry this case's reference, or null. */
	activeAgreementId: string | null;
}

type Shape = typeof dentrixPaymentAgreementShape;

function agreementRules(context: WriteContext): Array<Rule<Shape>> {
	const [from, to] = ledgerWindow(context.today, WINDOWS.agreementAheadDays);
	return [
		{
			reads: ['agreementDate'],
			check: (a, report) =>
				checkWindow(
					report,
					'agreementDate',
					a.agreementDate,
					from,
					to,
					'the agreement date',
					context.today,
				),
		},
		{
			reads: ['agreementDate', 'firstPaymentDue'],
			check: (a, report) =>
				checkWindow(
					report,
					'firstPaymentDue',
					a.firstPaymentDue,
					a.agreementDate,
					addDays(a.agreementDate, WINDOWS.firstPaymentWithinDays),
					'the first payment (from the agreement date to a year after it)',
					context.today,
				),
		},
		{
			reads: ['downPaymentCents', 'totalAgreedAmountCents'],
			check: (a, report) => {
				if (a.downPaymentCents >= a.totalAgreedAmountCents)
					report(
						'downPaymentCents',
						'downPaymentNotBelowTotal',
						`the down payment ${formatMoney(a.downPaymentCents)} must be less than the total agreed amount (totalAgreedAmountCents, ${formatMoney(a.totalAgreedAmountCents)}); lower the down payment or raise the total`,
					);
			},
		},
		{
			reads: [
				'role',
				'annualFinanceChargeBasisPoints',
				'annualLateChargeBasisPoints',
				'minimumLateChargeCents',
				'sendStatements',
			],
			check: (a, report) => {
				if (a.role !== 'financingRecord') return;
				// The patient owes CareCredit, not the practice (docs/financing-domain.md §7).
				const charges =
					a.annualFinanceChargeBasisPoints +
					a.annualLateChargeBasisPoints +
					a.minimumLateChargeCents;
				if (charges !== 0)
					report(
						'annualFinanceChargeBasisPoints',
						'chargesOnFinancedCase',
						'finance and late charges (and the minimum late charge) must be 0 on a case CareCredit pays',
					);
				if (a.sendStatements)
					report(
						'sendStatements',
						'statementsOnFinancedCase',
						'a case CareCredit pays must not be billed on statements',
					);
			},
		},
		{
			reads: ['role', 'paymentAprBasisPoints', 'annualFinanceChargeBasisPoints'],
			check: (a, report) => {
				if (
					a.role === 'shortfallPlan' &&
					a.paymentAprBasisPoints !== a.annualFinanceChargeBasisPoints
				)
					report(
						'paymentAprBasisPoints',
						'aprMismatch',
						'an in-house plan is paid at its own finance charge: make it equal annualFinanceChargeBasisPoints',
					);
			},
		},
		{
			reads: [
				'totalAgreedAmountCents',
				'downPaymentCents',
				'paymentAmountCents',
				'numberOfPayments',
				'interval',
				'firstPaymentDue',
				'paymentAprBasisPoints',
			],
			check: (a, report) => scheduleRule(a, report),
		},
		{
			reads: ['note', 'referenceToken'],
			check: (a, report) => {
				if (!hasReferenceToken(a.note, a.referenceToken))
					report(
						'note',
						'referenceTokenMissing',
						`must carry the case reference ${a.referenceToken}, so the case is never written twice`,
					);
			},
		},
		{
			reads: [],
			check: (a, report) =>
				screenFields(report, context.today, {
					note: a.note,
					statementNote: a.statementNote,
					billingType: a.billingType,
				}),
		},
	];
}

/** The terms equal the schedule they build: N payments of P (last one smaller) pay off the total. */
function scheduleRule(
	a: DentrixPaymentAgreementInput,
	report: (f: string, c: string, m: string) => void,
) {
	const financed = a.totalAgreedAmountCents - a.downPaymentCents;
	if (financed <= 0) return;
	if (a.paymentAprBasisPoints === 0 && a.paymentAmountCents * a.numberOfPayments < financed) {
		report(
			'paymentAmountCents',
			'inconsistent',
			`${a.numberOfPayments} payments of ${formatMoney(a.paymentAmountCents)} do not cover ${formatMoney(financed)}`,
		);
		return;
	}
	const built = buildSchedule({
		principalCents: financed,
		aprBasisPoints: a.paymentAprBasisPoints,
		interval: a.interval,
		firstPaymentDate: a.firstPaymentDue,
		term: { paymentAmountCents: a.paymentAmountCents, maxNumberOfPayments: 600 },
		field: 'paymentAmountCents',
	});
	if (!built.ok) {
		for (const p of built.problems)
			report('paymentAmountCents', p.code, p.message.replace(/^[^:]*: /, ''));
	} else if (built.value.numberOfPayments !== a.numberOfPayments) {
		report(
			'schedule',
			'scheduleMismatch',
			`payments of ${formatMoney(a.paymentAmountCents)} pay off ${formatMoney(financed)} in ${built.value.numberOfPayments} payments (the last ${formatMoney(built.value.lastPaymentCents)}), not ${a.numberOfPayments}; change the number of payments or the payment`,
		);
	}
}

/** The request body from a checked input: the only place its amounts become dollars. */
export function dentrixPaymentAgreementBody(
	a: DentrixPaymentAgreementInput,
): DentrixPaymentAgreementBody {
	return {
		billingType: a.billingType,
		agreementDate: a.agreementDate,
		interval: a.interval,
		annualFinanceChargePercent: a.annualFinanceChargeBasisPoints / 100,
		annualLateChargePercent: a.annualLateChargeBasisPoints / 100,
		gracePeriodDays: a.gracePeriodDays,
		minimumLateCharge: centsToDollars(a.minimumLateChargeCents),
		minimumBalanceToCharge: centsToDollars(a.minimumBalanceToChargeCents),
		totalAgreedAmount: centsToDollars(a.totalAgreedAmountCents),
		downPayment: centsToDollars(a.downPaymentCents),
		firstPaymentDue: a.firstPaymentDue,
		paymentAmount: centsToDollars(a.paymentAmountCents),
		numberOfPayments: a.numberOfPayments,
		note: a.note,
		statementNote: a.statementNote,
	};
}

/**
 * The one check of a Dentrix payment agreement, for both roads. With `facts` (the writer) every
 * rule runs; without them (Payment Arrangement: Validate) the fact rules are listed in
 * `checkedByWriter`. Every problem at once; never throws.
 */
export function checkDentrixPaymentAgreement(
	input: unknown,
	context: WriteContext,
	facts?: DentrixAgreementFacts,
	prefix = '',
): Result<Checked<WireRequest<DentrixPaymentAgreementBody>>> {
	const bad = contextProblems(context);
	if (bad.length > 0) return fail(...bad);
	const rules = agreementRules(context);
	if (facts) {
		rules.push(guarantorRule<Shape>(facts));
		rules.push({
			reads: ['guarantorId'],
			check: (a, report) => {
				if (facts.activeAgreementId !== null)
					report(
						'guarantorId',
						'activeAgreementExists',
						`account ${safeEcho(a.guarantorId)} already has an active payment agreement (${safeEcho(facts.activeAgreementId)}); Dentrix keeps one per account and this package never overwrites one`,
					);
			},
		});
	}
	const checked = checkShape(input, dentrixPaymentAgreementShape, rules, prefix);
	if (!checked.ok) return checked;
	const a = checked.value;
	return ok({
		request: {
			method: 'POST',
			path: `/accounts/${encodeURIComponent(a.guarantorId)}/payment-agreements`,
			body: dentrixPaymentAgreementBody(a),
		},
		checkedByWriter: facts
			? []
			: [
					byWriter(
						`${prefix ? `${prefix}.` : ''}guarantorId`,
						"is the patient's account guarantor in Dentrix",
					),
					byWriter(
						`${prefix ? `${prefix}.` : ''}guarantorId`,
						'the account has no other active payment agreement',
					),
				],
	});
}
