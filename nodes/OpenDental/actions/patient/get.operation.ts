import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toPatient } from '../../shapes';
import { openDentalRequest } from '../../transport';
import { numberParameter, patientLocator } from '../fields';
import type { OpenDentalOperation } from '../types';
import { patientDataOptions, readPatientDataOptions } from '../../../shared/parameters';
import { guarantorsOf } from './options';

export const getPatient: OpenDentalOperation = {
	resource: 'patient',
	value: 'get',
	name: 'Get',
	action: 'Get a patient',
	description: 'Get a patient with their guarantor',
	properties: [patientLocator('patient', 'Patient', 'The patient to get'), patientDataOptions],
	async execute(this: IExecuteFunctions, i: number) {
		const patNum = numberParameter(this, 'patient', i, { locator: true });
		const patient = (await openDentalRequest.call(
			this,
			{ method: 'GET', path: `/patients/${patNum}` },
			{ itemIndex: i },
		)) as IDataObject;
		const guarantors = await guarantorsOf(this, i, [patient]);
		return toPatient(
			patient,
			readPatientDataOptions(this, i),
			guarantors.get(String(patient.Guarantor ?? patNum)),
		);
	},
};
