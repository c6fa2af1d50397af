import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toPatient } from '../../shapes';
import { dentrixRead } from '../../transport';
import type { DentrixOperation } from '../types';
import { patientDataOptions, readPatientDataOptions } from '../../../shared/parameters';
import { locatorValue, patientLocator } from '../fields';

export const getPatient: DentrixOperation = {
	resource: 'patient',
	value: 'get',
	name: 'Get',
	action: 'Get a patient',
	description: 'Get a patient with their guarantor',
	properties: [patientLocator('patient', 'Patient', 'The patient to get'), patientDataOptions],
	async execute(ctx: IExecuteFunctions, i: number) {
		const id = locatorValue(ctx, 'patient', i);
		const options = readPatientDataOptions(ctx, i);
		const patient = await dentrixRead(
			ctx,
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
