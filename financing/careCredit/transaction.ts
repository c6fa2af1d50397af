import { z } from 'zod/v3';

import {
	byWriter,
	centsField,
	checkShape,
	contextProblems,
	fail,
	idField,
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
import { centsToDollars, formatMoney, type Cents } from '../money';
import { choosePromotionalPlan, DEFAULT_PLAN_CATALOG, type PromotionalPlan } from '../plans';
import { WireReader } from '../wireRecord';

/**
 * CareCredit purchase and refund (message shapes of docs/financing-domain.md §2; paths modeled,
 * docs/carecredit-api.md). Purchases cannot be voided, only refunded with the original
 * reference id (§2 item 6).
 */

/** A merchant number is exactly 16 digits (docs/financing-domain.md §2 item 5). */
export const merchantNumberField = () =>
	z
		.string({ errorMap: () => ({ message: 'must be the 16-digit merchant number as text' }) })
		.refine((s) => /^\d{16}$/.test(s), {
			message: 'must be exactly 16 digits (the CareCredit merchant number)',
			params: { code: 'invalidMerchantNumber' },
		});

/** The problem with a merchant number, or null; never quotes the value. */
export function merchantNumberProblem(value: unknown): string | null {
	if (typeof value !== 'string' || value.trim() === '') return 'it is empty';
	return /^\d{16}$/.test(value.trim()) ? null : 'it must be exactly 16 digits';
}

const memo = () => textField(120);

export const careCreditPurchaseShape = {
	merchantNumber: merchantNumberField(),
	partnerCode: textField(32),
	referenceId: idField('the reference id of the approved session'),
	/** A stable id for this purchase: CareCredit answers a repeat with the first purchase. */
	partnerTransactionId: idField('a stable partner transaction id'),
	amountCents: centsField(1),
	promoCode: z
		.string({ errorMap: () => ({ message: 'must be a plan code such as DI12' }) })
		.regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be a plan code such as DI12'),
	practiceMemo: memo(),
	invoiceNumber: textField(64),
};
export type CareCreditPurchaseInput = Values<typeof careCreditPurchaseShape>;

export const careCreditRefundShape = {
	merchantNumber: merchantNumberField(),
	/** The purchase's own reference id. */
	referenceId: idField("the purchase's reference id"),
	partnerTransactionId: idField('a stable partner transaction id'),
	amountCents: centsField(1),
	practiceMemo: memo(),
};
export type CareCreditRefundInput = Values<typeof careCreditRefundShape>;

export interface CareCreditPurchaseBody {
	merchantInfo: { merchantNumber: string; partnerCode?: string };
	referenceId: string;
	partnerTransactionID: string;
	transactionInfo: {
		promoCode: string;
		purchaseAmount: number;
		practiceMemo?: string;
		invoiceNumber?: string;
	};
}
export interface CareCreditRefundBody {
	merchantInfo: { merchantNumber: string };
	referenceId: string;
	partnerTransactionID: string;
	transactionInfo: { refundAmount: number; practiceMemo?: string };
}

export interface CareCreditContext extends WriteContext {
	/** The practice's plan catalog; the defaults of docs/financing-domain.md §2 when absent. */
	planCatalog?: readonly PromotionalPlan[];
}

const optional = <T extends object>(o: T): T =>
	Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '')) as T;

export function checkCareCreditPurchase(
	input: unknown,
	context: CareCreditContext,
	prefix = '',
): Result<Checked<WireRequest<CareCreditPurchaseBody>>> {
	const bad = contextProblems(context);
	if (bad.length > 0) return fail(...bad);
	type S = typeof careCreditPurchaseShape;
	const rules: Array<Rule<S>> = [
		{
			reads: ['promoCode', 'amountCents'],
			check: (p, report) => {
				const chosen = choosePromotionalPlan(
					p.amountCents,
					context.planCatalog ?? DEFAULT_PLAN_CATALOG,
					{ rule: 'none' },
					p.promoCode,
					'promoCode',
				);
				if (!chosen.ok)
					for (const x of chosen.problems)
						report('promoCode', x.code, x.message.replace(/^[^:]*: /, ''));
			},
		},
		{
			reads: [],
			check: (p, report) =>
				screenFields(report, context.today, {
					practiceMemo: p.practiceMemo,
					invoiceNumber: p.invoiceNumber,
				}),
		},
	];
	const checked = checkShape(input, careCreditPurchaseShape, rules, prefix);
	if (!checked.ok) return checked;
	const p = checked.value;
	return ok({
		request: {
			method: 'POST',
			path: '/v1/carecredit/transactions/purchase',
			body: {
				merchantInfo: optional({ merchantNumber: p.merchantNumber, partnerCode: p.partnerCode }),
				referenceId: p.referenceId,
				partnerTransactionID: p.partnerTransactionId,
				transactionInfo: optional({
					promoCode: p.promoCode.toUpperCase(),
					purchaseAmount: centsToDollars(p.amountCents),
					practiceMemo: p.practiceMemo,
					invoiceNumber: p.invoiceNumber,
				}),
			},
		},
		checkedByWriter: [],
	});
}

/** What the refund writer reads first (`GET` the purchase): its amount and earlier refunds. */
export interface CareCreditRefundFacts {
	purchaseAmountCents: Cents;
	refundedCents: Cents;
}

export function checkCareCreditRefund(
	input: unknown,
	context: WriteContext,
	facts?: CareCreditRefundFacts,
	prefix = '',
): Result<Checked<WireRequest<CareCreditRefundBody>>> {
	const bad = contextProblems(context);
	if (bad.length > 0) return fail(...bad);
	type S = typeof careCreditRefundShape;
	const rules: Array<Rule<S>> = [
		{
			reads: [],
			check: (p, report) => screenFields(report, context.today, { practiceMemo: p.practiceMemo }),
		},
	];
	if (facts)
		rules.push({
			reads: ['amountCents'],
			check: (p, report) => {
				const left = facts.purchaseAmountCents - facts.refundedCents;
				if (p.amountCents > left)
					report(
						'amountCents',
						'refundAbovePurchase',
						`${formatMoney(p.amountCents)} is more than what is left of the purchase (${formatMoney(left)})`,
					);
			},
		});
	const checked = checkShape(input, careCreditRefundShape, rules, prefix);
	if (!checked.ok) return checked;
	const p = checked.value;
	return ok({
		request: {
			method: 'POST',
			path: '/v1/carecredit/transactions/refund',
			body: {
				merchantInfo: { merchantNumber: p.merchantNumber },
				referenceId: p.referenceId,
				partnerTransactionID: p.partnerTransactionId,
				transactionInfo: optional({
					refundAmount: centsToDollars(p.amountCents),
					practiceMemo: p.practiceMemo,
				}),
			},
		},
		checkedByWriter: facts
			? []
			: [
					byWriter(
						`${prefix ? `${prefix}.` : ''}amountCents`,
						'is at most the purchase less earlier refunds',
					),
				],
	});
}

/** A transaction of the pullback's `transactionDetails` (§2 item 2), amounts in cents. */
export interface CareCreditTransactionRecord {
	transactionId: string | null;
	partnerTransactionId: string | null;
	referenceId: string | null;
	type: string | null;
	status: string | null;
	amountCents: Cents | null;
	merchantFeeCents: Cents | null;
	netAmountCents: Cents | null;
	promotionalPlan: string | null;
	transactionDateTime: string | null;
}

export function careCreditTransactionFromResponse(
	body: unknown,
): Result<CareCreditTransactionRecord> {
	const r = new WireReader(body);
	return r.result({
		transactionId: r.id('transactionID'),
		partnerTransactionId: r.id('partnerTransactionID'),
		referenceId: r.id('referenceId'),
		type: r.text('transactionType'),
		status: r.text('transactionStatus'),
		amountCents: r.cents('transactionAmount'),
		merchantFeeCents: r.cents('merchantFee', false),
		netAmountCents: r.cents('netAmount', false),
		promotionalPlan: r.text('promoCode') || null,
		transactionDateTime: r.text('transactionDateTime'),
	});
}
