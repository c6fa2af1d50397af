import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toAppointment } from '../../appointmentShapes';
import { openDentalRequest } from '../../transport';
import { numberParameter } from '../fields';
import type { OpenDentalOperation } from '../types';
import { aptNumField } from './fields';

export const getAppointment: OpenDentalOperation = {
	resource: 'appointment',
	value: 'get',
	name: 'Get',
	action: 'Get an appointment',
	description: 'Get one appointment by its AptNum',
	properties: [aptNumField],
	async execute(ctx: IExecuteFunctions, i: number) {
		const aptNum = numberParameter(ctx, 'aptNum', i);
		return toAppointment(
			(await openDentalRequest(
				ctx,
				{ method: 'GET', path: `/appointments/${aptNum}` },
				{ itemIndex: i },
			)) as IDataObject,
		);
	},
};
