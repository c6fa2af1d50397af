import type { IDataObject } from 'n8n-workflow';

import { centsFromWire } from '../../shared';

/** A transaction of the pullback's `transactionDetails` (domain.md §2 item 2). */
export interface WireTransaction {
	customerName?: string;
	merchantNumber?: string;
	promoCode?: string;
	practiceMemo?: string;
	cardHolderFirstName?: string;
	cardHolderLastName?: string;
	transactionAmount?: number;
	transactionID?: string;
	transactionType?: string;
	transactionStatus?: string;
	transactionDateTime?: string;
	authCode?: string;
	partnerTransactionID?: string;
	discountPercentage?: number;
	merchantFee?: number;
	netAmount?: number;
	partnerCode?: string;
	referenceId?: string;
}

/** CareCredit's transaction with amounts in cents, for the ledger writers downstream. */
export function transactionJson(t: WireTransaction): IDataObject {
	return {
		transactionId: t.transactionID ?? null,
		partnerTransactionId: t.partnerTransactionID ?? null,
		referenceId: t.referenceId ?? null,
		type: t.transactionType ?? null,
		status: t.transactionStatus ?? null,
		amountCents: centsFromWire(t.transactionAmount),
		merchantFeeCents: centsFromWire(t.merchantFee),
		netAmountCents: centsFromWire(t.netAmount),
		discountPercentage: t.discountPercentage ?? null,
		promotionalPlan: t.promoCode || null,
		authCode: t.authCode ?? null,
		transactionDateTime: t.transactionDateTime ?? null,
		merchantNumber: t.merchantNumber ?? null,
		practiceMemo: t.practiceMemo ?? null,
		cardholder: {
			firstName: t.cardHolderFirstName ?? null,
			lastName: t.cardHolderLastName ?? null,
		},
	};
}
