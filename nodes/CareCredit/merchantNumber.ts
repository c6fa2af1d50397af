/**
 * What a CareCredit merchant number is, checked by the operations, the trigger and the
 * credential's token exchange alike.
 */

/** Merchant numbers are exactly 16 digits (docs/financing-domain.md §2 item 5). */
const MERCHANT_NUMBER_PATTERN = /^\d{16}$/;

/**
 * Why a merchant number is not one, or null when it is. Never quotes the value: a field mapped by
 * mistake can hold a tax id or a date of birth.
 */
export function merchantNumberProblem(value: unknown): string | null {
	const text = String(value ?? '').trim();
	if (MERCHANT_NUMBER_PATTERN.test(text)) return null;
	const digits = text.replace(/\D/g, '').length;
	return `A CareCredit merchant number is exactly 16 digits; this one has ${digits} digit${digits === 1 ? '' : 's'}${/\D/.test(text) ? ' and other characters' : ''}`;
}
