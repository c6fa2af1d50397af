import type { IExecuteFunctions } from 'n8n-workflow';

import { problemsError, testModeField } from '../../../shared/parameters';
import { screened } from '../../appointmentShapes';
import { openDentalRequest } from '../../transport';
import { numberParameter } from '../fields';
import type { OpenDentalOperation } from '../types';
import { fieldDefinitions, fieldProblems, fieldValue } from './appointmentFields';
import { aptNumField } from './fields';

export const setAppointmentField: OpenDentalOperation = {
	resource: 'appointment',
	value: 'setField',
	name: 'Set Field',
	action: "Set an appointment's field",
	description:
		'Write one of the office\'s appointment fields (e.g. "Ins Verified" = "Yes"), checked against its definition first; the same value is not written again',
	properties: [
		aptNumField,
		{
			displayName: 'Field Name',
			name: 'fieldName',
			type: 'string',
			default: 'Ins Verified',
			required: true,
			description:
				'As the office named it under Setup, Appointments, Appointment Field Defs (case matters)',
		},
		{
			displayName: 'Value',
			name: 'value',
			type: 'string',
			default: 'Yes',
			description:
				'For a pick list, one of its items; empty clears the field. Never a tax ID or date of birth.',
		},
		{ ...testModeField('Open Dental') },
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const aptNum = numberParameter(ctx, 'aptNum', i);
		const fieldName = String(ctx.getNodeParameter('fieldName', i, '')).trim();
		const value = String(ctx.getNodeParameter('value', i, '') ?? '').trim();
		const problems = fieldProblems(
			await fieldDefinitions(ctx, i),
			fieldName,
			value,
			ctx.getTimezone(),
		);
		if (problems.length)
			throw problemsError(ctx, i, 'The appointment field was not written', problems);
		const previous = await fieldValue(ctx, i, aptNum, fieldName);
		const base = {
			appointmentId: String(aptNum),
			fieldName,
			value,
			previousValue: screened(previous),
		};
		if (previous === value) return { ...base, changed: false, outcome: 'alreadyWritten' };
		const request = {
			method: 'PUT' as const,
			path: '/apptfields',
			body: { AptNum: aptNum, FieldName: fieldName, FieldValue: value },
		};
		if (ctx.getNodeParameter('testMode', i, false)) {
			return { ...base, changed: false, outcome: 'testMode', wouldWrite: request };
		}
		// Setting a field to a value is safe to repeat: sent with the read retries.
		await openDentalRequest(ctx, request, { itemIndex: i });
		return { ...base, changed: true, outcome: 'created' };
	},
};
