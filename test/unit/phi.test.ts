import { maskDateOfBirth, maskTaxId, redact } from '../../financing';

describe('maskTaxId: last four at most (docs/financing-domain.md §7)', () => {
	test.each<[unknown, string]>([
		['123-45-6789', '***-**-6789'],
		['123456789', '***-**-6789'],
		[' 123 45 6789 ', '***-**-6789'],
		[123456789, '***-**-6789'],
		['12345', '***-**-****'],
		['123-45-67890', '***-**-****'],
		['abc-de-fghi', '***-**-****'],
		['12a456789', '***-**-****'],
		['', '***-**-****'],
		[null, '***-**-****'],
		[undefined, '***-**-****'],
		[{ ssn: '123456789' }, '***-**-****'],
	])('%p → %s', (input, masked) => {
		expect(maskTaxId(input)).toBe(masked);
	});
});

describe('maskDateOfBirth: hidden entirely', () => {
	test.each<[unknown, string]>([
		['1980-04-12', '**/**/****'],
		['04/12/1980', '**/**/****'],
		[new Date('1980-04-12'), '**/**/****'],
		['', ''],
		[null, ''],
	])('%p → %p', (input, masked) => {
		expect(maskDateOfBirth(input)).toBe(masked);
	});
});

describe('redact', () => {
	test('masks tax ids and birth dates wherever they sit, without touching the original', () => {
		const original = {
			applicants: [
				{ firstName: 'Ana', taxId: '123-45-6789', dateOfBirth: '1980-04-12', estimatedFee: 4800 },
			],
			accountInfo: { 'cipher.ssn': '999000003', 'cipher.lastName': 'Cardholder' },
			patient: {
				SSN: '111-22-3333',
				Birthdate: '1975-01-02',
				date_of_birth: '1975-01-02',
				DOB: '1/2/1975',
				tax_id: '',
			},
			note: 'fine',
			count: 3,
		};
		const copy = JSON.parse(JSON.stringify(original));
		expect(redact(original)).toEqual({
			applicants: [
				{ firstName: 'Ana', taxId: '***-**-6789', dateOfBirth: '**/**/****', estimatedFee: 4800 },
			],
			accountInfo: { 'cipher.ssn': '***-**-0003', 'cipher.lastName': 'Cardholder' },
			patient: {
				SSN: '***-**-3333',
				Birthdate: '**/**/****',
				date_of_birth: '**/**/****',
				DOB: '**/**/****',
				tax_id: '',
			},
			note: 'fine',
			count: 3,
		});
		expect(original).toEqual(copy);
	});

	test('handles cycles, primitives and arrays', () => {
		const a: Record<string, unknown> = { ssn: '123456789' };
		a.self = a;
		expect(redact(a)).toEqual({ ssn: '***-**-6789', self: '[Circular]' });
		expect(redact('123-45-6789')).toBe('123-45-6789'); // a bare string has no field name to judge by
		expect(redact([{ birthdate: '2000-01-01' }])).toEqual([{ birthdate: '**/**/****' }]);
		expect(redact(null)).toBeNull();
	});
});
