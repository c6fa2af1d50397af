// Purchases and refunds (no void: domain.md §2 item 6). A purchase or refund repeated with the
// same partnerTransactionID answers the first one and never charges twice.
import type { SandboxRequest, SandboxResponse } from '../core/types';
import { field, type FieldError, invalid, syfError } from './errors';
import { checkMerchant } from './merchants';
import { feeCents, obj, str, toCents, toDollars } from './wire';
import type { Account, CareCreditState, Ctx, Merchant, Transaction } from './types';

export const available = (account: Account): number =>
	account.creditLineCents - account.balanceCents;

/** A transaction as the pullback's `transactionDetails` element (domain.md §2). */
export function transactionBody(state: CareCreditState, tx: Transaction): Record<string, unknown> {
	const account = state.accounts.find((a) => a.accountNumber === tx.accountNumber);
	return {
		customerName: account ? `${account.firstName} ${account.lastName}` : '',
		merchantNumber: tx.merchantNumber,
		promoCode: tx.promoCode,
		practiceMemo: tx.practiceMemo,
		cardHolderFirstName: account?.firstName ?? '',
		cardHolderLastName: account?.lastName ?? '',
		cardHolderPhone: account?.phone ?? '',
		transactionAmount: toDollars(tx.amountCents),
		transactionID: tx.transactionID,
		transactionType: tx.transactionType,
		transactionStatus: tx.transactionStatus,
		transactionDateTime: tx.at,
		authCode: tx.authCode,
		partnerTransactionID: tx.partnerTransactionID,
		discountPercentage: tx.discountPercentage,
		merchantFee: toDollars(tx.merchantFeeCents),
		netAmount: toDollars(tx.amountCents - tx.merchantFeeCents),
		partnerCode: tx.partnerCode,
		referenceId: tx.referenceId,
	};
}

export interface PurchaseInput {
	merchant: Merchant;
	account: Account;
	partnerCode: string;
	partnerTransactionID: string;
	promoCode: string;
	amountCents: number;
	practiceMemo: string;
	invoiceNumber: string;
	sessionId: string | null;
}

/** Field errors a purchase would fail with; empty when it can go through. */
export function purchaseErrors(ctx: Ctx, input: Omit<PurchaseInput, 'merchant'>): FieldError[] {
	const promotion = ctx.state.settings.promotions[input.promoCode];
	if (!promotion) return [field('transactionInfo.promoCode', 'unknown promo code')];
	if (input.amountCents < promotion.minimumPurchaseCents) {
		return [
			field(
				'transactionInfo.purchaseAmount',
				`below the ${input.promoCode} minimum of ${toDollars(promotion.minimumPurchaseCents)}`,
			),
		];
	}
	if (input.amountCents > available(input.account)) {
		return [field('transactionInfo.purchaseAmount', 'exceeds the available credit')];
	}
	return [];
}

export function makePurchase(ctx: Ctx, input: PurchaseInput): Transaction {
	const seq = ctx.nextId('careCredit.transaction', 100001);
	const percent = ctx.state.settings.promotions[input.promoCode].merchantFeePercent;
	const tx: Transaction = {
		transactionID: `TXN-${seq}`,
		referenceId: `REF-${ctx.nextId('careCredit.reference', 100001)}`,
		transactionType: 'PURCHASE',
		transactionStatus: 'APPROVED',
		merchantNumber: input.merchant.merchantNumber,
		partnerCode: input.partnerCode,
		partnerTransactionID: input.partnerTransactionID,
		promoCode: input.promoCode,
		practiceMemo: input.practiceMemo,
		invoiceNumber: input.invoiceNumber,
		amountCents: input.amountCents,
		discountPercentage: percent,
		merchantFeeCents: feeCents(input.amountCents, percent),
		at: ctx.now().toISOString(),
		authCode: String(seq).padStart(6, '0'),
		accountNumber: input.account.accountNumber,
		sessionId: input.sessionId,
		originalReferenceId: null,
	};
	input.account.balanceCents += input.amountCents;
	ctx.state.transactions.push(tx);
	return tx;
}

/** A positive dollar amount in cents, or the reason it is not one. */
function positiveCents(value: unknown): number | string {
	if (value === undefined || value === null || value === '') return 'is required';
	if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
	if (value <= 0) return 'must be positive';
	return toCents(value);
}

/** Merchant and partnerTransactionID checks, and the first answer for a repeated id. */
function common(
	req: SandboxRequest,
	ctx: Ctx,
	type: Transaction['transactionType'],
): { merchant: Merchant; partnerTransactionID: string } | SandboxResponse {
	const body = obj(req.body);
	const merchant = checkMerchant(req, ctx, obj(body.merchantInfo).merchantNumber);
	if (merchant.response) return merchant.response;
	const errors = [...merchant.errors];
	const partnerTransactionID = str(body.partnerTransactionID);
	if (!partnerTransactionID) errors.push(field('partnerTransactionID', 'is required'));
	if (errors.length || !merchant.merchant) return invalid(req, errors);
	const first = ctx.state.transactions.find(
		(t) =>
			t.transactionType === type &&
			t.merchantNumber === merchant.merchant!.merchantNumber &&
			t.partnerTransactionID === partnerTransactionID,
	);
	if (first) return { status: 200, body: transactionBody(ctx.state, first) };
	return { merchant: merchant.merchant, partnerTransactionID };
}

export function purchase(req: SandboxRequest, ctx: Ctx): SandboxResponse {
	const checked = common(req, ctx, 'PURCHASE');
	if ('status' in checked) return checked;
	const body = obj(req.body);
	const info = obj(body.transactionInfo);
	let account: Account | undefined;
	let sessionId: string | null = null;
	const referenceId = str(body.referenceId);
	const accountNumber = str(obj(body.accountInfo)['cipher.accountNumber']);
	if (referenceId) {
		const session = ctx.state.sessions.find(
			(s) => s.referenceId === referenceId && s.merchantNumber === checked.merchant.merchantNumber,
		);
		if (!session) return syfError(req, 404, 'No session with this referenceId');
		if (!session.accountNumber) {
			return invalid(req, [field('referenceId', 'the session has no approved account')]);
		}
		sessionId = session.sessionId;
		account = ctx.state.accounts.find((a) => a.accountNumber === session.accountNumber);
	} else if (accountNumber) {
		account = ctx.state.accounts.find((a) => a.accountNumber === accountNumber);
		if (!account) return syfError(req, 404, 'No such account');
	} else {
		return invalid(req, [
			field('referenceId', 'referenceId or accountInfo.cipher.accountNumber is required'),
		]);
	}
	const amount = positiveCents(info.purchaseAmount);
	const promoCode = str(info.promoCode);
	const errors: FieldError[] = [];
	if (typeof amount === 'string') errors.push(field('transactionInfo.purchaseAmount', amount));
	if (!promoCode) errors.push(field('transactionInfo.promoCode', 'is required'));
	if (errors.length) return invalid(req, errors);
	const input: PurchaseInput = {
		merchant: checked.merchant,
		account: account!,
		partnerCode: str(obj(body.merchantInfo).partnerCode),
		partnerTransactionID: checked.partnerTransactionID,
		promoCode,
		amountCents: amount as number,
		practiceMemo: str(info.practiceMemo),
		invoiceNumber: str(info.invoiceNumber),
		sessionId,
	};
	const refused = purchaseErrors(ctx, input);
	if (refused.length) return invalid(req, refused);
	return { status: 200, body: transactionBody(ctx.state, makePurchase(ctx, input)) };
}

export function refund(req: SandboxRequest, ctx: Ctx): SandboxResponse {
	const checked = common(req, ctx, 'REFUND');
	if ('status' in checked) return checked;
	const body = obj(req.body);
	const info = obj(body.transactionInfo);
	const referenceId = str(body.referenceId);
	if (!referenceId) return invalid(req, [field('referenceId', 'is required')]);
	const original = ctx.state.transactions.find(
		(t) =>
			t.transactionType === 'PURCHASE' &&
			t.referenceId === referenceId &&
			t.merchantNumber === checked.merchant.merchantNumber,
	);
	if (!original) return syfError(req, 404, 'No purchase with this referenceId');
	const amount = positiveCents(info.refundAmount);
	if (typeof amount === 'string')
		return invalid(req, [field('transactionInfo.refundAmount', amount)]);
	const refunded = ctx.state.transactions
		.filter((t) => t.transactionType === 'REFUND' && t.originalReferenceId === referenceId)
		.reduce((sum, t) => sum + t.amountCents, 0);
	if (amount > original.amountCents - refunded) {
		return invalid(req, [
			field('transactionInfo.refundAmount', 'exceeds the purchase amount not yet refunded'),
		]);
	}
	const seq = ctx.nextId('careCredit.transaction', 100001);
	const tx: Transaction = {
		...original,
		transactionID: `TXN-${seq}`,
		referenceId: `REF-${ctx.nextId('careCredit.reference', 100001)}`,
		transactionType: 'REFUND',
		partnerTransactionID: checked.partnerTransactionID,
		practiceMemo: str(info.practiceMemo),
		amountCents: amount,
		merchantFeeCents: feeCents(amount, original.discountPercentage),
		at: ctx.now().toISOString(),
		authCode: String(seq).padStart(6, '0'),
		originalReferenceId: referenceId,
	};
	const account = ctx.state.accounts.find((a) => a.accountNumber === original.accountNumber);
	if (account) account.balanceCents -= amount;
	ctx.state.transactions.push(tx);
	return { status: 200, body: transactionBody(ctx.state, tx) };
}

export function getTransaction(req: SandboxRequest, ctx: Ctx): SandboxResponse {
	const tx = ctx.state.transactions.find((t) => t.transactionID === req.params.transactionID);
	if (!tx) return syfError(req, 404, 'No such transaction');
	return { status: 200, body: transactionBody(ctx.state, tx) };
}

/**
 * The transactions of one purchase (modeled, docs/carecredit-api.md): the purchase whose own
 * `referenceId` it is, and the refunds naming it (`originalReferenceId`).
 */
export function listTransactions(req: SandboxRequest, ctx: Ctx): SandboxResponse {
	const referenceId = str(req.query.referenceId);
	if (!referenceId) return invalid(req, [field('referenceId', 'is required')]);
	const rows = ctx.state.transactions.filter(
		(t) =>
			(t.transactionType === 'PURCHASE' && t.referenceId === referenceId) ||
			(t.transactionType === 'REFUND' && t.originalReferenceId === referenceId),
	);
	return {
		status: 200,
		body: {
			transactions: rows.map((t) => ({
				...transactionBody(ctx.state, t),
				...(t.originalReferenceId ? { originalReferenceId: t.originalReferenceId } : {}),
			})),
		},
	};
}
