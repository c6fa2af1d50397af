import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toAppointment } from '../../appointmentShapes';
import { openDentalList } from '../../transport';
import type { OpenDentalOperation } from '../types';
import { listFields, listOptions } from '../../../shared/parameters';
import {
	APPOINTMENT_STATUSES,
	clinicNumField,
	dateQuery,
	optionalNumber,
	periodFields,
	readPeriod,
} from './fields';

export const getManyAppointments: OpenDentalOperation = {
	resource: 'appointment',
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many appointments',
	description:
		'Appointments by date range, clinic and status (Scheduled, ASAP, Planned, Unscheduled List, Broken...), in one read per 100',
	properties: [
		...periodFields,
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			default: 'Scheduled',
			options: APPOINTMENT_STATUSES,
			description: "Open Dental's AptStatus (filter from Open Dental 22.4.28)",
		},
		clinicNumField,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Changed Since',
					name: 'changedSince',
					type: 'string',
					default: '',
					placeholder: 'e.g. 2026-12-01 08:00:00',
					description:
						"Only appointments changed after this time (DateTStamp): keep an item's serverDateTime and pass it next time",
				},
				{
					displayName: 'Operatory Number',
					name: 'op',
					type: 'string',
					default: '',
					description: 'OperatoryNum (filter from Open Dental 23.2.27)',
				},
				{
					displayName: 'PatNum',
					name: 'patNum',
					type: 'string',
					default: '',
					description: "Only this patient's appointments (filter from Open Dental 21.4)",
				},
			],
		},
		...listFields(),
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const period = readPeriod(ctx, i);
		const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
		const status = String(ctx.getNodeParameter('status', i, '') ?? '');
		const qs: IDataObject = {
			...dateQuery(period),
			AptStatus: status || undefined,
			ClinicNum: optionalNumber(ctx, 'clinicNum', i),
			PatNum: optionalNumber(ctx, 'patNum', i, options.patNum),
			Op: optionalNumber(ctx, 'op', i, options.op),
			DateTStamp: String(options.changedSince ?? '').trim() || undefined,
		};
		const { returnAll, limit } = listOptions(ctx, i);
		const days = period?.days ? new Set(period.days) : null;
		const rows = (await openDentalList(ctx, '/appointments', qs, { itemIndex: i }))
			.map(toAppointment)
			// Next business days: the range's closed days and weekends are left out.
			.filter((a) => !days || days.has(String(a.date)));
		return returnAll ? rows : rows.slice(0, limit);
	},
};
