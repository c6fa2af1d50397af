import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toPayPlan } from '../../shapes';
import { openDentalRequest } from '../../transport';
import { numberParameter } from '../fields';
import type { OpenDentalOperation } from '../types';

export const payPlanNumField = {
	displayName: 'PayPlanNum',
	name: 'payPlanNum',
	type: 'string' as const,
	default: '',
	required: true,
	placeholder: 'e.g. 901',
	description: "The payment plan's number in Open Dental",
};

export const getPaymentPlan: OpenDentalOperation = {
	resource: 'paymentPlan',
	value: 'get',
	name: 'Get',
	action: 'Get a payment plan',
	description: 'Get a payment plan by its number (Open Dental 24.4.30 and later)',
	properties: [payPlanNumField],
	async execute(ctx: IExecuteFunctions, i: number) {
		const num = numberParameter(ctx, 'payPlanNum', i);
		return toPayPlan(
			(await openDentalRequest(
				ctx,
				{ method: 'GET', path: `/payplans/${num}` },
				{ itemIndex: i },
			)) as IDataObject,
		);
	},
};
