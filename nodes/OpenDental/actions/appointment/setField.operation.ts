import type { IExecuteFunctions } from 'n8n-workflow';

import { fail, ok, type WireRequest } from '../../../../financing';
import { testModeField } from '../../../shared/parameters';
import { withFacts, wouldWrite, write } from '../../../shared/write';
import { screened, type FieldDef } from '../../appointmentShapes';
import { writeOnce } from '../../transport';
import { checkedNumber } from '../fields';
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
		const fieldName = String(ctx.getNodeParameter('fieldName', i, '')).trim();
		const value = String(ctx.getNodeParameter('value', i, '') ?? '').trim();
		// The value the field holds when it was looked up (the write path's `find`).
		let previous = '';
		const result = await write<Request, { FieldValue: string }>(ctx, i, {
			notWritten: 'The appointment field was not written',
			// The AptNum first, then the office's definitions (read once per run) with it.
			check: async () =>
				await withFacts(
					(defs?: FieldDef[]) => {
						const aptNum = checkedNumber(ctx.getNodeParameter('aptNum', i, ''), 'aptNum', 'AptNum');
						const problems = [
							...(aptNum.ok ? [] : aptNum.problems),
							...(defs ? fieldProblems(defs, fieldName, value, ctx.getTimezone()) : []),
						];
						if (!aptNum.ok || problems.length) return fail(...problems);
						return ok({
							method: 'PUT',
							path: '/apptfields',
							body: { AptNum: Number(aptNum.value), FieldName: fieldName, FieldValue: value },
						});
					},
					async () => await fieldDefinitions(ctx, i),
				),
			// Setting a field is keyed by its value: a field that already holds it is not written.
			find: async (request) => {
				previous = await fieldValue(ctx, i, request.body!.AptNum, fieldName);
				return previous === value ? { FieldValue: previous } : null;
			},
			testMode: ctx.getNodeParameter('testMode', i, false) as boolean,
			send: (request, find) => writeOnce(ctx, request, find, { itemIndex: i }),
		});
		return {
			appointmentId: String(result.request.body!.AptNum),
			fieldName,
			value,
			previousValue: screened(previous),
			changed: result.created,
			outcome: result.outcome,
			...(result.outcome === 'testMode' ? { wouldWrite: wouldWrite(result.request) } : {}),
		};
	},
};

type Request = WireRequest<{ AptNum: number; FieldName: string; FieldValue: string }>;
