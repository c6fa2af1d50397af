import type { IExecuteFunctions } from 'n8n-workflow';

import { screened } from '../../appointmentShapes';
import { numberParameter } from '../fields';
import type { OpenDentalOperation } from '../types';
import { fieldDefinitions, fieldValue } from './appointmentFields';
import { aptNumField } from './fields';

export const getAppointmentFields: OpenDentalOperation = {
	resource: 'appointment',
	value: 'getFields',
	name: 'Get Fields',
	action: "Get an appointment's fields",
	description:
		'The appointment\'s values of the office\'s own fields (Appointment Field Defs, e.g. "Ins Verified"); a field never set is empty',
	properties: [
		aptNumField,
		{
			displayName: 'Field Names',
			name: 'fieldNames',
			type: 'string',
			default: '',
			placeholder: 'e.g. Ins Verified',
			description:
				'Only these fields, separated by commas; empty for every field the office defines (one read each)',
		},
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const aptNum = numberParameter(ctx, 'aptNum', i);
		const defs = await fieldDefinitions(ctx, i);
		const wanted = String(ctx.getNodeParameter('fieldNames', i, '') ?? '')
			.split(',')
			.map((n) => n.trim())
			.filter((n) => n !== '');
		const names = wanted.length ? wanted : defs.map((d) => d.name);
		const fields: Record<string, string> = {};
		for (const name of names) fields[name] = screened(await fieldValue(ctx, i, aptNum, name));
		return {
			appointmentId: String(aptNum),
			fields,
			definitions: defs
				.filter((d) => names.includes(d.name))
				.map((d) => ({ name: d.name, type: d.type, choices: d.choices })),
			undefinedFields: names.filter((n) => !defs.some((d) => d.name === n)),
		};
	},
};
