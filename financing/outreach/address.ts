import { fail, ok, problem, type Result } from '../result';

/**
 * Phone numbers and e-mail addresses as outreach sends to them. Problems never echo the value:
 * a "phone number" of nine digits may be a tax id typed into the wrong field.
 */

/**
 * A US (or Canada, same +1 plan) number to E.164, "+15365874822". Accepts the punctuation
 * people type ("(536) 587-4822", "536.587.4822", "+1 536 587 4822", "1-536-587-4822"). The
 * North American plan's rules: the area code and the exchange start with 2 to 9, and an area
 * code is never N11 (211, 311, … are service codes).
 */
export function normalizeUsPhone(value: unknown, field: string): Result<string> {
	if (typeof value !== 'string' && typeof value !== 'number') {
		return fail(problem(field, 'required', 'enter a mobile number, e.g. (536) 587-4822'));
	}
	const text = String(value).trim();
	if (text === '')
		return fail(problem(field, 'required', 'enter a mobile number, e.g. (536) 587-4822'));
	if (!/^\+?[\d\s().-]+$/.test(text)) {
		return fail(
			problem(
				field,
				'malformedPhone',
				'has characters a phone number does not have (an extension cannot receive texts)',
			),
		);
	}
	let digits = text.replace(/\D/g, '');
	if (text.startsWith('+') && !digits.startsWith('1')) {
		return fail(
			problem(field, 'notUsPhone', 'is not a US or Canada number (+1); outreach texts only those'),
		);
	}
	if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
	if (digits.length !== 10) {
		return fail(
			problem(
				field,
				'malformedPhone',
				`has ${digits.length} digits; a US number has 10 (area code and number)`,
			),
		);
	}
	if (digits[0]! < '2' || digits.slice(1, 3) === '11') {
		return fail(problem(field, 'malformedPhone', 'has an area code that does not exist'));
	}
	if (digits[3]! < '2') {
		return fail(
			problem(
				field,
				'malformedPhone',
				'has an exchange (the 3 digits after the area code) that does not exist',
			),
		);
	}
	return ok(`+1${digits}`);
}

// Local part: the characters mail systems accept unquoted; dots only between characters.
// Domain: labels of letters, digits and inner hyphens, and a top-level label of 2+ letters.
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN = /^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** An e-mail address, trimmed and with its domain in lower case. */
export function normalizeEmail(value: unknown, field: string): Result<string> {
	if (typeof value !== 'string' || value.trim() === '') {
		return fail(problem(field, 'required', 'enter an e-mail address, e.g. name@example.com'));
	}
	const text = value.trim();
	const at = text.lastIndexOf('@');
	const local = at > 0 ? text.slice(0, at) : '';
	const domain = at > 0 ? text.slice(at + 1) : '';
	if (text.length > 254 || local.length > 64 || !LOCAL.test(local) || !DOMAIN.test(domain)) {
		return fail(
			problem(field, 'malformedEmail', 'is not an e-mail address (expected name@example.com)'),
		);
	}
	return ok(`${local}@${domain.toLowerCase()}`);
}

/** "(***) ***-4822" for notes: enough to tell numbers apart, not enough to dial. */
export function maskPhone(e164: string): string {
	return `(***) ***-${e164.slice(-4)}`;
}

/** "j***@example.com". */
export function maskEmail(email: string): string {
	const at = email.lastIndexOf('@');
	return at > 0 ? `${email[0]}***${email.slice(at)}` : '***';
}
