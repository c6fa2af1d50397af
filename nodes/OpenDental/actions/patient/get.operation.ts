import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toPatient } from '../../shapes';
import { openDentalRequest } from '../../transport';
import { numberParameter, patientLocator } from '../fields';
import type { OpenDentalOperation } from '../types';
import { guarantorsOf } from './options';
import { patientDataOptions, readPatientDataOptions } from '../../../shared/parameters';

export const getPatient: OpenDentalOperation = {
	resource: 'patient',
	value: 'get',
	name: 'Get',
	action: 'Get a patient',
	description: 'Get a patient with their guarantor',
	properties: [patientLocator('patient', 'Patient', 'The patient to get'), patientDataOptions],
	async execute(ctx: IExecuteFunctions, i: number) {
		const patNum = numberParameter(ctx, 'patient', i, { locator: true });
		const patient = (await openDentalRequest(
			ctx,
			{ method: 'GET', path: `/patients/${patNum}` },
			{ itemIndex: i },
		)) as IDataObject;
		const guarantors = await guarantorsOf(ctx, i, [patient]);
		return toPatient(
			patient,
			readPatientDataOptions(ctx, i),
			guarantors.get(String(patient.Guarantor ?? patNum)),
		);
	},
};
