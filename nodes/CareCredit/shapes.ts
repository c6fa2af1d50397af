import type { IDataObject } from 'n8n-workflow';

import { centsFromWireOrNull } from '../../financing';

/**
 * CareCredit's wire shapes as this package's items: amounts in cents (dollars on the wire,
 * docs/financing-domain.md §2, through the domain's one converter), the PMS ids decoded.
 */

/**
 * The PMS ids travel in CareCredit's `recordId` and `invoiceNumber`, which the pullback echoes
 * (docs/financing-domain.md §2), so a decision can be matched with no state: recordId = patient[~guarantor],
 * invoiceNumber = treatmentPlan[~location]. `~` never appears in Dentrix or Open Dental ids.
 */
export interface PmsIds {
	patientId: string;
	guarantorId: string;
	treatmentPlanId: string | null;
	locationId: string | null;
}

export const PMS_ID_SEPARATOR = '~';

export function encodePmsIds(ids: PmsIds): { recordId: string; invoiceNumber: string } {
	const join = (a: string | null, b: string | null) =>
		b && b !== a ? `${a ?? ''}${PMS_ID_SEPARATOR}${b}` : (a ?? '');
	return {
		recordId: join(ids.patientId, ids.guarantorId),
		invoiceNumber: join(ids.treatmentPlanId, ids.locationId),
	};
}

export function decodePmsIds(recordId: unknown, invoiceNumber: unknown): PmsIds {
	const [patientId = '', guarantorId] = String(recordId ?? '').split(PMS_ID_SEPARATOR);
	const [plan = '', locationId] = String(invoiceNumber ?? '').split(PMS_ID_SEPARATOR);
	return {
		patientId,
		guarantorId: guarantorId || patientId,
		treatmentPlanId: plan || null,
		locationId: locationId || null,
	};
}

/** Drops empty strings so optional wire fields are left out rather than sent blank. */
export function compact(object: IDataObject): IDataObject {
	return Object.fromEntries(
		Object.entries(object).filter(([, v]) => v !== '' && v !== undefined && v !== null),
	);
}

/** A transaction of the pullback's `transactionDetails` (docs/financing-domain.md §2 item 2). */
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
	/** A refund's purchase (modeled, docs/carecredit-api.md). */
	originalReferenceId?: string;
}

/** CareCredit's transaction with amounts in cents, for the ledger writers downstream. */
export function transactionJson(t: WireTransaction): IDataObject {
	return {
		transactionId: t.transactionID ?? null,
		partnerTransactionId: t.partnerTransactionID ?? null,
		referenceId: t.referenceId ?? null,
		type: t.transactionType ?? null,
		status: t.transactionStatus ?? null,
		amountCents: centsFromWireOrNull(t.transactionAmount),
		merchantFeeCents: centsFromWireOrNull(t.merchantFee),
		netAmountCents: centsFromWireOrNull(t.netAmount),
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
