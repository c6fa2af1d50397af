import { parseLocalDate } from '../dates';
import { problem, type Problem } from '../result';

/**
 * The patient-data screen for free text that leaves the practice (outreach messages): no tax
 * id and no date of birth, the package's patient-data rule. It looks for the shape of a Social
 * Security number, for the patient's own tax id and birth date when given (in the ways people
 * write dates), and for the words that announce a birth date. Problems never echo what was
 * found.
 */
export interface ScreenFacts {
	/** The patient's tax id, when known, to find it in any punctuation. */
	taxId?: string | null;
	/** The patient's birth date `yyyy-MM-dd`, when known (Open Dental's 0001-01-01 is none). */
	birthdate?: string | null;
}

const SSN_SHAPE = /(?<!\d)\d{3}[- ]?\d{2}[- ]?\d{4}(?!\d)/;
const BIRTH_WORDS = /\b(dob|d\.o\.b|date of birth|birth ?date|born on)\b/i;
const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December',
];

function birthdateForms(birthdate: string): string[] {
	const parsed = parseLocalDate(birthdate);
	if (!parsed.ok || birthdate === '0001-01-01') return [];
	const { year, month, day } = parsed.value;
	const mm = String(month).padStart(2, '0');
	const dd = String(day).padStart(2, '0');
	const yy = String(year).slice(2);
	const name = MONTHS[month - 1]!;
	return [
		birthdate,
		`${mm}/${dd}/${year}`,
		`${month}/${day}/${year}`,
		`${mm}-${dd}-${year}`,
		`${month}-${day}-${year}`,
		`${mm}/${dd}/${yy}`,
		`${month}/${day}/${yy}`,
		`${mm}.${dd}.${year}`,
		`${name} ${day}, ${year}`,
		`${name} ${day} ${year}`,
		`${name.slice(0, 3)} ${day}, ${year}`,
		`${name.slice(0, 3)} ${day} ${year}`,
		`${day} ${name} ${year}`,
	].map((f) => f.toLowerCase());
}

/** Problems for a text that carries a tax id or a date of birth; empty when it is clean. */
export function screenPatientText(text: string, field: string, facts: ScreenFacts = {}): Problem[] {
	const problems: Problem[] = [];
	const digits = text.replace(/\D/g, '');
	const taxDigits = (facts.taxId ?? '').replace(/\D/g, '');
	if (SSN_SHAPE.test(text) || (taxDigits.length === 9 && digits.includes(taxDigits))) {
		problems.push(
			problem(field, 'taxIdInText', 'contains what looks like a tax id; remove it before sending'),
		);
	}
	const lower = text.toLowerCase().replace(/\s+/g, ' ');
	if (facts.birthdate && birthdateForms(facts.birthdate).some((f) => lower.includes(f))) {
		problems.push(
			problem(
				field,
				'dateOfBirthInText',
				"contains the patient's date of birth; remove it before sending",
			),
		);
	} else if (BIRTH_WORDS.test(text)) {
		problems.push(
			problem(
				field,
				'dateOfBirthInText',
				'mentions a date of birth; patient messages never carry one',
			),
		);
	}
	return problems;
}
