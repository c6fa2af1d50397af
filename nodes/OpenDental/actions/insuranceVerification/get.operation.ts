import type { IExecuteFunctions } from 'n8n-workflow';

import { numberParameter, patNumField } from '../fields';
import type { OpenDentalOperation } from '../types';
import { patientVerifications } from './verifications';

export const getVerifications: OpenDentalOperation = {
	resource: 'insuranceVerification',
	value: 'get',
	name: 'Get',
	action: "Get a patient's insurance verifications",
	description:
		"Eligibility Last Verified (per patient plan) and Benefits Last Verified (per plan) of each of the patient's plans, with the status and note",
	properties: [patNumField],
	async execute(ctx: IExecuteFunctions, i: number) {
		const patNum = numberParameter(ctx, 'patNum', i);
		return { patientId: String(patNum), plans: await patientVerifications(ctx, i, patNum) };
	},
};
