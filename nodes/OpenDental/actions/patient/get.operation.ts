import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toPatient } from '../../shapes';
import { openDentalRequest } from '../../transport';
import { numberParameter, patientLocator } from '../fields';
import type { OpenDentalOperation } from '../types';
import { guarantorsOf } from './options';
import { outreachHistory, outreachHistoryField } from './outreachHistory';
import { patientDataOptions, readPatientDataOptions } from '../../../shared/parameters';

export const getPatient: OpenDentalOperation = {
	resource: 'patient',
	value: 'get',
	name: 'Get',
	action: 'Get a patient',
	description:
		'Get a patient with their guarantor and contact preferences (text OK, preferred contact and recall methods, do not contact)',
	properties: [
		patientLocator('patient', 'Patient', 'The patient to get'),
		outreachHistoryField,
		patientDataOptions,
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const patNum = numberParameter(ctx, 'patient', i, { locator: true });
		const patient = (await openDentalRequest(
			ctx,
			{ method: 'GET', path: `/patients/${patNum}` },
			{ itemIndex: i },
		)) as IDataObject;
		const guarantors = await guarantorsOf(ctx, i, [patient]);
		const out = toPatient(
			patient,
			readPatientDataOptions(ctx, i),
			guarantors.get(String(patient.Guarantor ?? patNum)),
		);
		if (ctx.getNodeParameter('includeOutreachHistory', i, false)) {
			out.outreachHistory = await outreachHistory(ctx, i, patNum);
		}
		return out;
	},
};
