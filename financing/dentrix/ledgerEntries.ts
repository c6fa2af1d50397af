import {
	byWriter,
	centsField,
	checkShape,
	checkWindow,
	contextProblems,
	dateField,
	fail,
	idField,
	ledgerWindow,
	ok,
	screenFields,
	textField,
	type Checked,
	type Result,
	type Rule,
	type Values,
	type WireRequest,
	type WriteContext,
} from '../contract';
import { centsToDollars, formatMoney } from '../money';
import { accountPath, DENTRIX_LIMITS, guarantorRule, type DentrixAccountFacts } from './shared';

/**
 * Dentrix payments and adjustments: `POST /accounts/{guarantorId}/payments` and `/adjustments`
 * (docs/dentrix-api.md, "Payments and adjustments"). The CareCredit transaction id is the entry's
 * `reference`, how a second run finds it. A merchant fee adjustment travels with its payment and
 * may not exceed it.
 */
const entryFields = {
	guarantorId: idField("the guarantor's Dentrix id"),
	patientId: idField("the patient's Dentrix id"),
	amountCents: centsField(1),
	date: dateField(),
	/** The CareCredit transaction id (Dentrix `reference`, at most 64 characters). */
	transactionId: idField('the CareCredit transaction id'),
	note: textField(DENTRIX_LIMITS.paymentNote),
};

export const dentrixPaymentShape = {
	...entryFields,
	paymentType: textField(DENTRIX_LIMITS.typeName, 1),
	/** With gross posting, the merchant fee written off as an adjustment; null for none. */
	merchantFeeCents: centsField(0).nullable(),
	merchantFeeType: textField(DENTRIX_LIMITS.typeName, 1),
};
export type DentrixPaymentInput = Values<typeof dentrixPaymentShape>;

export const dentrixAdjustmentShape = {
	...entryFields,
	type: textField(DENTRIX_LIMITS.typeName, 1),
	/** The payment or purchase this adjustment belongs to (a fee or refund may not exceed it). */
	belongsToAmountCents: centsField(1).nullable(),
};
export type DentrixAdjustmentInput = Values<typeof dentrixAdjustmentShape>;

export interface DentrixPaymentBody {
	patientId: string;
	paymentType: string;
	amount: number;
	date: string;
	reference: string;
	note: string;
}
export interface DentrixAdjustmentBody {
	patientId: string;
	type: string;
	amount: number;
	date: string;
	reference: string;
	note: string;
}

export interface DentrixPaymentRequests {
	payment: WireRequest<DentrixPaymentBody>;
	merchantFeeAdjustment: WireRequest<DentrixAdjustmentBody> | null;
}

function commonRules<S extends typeof entryFields>(
	context: WriteContext,
	facts: DentrixAccountFacts | undefined,
	texts: (v: Values<S>) => Record<string, unknown>,
): Array<Rule<S>> {
	const [from, to] = ledgerWindow(context.today);
	const rules: Array<Rule<S>> = [
		{
			reads: ['date'],
			check: (v, report) =>
				checkWindow(report, 'date', v.date, from, to, 'the date', context.today),
		},
		{ reads: [], check: (v, report) => screenFields(report, context.today, texts(v)) },
	];
	if (facts) rules.push(guarantorRule<S>(facts));
	return rules;
}

const writerRules = (facts: unknown, prefix: string) =>
	facts
		? []
		: [
				byWriter(
					`${prefix ? `${prefix}.` : ''}guarantorId`,
					"is the patient's account guarantor in Dentrix",
				),
			];

/** The check of a CareCredit payment (and its merchant fee adjustment), for both roads. */
export function checkDentrixPayment(
	input: unknown,
	context: WriteContext,
	facts?: DentrixAccountFacts,
	prefix = '',
): Result<Checked<DentrixPaymentRequests>> {
	const bad = contextProblems(context);
	if (bad.length > 0) return fail(...bad);
	type S = typeof dentrixPaymentShape;
	const rules = commonRules<S>(context, facts, (v) => ({
		note: v.note,
		paymentType: v.paymentType,
		merchantFeeType: v.merchantFeeType,
	}));
	rules.push({
		reads: ['merchantFeeCents', 'amountCents'],
		check: (v, report) => {
			if (v.merchantFeeCents !== null && v.merchantFeeCents > v.amountCents)
				report(
					'merchantFeeCents',
					'merchantFeeAbovePayment',
					`the merchant fee ${formatMoney(v.merchantFeeCents)} is more than the payment it belongs to (${formatMoney(v.amountCents)}); check the fee`,
				);
		},
	});
	const checked = checkShape(input, dentrixPaymentShape, rules, prefix);
	if (!checked.ok) return checked;
	const v = checked.value;
	const entry = {
		patientId: v.patientId,
		date: v.date,
		reference: v.transactionId,
		note: v.note,
	};
	return ok({
		request: {
			payment: {
				method: 'POST',
				path: accountPath(v.guarantorId, 'payments'),
				body: { ...entry, paymentType: v.paymentType, amount: centsToDollars(v.amountCents) },
			},
			merchantFeeAdjustment:
				v.merchantFeeCents !== null && v.merchantFeeCents > 0
					? {
							method: 'POST',
							path: accountPath(v.guarantorId, 'adjustments'),
							body: {
								...entry,
								type: v.merchantFeeType,
								amount: centsToDollars(v.merchantFeeCents),
							},
						}
					: null,
		},
		checkedByWriter: writerRules(facts, prefix),
	});
}

/** The check of an adjustment (a CareCredit refund, a merchant fee), for both roads. */
export function checkDentrixAdjustment(
	input: unknown,
	context: WriteContext,
	facts?: DentrixAccountFacts,
	prefix = '',
): Result<Checked<WireRequest<DentrixAdjustmentBody>>> {
	const bad = contextProblems(context);
	if (bad.length > 0) return fail(...bad);
	type S = typeof dentrixAdjustmentShape;
	const rules = commonRules<S>(context, facts, (v) => ({ note: v.note, type: v.type }));
	rules.push({
		reads: ['belongsToAmountCents', 'amountCents'],
		check: (v, report) => {
			if (v.belongsToAmountCents !== null && v.amountCents > v.belongsToAmountCents)
				report(
					'amountCents',
					'adjustmentAboveAmount',
					`${formatMoney(v.amountCents)} is more than the ${formatMoney(v.belongsToAmountCents)} it belongs to (belongsToAmountCents)`,
				);
		},
	});
	const checked = checkShape(input, dentrixAdjustmentShape, rules, prefix);
	if (!checked.ok) return checked;
	const v = checked.value;
	return ok({
		request: {
			method: 'POST',
			path: accountPath(v.guarantorId, 'adjustments'),
			body: {
				patientId: v.patientId,
				type: v.type,
				amount: centsToDollars(v.amountCents),
				date: v.date,
				reference: v.transactionId,
				note: v.note,
			},
		},
		checkedByWriter: writerRules(facts, prefix),
	});
}
