import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	centsToDollars,
	compareLocalDates,
	parseLocalDate,
	redact,
	todayIn,
} from '../../../financing';
import { compact, type PmsIds } from '../shapes';
import { inputError, moneyParam, stringParam } from './fields';

export interface Applicant {
	wire: IDataObject;
	pms: PmsIds;
	/** The applicant as outputs may show it: tax id and date of birth masked. */
	masked: IDataObject;
}

const digits = (value: string) => value.replace(/\D/g, '');

/** Reads and checks the applicant of item i; every error names the item and the field. */
export function readApplicant(ctx: IExecuteFunctions, i: number, withFee: boolean): Applicant {
	const text = (name: string) => stringParam(ctx, name, i);
	const extra = ctx.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const extraText = (name: string) => String(extra[name] ?? '').trim();
	const fail = (label: string, problem: string, whatToDo: string) =>
		inputError(ctx, i, `'${label}'`, problem, whatToDo);

	const applicantIs = text('applicantIs') || 'patient';
	const patientId = text('patientId');
	const guarantorId = text('guarantorId');
	if (!patientId)
		throw fail('Patient ID', 'is empty', 'Map the PMS patient ID, e.g. {{ $json.patientId }}.');
	if (applicantIs === 'guarantor' && !guarantorId) {
		throw fail(
			'Guarantor ID',
			'is empty while the guarantor applies',
			"Map the guarantor's PMS ID, e.g. {{ $json.guarantorId }}.",
		);
	}
	if (applicantIs === 'patient' && guarantorId && guarantorId !== patientId) {
		throw fail(
			'Applicant',
			`is the patient, but the patient's guarantor is ${guarantorId}, not the patient`,
			"The person who will owe CareCredit applies (docs/financing-domain.md §7): set 'Applicant' to Guarantor and map the guarantor's name, date of birth and address.",
		);
	}

	const firstName = text('firstName');
	const lastName = text('lastName');
	if (!firstName)
		throw fail('First Name', 'is empty', "Map the applicant's first name from the PMS item.");
	if (!lastName)
		throw fail('Last Name', 'is empty', "Map the applicant's last name from the PMS item.");

	const dateOfBirth = text('dateOfBirth');
	if (dateOfBirth) {
		const parsed = parseLocalDate(dateOfBirth, 'dateOfBirth');
		if (!parsed.ok)
			throw fail(
				'Date of Birth',
				'is not a date yyyy-MM-dd',
				'Map the date of birth as yyyy-MM-dd, e.g. 1980-04-12.',
			);
		if (compareLocalDates(dateOfBirth, todayIn(ctx.getTimezone(), new Date())) >= 0) {
			throw fail(
				'Date of Birth',
				'is today or in the future',
				"Map the applicant's date of birth (the guarantor's when the guarantor applies).",
			);
		}
	}
	const state = text('state').toUpperCase();
	if (state && !/^[A-Z]{2}$/.test(state))
		throw fail('State', 'is not a two-letter state code', 'Map the state as two letters, e.g. IL.');
	const zipCode = text('zipCode');
	if (zipCode && !/^\d{5}(-?\d{4})?$/.test(zipCode))
		throw fail('ZIP Code', 'is not a 5 or 9 digit ZIP code', 'Map the ZIP code, e.g. 60601.');
	const emailAddress = text('emailAddress');
	if (emailAddress && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(emailAddress)) {
		throw fail(
			'Email',
			'is not an email address',
			'Map an address like name@email.com, or leave it empty.',
		);
	}
	const phones: Record<string, [string, string]> = {
		cellPhone: ['Cell Phone', text('cellPhone')],
		homePhone: ['Home Phone', extraText('homePhone')],
		workPhone: ['Work Phone', extraText('workPhone')],
	};
	for (const [label, value] of Object.values(phones)) {
		if (value && digits(value).length !== 10)
			throw fail(
				label,
				'is not a 10-digit phone number',
				'Map a US phone number, e.g. 312-555-0100.',
			);
	}

	let taxId = '';
	if (ctx.getNodeParameter('prefillTaxId', i, false) === true) {
		taxId = digits(text('taxId'));
		if (taxId.length !== 9)
			throw fail(
				'Tax ID',
				'is not nine digits',
				'Map the nine-digit tax ID, or turn off Prefill Tax ID.',
			);
	}
	const feeText = withFee ? text('estimatedFee') : '';
	const estimatedFee = feeText
		? centsToDollars(moneyParam(ctx, 'estimatedFee', 'Estimated Fee', i, feeText))
		: undefined;

	const wire = compact({
		firstName,
		lastName,
		middleName: extraText('middleName'),
		// Only when the practice turned tax id prefill on (docs/financing-domain.md §7); never sent otherwise.
		taxId,
		dateOfBirth,
		address: compact({
			addressLine1: text('addressLine1'),
			addressLine2: extraText('addressLine2'),
			zipCode,
			city: text('city'),
			state,
		}),
		contactInfo: compact({
			homePhone: digits(phones.homePhone[1]),
			cellPhone: digits(phones.cellPhone[1]),
			workPhone: digits(phones.workPhone[1]),
			emailAddress,
		}),
		estimatedFee,
	});
	return {
		wire,
		pms: {
			patientId,
			guarantorId: guarantorId || patientId,
			treatmentPlanId: text('treatmentPlanId') || null,
			locationId: text('locationId') || null,
		},
		masked: { applicantIs, ...redact(wire) },
	};
}
