import type { IExecuteFunctions } from 'n8n-workflow';

import { toAppointment } from '../../appointmentShapes';
import { openDentalList } from '../../transport';
import type { OpenDentalOperation } from '../types';
import { listFields, listOptions } from '../../../shared/parameters';
import { clinicNumField, optionalNumber } from './fields';

export const getAsapList: OpenDentalOperation = {
	resource: 'appointment',
	value: 'getAsapList',
	name: 'Get ASAP List',
	action: 'Get the ASAP list',
	description:
		'Appointments marked ASAP (Priority ASAP): patients who want an earlier opening. Clinic Number is required when the office uses clinics.',
	properties: [
		clinicNumField,
		{
			displayName: 'Provider Number',
			name: 'provNum',
			type: 'string',
			default: '',
			description: 'ProvNum: only this provider’s appointments',
		},
		...listFields(),
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const qs = {
			ClinicNum: optionalNumber(ctx, 'clinicNum', i),
			ProvNum: optionalNumber(ctx, 'provNum', i),
		};
		const { returnAll, limit } = listOptions(ctx, i);
		const rows = (await openDentalList(ctx, '/appointments/ASAP', qs, { itemIndex: i })).map(
			toAppointment,
		);
		return returnAll ? rows : rows.slice(0, limit);
	},
};
