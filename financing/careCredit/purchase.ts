import type { DecisionPurchase } from '../decision';
import { careCreditTransactionFromResponse } from './transaction';

/** Transaction statuses that mean the money did not move (modeled, docs/carecredit-api.md). */
const NOT_DONE = new Set(['declined', 'failed', 'error', 'voided', 'cancelled', 'pending']);

/**
 * The purchase among the transactions CareCredit reports for a session (the pullback's
 * `transactionDetails`), or null while there is none: the latest transaction of type PURCHASE
 * with a transaction id and an amount, whose status does not say it failed. Refunds and
 * anything unreadable are passed over; never throws.
 */
export function purchaseFromTransactions(transactions: unknown): DecisionPurchase | null {
	if (!Array.isArray(transactions)) return null;
	let found: DecisionPurchase | null = null;
	for (const entry of transactions) {
		const read = careCreditTransactionFromResponse(entry);
		if (!read.ok) continue;
		const t = read.value;
		if ((t.type ?? '').trim().toUpperCase() !== 'PURCHASE') continue;
		if (NOT_DONE.has((t.status ?? '').trim().toLowerCase())) continue;
		if (!t.transactionId || t.amountCents === null || t.amountCents <= 0) continue;
		found = {
			transactionId: t.transactionId,
			amountCents: t.amountCents,
			promotionCode: t.promotionalPlan,
		};
	}
	return found;
}
