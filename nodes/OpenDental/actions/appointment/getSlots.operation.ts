import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { isLocalDate } from '../../../../financing';

import { toSlot } from '../../appointmentShapes';
import { openDentalList } from '../../transport';
import type { OpenDentalOperation } from '../types';
import { listFields, listOptions } from '../../../shared/parameters';
import { dateQuery, optionalNumber } from './fields';

export const getSlots: OpenDentalOperation = {
	resource: 'appointment',
	value: 'getSlots',
	name: 'Get Open Slots',
	action: 'Get open appointment slots',
	description:
		"Openings in a provider's schedule (Appointments GET Slots); Open Dental advises its own schedule search for offices with several locations or providers",
	properties: [
		{
			displayName: 'Start Date',
			name: 'dateStart',
			type: 'string',
			default: '',
			placeholder: 'e.g. 2026-12-07',
			description: "First date, yyyy-MM-dd, today or later; empty: Open Dental's next 14 days",
		},
		{
			displayName: 'End Date',
			name: 'dateEnd',
			type: 'string',
			default: '',
			placeholder: 'e.g. 2026-12-11',
			description: 'Last date, yyyy-MM-dd; empty means the start date',
		},
		{
			displayName: 'Length (Minutes)',
			name: 'lengthMinutes',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 0 },
			description: 'Only openings at least this long; 0 for any',
		},
		{
			displayName: 'Provider Number',
			name: 'provNum',
			type: 'string',
			default: '',
			description: "ProvNum; empty: the practice's default provider",
		},
		{
			displayName: 'Operatory Number',
			name: 'opNum',
			type: 'string',
			default: '',
			description:
				'OperatoryNum (Open Dental 22.1 and later); empty: every operatory of the provider',
		},
		...listFields(),
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const start = String(ctx.getNodeParameter('dateStart', i, '') ?? '').trim();
		const end = String(ctx.getNodeParameter('dateEnd', i, '') ?? '').trim() || start;
		for (const [field, value] of [
			['dateStart', start],
			['dateEnd', end],
		] as const) {
			if (value !== '' && !isLocalDate(value)) {
				throw new NodeOperationError(ctx.getNode(), `${field} "${value}" is not a date`, {
					itemIndex: i,
					description: `Write ${field} as yyyy-MM-dd, e.g. 2026-12-07.`,
				});
			}
		}
		const length = Number(ctx.getNodeParameter('lengthMinutes', i, 0));
		const qs = {
			...(start ? dateQuery({ dateStart: start, dateEnd: end }) : {}),
			lengthMinutes: length > 0 ? length : undefined,
			ProvNum: optionalNumber(ctx, 'provNum', i),
			OpNum: optionalNumber(ctx, 'opNum', i),
		};
		const { returnAll, limit } = listOptions(ctx, i);
		const slots = (await openDentalList(ctx, '/appointments/Slots', qs, { itemIndex: i })).map(
			toSlot,
		);
		return returnAll ? slots : slots.slice(0, limit);
	},
};
