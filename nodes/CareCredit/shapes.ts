import type { IDataObject } from 'n8n-workflow';

import { centsToDollars, parseMoney, type Cents } from '../../financing';

/** CareCredit's wire shapes as this package's items: amounts in cents, the PMS ids decoded. */

/** CareCredit amounts travel as numbers in dollars (domain.md §2). */
export const dollars = (cents: Cents): number => centsToDollars(cents);

/** Dollars from CareCredit (numbers) to cents; null when absent. */
export function centsFromWire(value: unknown): Cents | null {
	if (value === undefined || value === null || value === '') return null;
	const parsed = parseMoney(value, 'amount', { allowNegative: true });
	return parsed.ok ? parsed.value : null;
}

/**
 * The PMS ids travel in CareCredit's `recordId` and `invoiceNumber`, which the pullback echoes
 * (domain.md §2), so a decision can be matched with no state: recordId = patient[~guarantor],
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
