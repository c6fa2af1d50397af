import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toPatient } from '../../shapes';
import { dentrixRead } from '../../transport';
import { locatorValue, patientLocator } from '../fields';
import type { DentrixOperation } from '../types';
import { patientDataOptions, readPatientDataOptions } from '../../../shared/parameters';

export const getPatient: DentrixOperation = {
	resource: 'patient',
	value: 'get',
	name: 'Get',
	action: 'Get a patient',
	description: 'Get a patient with their guarantor',
	properties: [patientLocator('patient', 'Patient', 'The patient to get'), patientDataOptions],
	async execute(this: IExecuteFunctions, i: number) {
		const id = locatorValue(this, 'patient', i);
		const options = readPatientDataOptions(this, i);
		const patient = await dentrixRead.call(
			this,
			{
				method: 'GET',
				path: `/patients/${encodeURIComponent(id)}`,
				qs: options.includeTaxId ? { include: 'taxId' } : undefined,
			},
			{ itemIndex: i },
		);
		return toPatient(patient as IDataObject, options);
	},
};
