/**
 * Patient data masking (the screen and `safeEcho` are in patientData.ts). Every output after the CareCredit prefill step carries the last four
 * digits of a tax id at most, and no date of birth (docs/financing-domain.md §7, "Patient data in n8n").
 */

const FULLY_MASKED_TAX_ID = '***-**-****';
export const MASKED_DATE_OF_BIRTH = '**/**/****';

/** `123-45-6789` → `***-**-6789`; anything that is not nine digits is fully masked. */
export function maskTaxId(value: unknown): string {
	if (typeof value !== 'string' && typeof value !== 'number') return FULLY_MASKED_TAX_ID;
	const text = String(value).trim();
	// Only the usual separators are tolerated; letters or other digits counts mean "malformed".
	if (!/^[\d\s-]+$/.test(text)) return FULLY_MASKED_TAX_ID;
	const digits = text.replace(/\D/g, '');
	return digits.length === 9 ? `***-**-${digits.slice(5)}` : FULLY_MASKED_TAX_ID;
}

/** A date of birth is hidden entirely (no part is needed after prefill); empty stays empty. */
export function maskDateOfBirth(value: unknown): string {
	return value === null || value === undefined || value === '' ? '' : MASKED_DATE_OF_BIRTH;
}

// Field names compared lowercase without separators, and by their last dotted segment so that
// CareCredit's `cipher.ssn` (docs/financing-domain.md §2 item 3) is caught too.
const TAX_ID_KEYS = new Set([
	'taxid',
	'ssn',
	'socialsecuritynumber',
	'socialsecurity',
	'tin',
	'ciphertaxid',
	'cipherssn',
]);
const DOB_KEYS = new Set(['dateofbirth', 'birthdate', 'dob', 'birthday', 'cipherdateofbirth']);

function normalizeKey(key: string): string {
	const last = key.split('.').pop() ?? key;
	return last.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function isTaxIdField(key: string): boolean {
	return TAX_ID_KEYS.has(normalizeKey(key));
}

export function isDateOfBirthField(key: string): boolean {
	return DOB_KEYS.has(normalizeKey(key));
}

/**
 * A deep copy with tax ids and dates of birth masked wherever they sit, for errors and logs.
 * Empty values stay empty (nothing to hide); cycles become "[Circular]".
 */
export function redact<T>(value: T): T {
	return redactValue(value, new WeakSet()) as T;
}

function redactValue(value: unknown, seen: WeakSet<object>): unknown {
	if (value === null || typeof value !== 'object') return value;
	if (value instanceof Date) return new Date(value.getTime());
	if (seen.has(value)) return '[Circular]';
	seen.add(value);
	if (Array.isArray(value)) {
		const out = value.map((item) => redactValue(item, seen));
		seen.delete(value);
		return out;
	}
	const out: Record<string, unknown> = {};
	for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
		const empty = child === null || child === undefined || child === '';
		if (!empty && isTaxIdField(key)) out[key] = maskTaxId(child);
		else if (!empty && isDateOfBirthField(key)) out[key] = maskDateOfBirth(child);
		else out[key] = redactValue(child, seen);
	}
	seen.delete(value);
	return out;
}
