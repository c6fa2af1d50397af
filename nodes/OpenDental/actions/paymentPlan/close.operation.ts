import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toPayPlan } from '../../shapes';
import { openDentalRequest } from '../../transport';
import { numberParameter } from '../fields';
import type { OpenDentalOperation } from '../types';
import { payPlanNumField } from './get.operation';

export const closePaymentPlan: OpenDentalOperation = {
	resource: 'paymentPlan',
	value: 'close',
	name: 'Close',
	action: 'Close a payment plan',
	description:
		"Close a patient or dynamic payment plan: Open Dental charges any outstanding interest to the patient's account at once",
	properties: [payPlanNumField],
	async execute(ctx: IExecuteFunctions, i: number) {
		const num = numberParameter(ctx, 'payPlanNum', i);
		// PayPlans PUT Close (opendental-api.md §2.3); closing a closed plan changes nothing.
		return toPayPlan(
			(await openDentalRequest(
				ctx,
				{ method: 'PUT', path: `/payplans/${num}/Close` },
				{ itemIndex: i },
			)) as IDataObject,
		);
	},
};
