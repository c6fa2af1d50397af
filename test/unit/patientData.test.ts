import fc from 'fast-check';

import { findPatientData, safeEcho, screenPatientData } from '../../financing';

const TODAY = '2026-11-29';

describe('the patient data screen', () => {
	test.each([
		['Patient SSN 123-45-6789 on file', 'taxId'],
		['tax id 123 45 6789', 'taxId'],
		['123456789', 'taxId'],
		['ssn:123.45.6789', 'taxId'],
		['SSN-123456789', 'taxId'],
		['ITIN 912 64 4417 given', 'taxId'],
		['1969-09-14', 'dateOfBirth'],
		['09/14/1969', 'dateOfBirth'],
		['9/14/1969', 'dateOfBirth'],
		['9-14-1969', 'dateOfBirth'],
		['14.09.1969', 'dateOfBirth'],
		['09/14/69', 'dateOfBirth'],
		['Sep 14, 1969', 'dateOfBirth'],
		['September 14th 1969', 'dateOfBirth'],
		['14 September 1969', 'dateOfBirth'],
		['14-Sep-1969', 'dateOfBirth'],
		['19690914', 'dateOfBirth'],
		['born 9/14/1969', 'dateOfBirth'],
		['DOB 9/14/69', 'dateOfBirth'],
		['D.O.B.: 2025-03-02', 'dateOfBirth'], // a recent date next to a birth word
		['Birthdate 2026-01-05', 'dateOfBirth'],
		['b. 3/1/2025', 'dateOfBirth'],
		['Date of birth: March 1, 2025', 'dateOfBirth'],
		['١٢٣-٤٥-٦٧٨٩'.normalize('NFKC'), null], // non-ASCII digits are not read as a tax id
	])('%p is %p', (text, kind) => {
		const found = findPatientData(text, TODAY);
		if (kind === null) expect(found).toEqual([]);
		else expect(found).toContain(kind);
		const problems = screenPatientData(text, 'note', TODAY);
		if (kind) {
			expect(problems.length).toBeGreaterThan(0);
			for (const p of problems) {
				expect(p.field).toBe('note');
				expect(p.message.startsWith('note: ')).toBe(true);
				expect(p.message).not.toContain(text);
			}
		}
	});

	test.each([
		'Plan 2026-12-15 first payment',
		'6 x $133.34 monthly from 2026-03-30 (last $133.30)',
		'call (217) 555-0141 or 217-555-0142 or 2175550141',
		'merchant 5348120100000002',
		'[cc:APP-123456789] written by automation',
		'application APP-123456789',
		'transaction TXN-20261120-0001',
		'$1,000 down, then $1,234,567.89',
		'Zoë Ångström-Núñez paid 😀',
		'مريم الحسيني — שרה לוי',
		"Robert'); DROP TABLE patients;-- <script>alert(1)</script> {{ $json.x }}",
		'decided 2026-02-28 23:00 EST',
		'Version 25.3.29',
		'x'.repeat(10_000),
	])('%p passes', (text) => {
		expect(screenPatientData(text, 'note', TODAY)).toEqual([]);
	});

	test('non-text values pass the screen (their type is checked by the contract)', () => {
		for (const v of [undefined, null, 123456789, true, [], {}])
			expect(screenPatientData(v, 'note', TODAY)).toEqual([]);
	});

	test('property: never throws, whatever the text', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 12 }), (text, today) => {
				expect(Array.isArray(screenPatientData(text, 'note', today))).toBe(true);
				expect(typeof safeEcho(text)).toBe('string');
			}),
		);
	});
});

describe('safeEcho', () => {
	test.each<[unknown, string]>([
		['abc', 'abc'],
		['x'.repeat(10_000), `${'x'.repeat(24)}…`],
		[12.5, '12.5'],
		[true, 'true'],
		[null, 'null'],
		[undefined, 'nothing'],
		[[1, 2], 'a list'],
		[{ a: 1 }, 'an object'],
		['a\u202eb\nc', 'a b c'],
	])('%p → %p', (value, echo) => {
		expect(safeEcho(value)).toBe(echo);
	});

	test('a tax id or a date of birth is hidden entirely', () => {
		for (const v of ['123-45-6789', 123456789, '1969-09-14', 'DOB 9/14/69', '5348 123456789']) {
			const echo = safeEcho(v);
			expect(echo).toMatch(/^\(hidden/);
			expect(echo).not.toMatch(/\d{4}/);
		}
		// A merchant number (16 digits) is not a tax id: echoed, cut.
		expect(safeEcho('5348120100000002')).toBe('5348120100000002');
	});
});
