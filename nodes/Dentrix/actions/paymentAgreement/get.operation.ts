import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toAgreement } from '../../shapes';
import { dentrixRead } from '../../transport';
import type { DentrixOperation } from '../types';

export const getPaymentAgreement: DentrixOperation = {
	resource: 'paymentAgreement',
	value: 'get',
	name: 'Get',
	action: 'Get a payment agreement',
	description: 'Get a payment agreement by ID',
	properties: [
		{
			displayName: 'Agreement ID',
			name: 'agreementId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. pa_3001',
		},
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const id = String(ctx.getNodeParameter('agreementId', i)).trim();
		const agreement = await dentrixRead(
			ctx,
			{
				method: 'GET',
				path: `/payment-agreements/${encodeURIComponent(id)}`,
			},
			{ itemIndex: i },
		);
		return toAgreement(agreement as IDataObject);
	},
};
