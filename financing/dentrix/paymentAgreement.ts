import { z } from 'zod/v3';

import {
	basisPointsField,
	byWriter,
	centsField,
	checkShape,
	contextProblems,
	dateField,
	enumField,
	fail,
	idField,
	ok,
	referenceTokenField,
	safeEcho,
	textField,
	wholeField,
	type Checked,
	type Result,
	type Values,
	type WireRequest,
	type WriteContext,
} from '../contract';
import { centsToDollars } from '../money';
import { PAYMENT_INTERVALS, type PaymentInterval } from '../schedule';
import { agreementRules, type Shape } from './agreementRules';
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
