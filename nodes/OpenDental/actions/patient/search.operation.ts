import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { normalizeUsPhone, parseLocalDate } from '../../../../financing';
import { toPatient } from '../../shapes';
import { openDentalList } from '../../transport';
import type { OpenDentalOperation } from '../types';
import { guarantorsOf } from './options';
import {
	listFields,
	listOptions,
	patientDataOptions,
	problemsError,
	readPatientDataOptions,
} from '../../../shared/parameters';

export const searchPatients: OpenDentalOperation = {
	resource: 'patient',
	value: 'search',
	name: 'Search',
	action: 'Search patients',
	description:
		'Search patients by last name, first name and birthdate (Patients GET Simple), each with their guarantor',
	properties: [
		{
			displayName: 'Last Name',
			name: 'lastName',
			type: 'string',
			default: '',
			placeholder: 'e.g. Whitaker',
			description: "Partial and case-insensitive, as in Open Dental's Select Patient window",
		},
		{
			displayName: 'First Name',
			name: 'firstName',
			type: 'string',
			default: '',
			placeholder: 'e.g. Daniel',
			description: 'Partial and case-insensitive',
		},
		{
			displayName: 'Birthdate',
			name: 'birthdate',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1979-04-12',
			description: 'Exact date of birth, yyyy-MM-dd; with both names it picks one patient',
		},
		{
			displayName: 'Wireless Phone',
			name: 'wirelessPhone',
			type: 'string',
			default: '',
			placeholder: 'e.g. +12175550309',
			description:
				'The patients whose wireless phone is this number (e.g. who replied to a text); names and birthdate are then ignored',
		},
		...listFields(),
		patientDataOptions,
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const phone = String(ctx.getNodeParameter('wirelessPhone', i, '') ?? '').trim();
		if (phone !== '') return await byWirelessPhone(ctx, i, phone);
		const qs: IDataObject = {};
		const lastName = String(ctx.getNodeParameter('lastName', i, '')).trim();
		const firstName = String(ctx.getNodeParameter('firstName', i, '')).trim();
		const birthdate = String(ctx.getNodeParameter('birthdate', i, '')).trim();
		if (lastName) qs.LName = lastName;
		if (firstName) qs.FName = firstName;
		if (birthdate) {
			if (!parseLocalDate(birthdate, 'birthdate').ok) {
				// The value is patient data: the message never repeats it.
				throw new NodeOperationError(ctx.getNode(), 'The birthdate is not a date', {
					itemIndex: i,
					description: 'Write the birthdate as yyyy-MM-dd, e.g. 1979-04-12.',
				});
			}
			qs.Birthdate = birthdate;
		}
		// Open Dental staff recommend Patients GET Simple (docs/opendental-api-notes.md §2.11): it has Guarantor.
		const found = await openDentalList(ctx, '/patients/Simple', qs, listOptions(ctx, i));
		const guarantors = await guarantorsOf(ctx, i, found);
		const options = readPatientDataOptions(ctx, i);
		return found.map((p) => toPatient(p, options, guarantors.get(String(p.Guarantor ?? p.PatNum))));
	},
};

/**
 * Patients GET (multiple) with Phone (any of the patient's phones, partial match,
 * https://www.opendental.com/site/apipatients.html), kept when the wireless phone is that number.
 */
async function byWirelessPhone(ctx: IExecuteFunctions, i: number, phone: string) {
	const number = normalizeUsPhone(phone, 'wirelessPhone');
	if (!number.ok) throw problemsError(ctx, i, 'The patients were not searched', number.problems);
	const ten = number.value.slice(2);
	const found = (
		await openDentalList(ctx, '/patients', { Phone: ten }, listOptions(ctx, i))
	).filter(
		(p) =>
			String(p.WirelessPhone ?? '')
				.replace(/\D/g, '')
				.replace(/^1(?=\d{10}$)/, '') === ten,
	);
	const options = readPatientDataOptions(ctx, i);
	return found.map((p) => toPatient(p, options, undefined));
}
