// The malformed values of the barrage, by kind and by the type of field they go into, and what an
// error item may never contain. Values are plain data: nothing here is evaluated.

/** A field's type, which decides which malformed values it gets. */
export type FieldType =
	| 'date' // a date that must be given
	| 'dateOrToday' // empty means today: not malformed
	| 'money' // dollars typed by a person, more than $0.00
	| 'moneyOptional' // dollars, empty or $0.00 allowed
	| 'signedMoney' // dollars, negative allowed, never $0.00
	| 'whole' // a count (number of payments, grace days)
	| 'percent'
	| 'id' // a Dentrix or CareCredit id
	| 'odNumber' // an Open Dental key (PatNum, DefNum)
	| 'token' // the case reference [cc:...]
	| 'text' // free text, optional
	| 'textRequired'
	| 'enum'
	| 'merchant'
	| 'cents' // a number of cents inside a built arrangement
	| 'count'; // a whole number inside a built arrangement

/** One tax id and one date of birth, in every common way they are written. */
export const TAX_ID_FORMS = [
	'952-48-3690',
	'952 48 3690',
	'952.48.3690',
	'952483690',
	'SSN 952483690',
	'ssn: 952-48-3690',
	'Tax ID 952 48 3690',
];
export const BIRTH_FORMS = [
	'1969-09-14',
	'09/14/1969',
	'9/14/1969',
	'9-14-1969',
	'14.09.1969',
	'19690914',
	'born 9/14/69',
	'DOB: Sep 14, 1969',
	'14 September 1969',
	'd.o.b. 14-Sep-1969',
];
export const PATIENT_DATA = [...TAX_ID_FORMS, ...BIRTH_FORMS];

/** What may never appear in an error item: the tax id and the date of birth above, in any form. */
export const FORBIDDEN = [
	/952[-. ]?48[-. ]?3690/,
	/1969-09-14/,
	/0?9[-/.]14[-/.](19)?69/,
	/14\.09\.1969/,
	/19690914/,
	/Sep\w* 14,? 1969/i,
	/14[- ]Sep\w*[- ]1969/i,
];

/** A raw JavaScript error leaking into an error item. */
export const RAW_ERROR =
	/TypeError|ReferenceError|SyntaxError|RangeError|Cannot read propert|is not a function|is not defined|undefined is not|\[object Object\]|Unexpected token|at \S+\.(ts|js):\d+/;

/** A long value, and what of it may not come back (echoes are cut to a short prefix). */
export const LONG = 'LONGVALUE-'.repeat(1000);
export const LONG_ECHO = 'LONGVALUE-LONGVALUE-LONGVALUE-';

export const INJECTION = [
	"'; DROP TABLE patients; --",
	'<script>alert(1)</script>',
	'${process.env.SECRET}',
	'{{ $json.secret }}',
	'../../etc/passwd',
	'a\u0000b',
];

export type Kind =
	| 'dates'
	| 'amounts'
	| 'ids'
	| 'patientData'
	| 'crossField'
	| 'unicodeAndLong'
	| 'injection'
	| 'wrongTypes'
	| 'missing';

export const KINDS: Kind[] = [
	'dates',
	'amounts',
	'ids',
	'patientData',
	'crossField',
	'unicodeAndLong',
	'injection',
	'wrongTypes',
	'missing',
];

const BAD_DATES = [
	'2026-02-30',
	'2026-13-01',
	'2026-1-5',
	'11/20/2026',
	'tomorrow',
	'2099-01-01',
	'1969-09-14',
	'2026-11-20T10:00:00Z',
	'20261120',
];
const BAD_MONEY = [
	'1e20',
	'12.345',
	'abc',
	'$',
	'10000000000.01',
	'1,00,0',
	'½',
	'12.5.3',
	'--5',
	'Infinity',
];
const BAD_WHOLE = [0, -1, 1.5, 1000, '12abc', 1e20, 'NaN'];
const BAD_IDS = ['', '   ', 'pat 1027', 'pat/1027', 'x'.repeat(65), '-leading', 'a.b..c/'];
const BAD_OD_NUMBERS = ['', '0', '0101', '101.0', '1e2', '-5', ' 2 0 1', '99999999999999999999'];

/** The malformed values of a kind for a field of a type (an empty list: none of this kind). */
export function malformed(kind: Kind, type: FieldType): unknown[] {
	switch (kind) {
		case 'dates':
			if (type === 'date') return [...BAD_DATES, ''];
			if (type === 'dateOrToday') return BAD_DATES;
			return [];
		case 'amounts':
			if (type === 'money') return [...BAD_MONEY, '0', '-5.00'];
			if (type === 'moneyOptional') return [...BAD_MONEY, '-5.00'];
			if (type === 'signedMoney') return [...BAD_MONEY, '0', '-10000000000.01'];
			if (type === 'cents') return [1e20, 12.5, -1, 0.3, Number.MAX_SAFE_INTEGER];
			if (type === 'whole') return BAD_WHOLE;
			// Zero is a count's legitimate value (no grace days, no late charge, APR 0).
			if (type === 'count') return BAD_WHOLE.filter((v) => v !== 0);
			if (type === 'percent') return ['101', '-1', '12.345', 'abc', '1e2'];
			return [];
		case 'ids':
			if (type === 'id') return BAD_IDS;
			if (type === 'odNumber') return BAD_OD_NUMBERS;
			if (type === 'token') return ['', 'APP-1', '[cc:]', '[cc:a b]', '[cc:x/y]', 'cc:APP-1'];
			if (type === 'merchant') return ['', '534812010000000', '53481201000000011', 'x'.repeat(16)];
			return [];
		case 'patientData':
			if (type === 'text' || type === 'textRequired') return PATIENT_DATA;
			// A field mapped by mistake to the tax id or the date of birth: refused, never echoed.
			if (type === 'merchant' || type === 'token' || type === 'date' || type === 'dateOrToday')
				return ['952-48-3690', '1969-09-14', '09/14/1969'];
			if (type === 'money' || type === 'moneyOptional') return ['952-48-3690', '09/14/1969'];
			if (type === 'odNumber') return ['952-48-3690', '09/14/1969'];
			return [];
		case 'unicodeAndLong':
			if (type === 'text' || type === 'textRequired') return [LONG];
			if (type === 'id' || type === 'token') return ['pat_1027\u202e', '🦷', 'ｐａｔ_1027', LONG];
			if (type === 'odNumber') return ['２０１', '٢٠١', LONG];
			if (type === 'money' || type === 'moneyOptional' || type === 'signedMoney')
				return ['１２３', '٣٠٠', LONG];
			if (type === 'date' || type === 'dateOrToday') return ['２０２６-１１-２０', LONG];
			if (type === 'merchant') return ['５３４８１２０１００００００１', LONG];
			if (type === 'enum') return ['mönthly', LONG];
			return [];
		case 'injection':
			// In free text these are plain words, written as they are (the legitimate group).
			if (type === 'text' || type === 'textRequired' || type === 'cents' || type === 'count')
				return [];
			return INJECTION.slice(0, type === 'enum' ? 2 : 6);
		case 'wrongTypes':
			if (type === 'cents' || type === 'count') return ['12500', true, null, { a: 1 }, [1]];
			if (type === 'whole') return [true, { a: 1 }, [12]];
			// A number is a fine amount of dollars or a percent (12.5 is $12.50, 12.50%).
			if (['money', 'moneyOptional', 'signedMoney', 'percent'].includes(type))
				return [{ a: 1 }, [1, 2], true];
			return [{ a: 1 }, [1, 2], true, 12.5];
		case 'missing':
			return [undefined];
		default:
			return [];
	}
}
