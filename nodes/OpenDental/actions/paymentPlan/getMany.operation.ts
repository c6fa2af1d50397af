import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toPayPlan } from '../../shapes';
import { openDentalList } from '../../transport';
import { numberParameter } from '../fields';
import type { OpenDentalOperation } from '../types';
import { listFields, listOptions } from '../../../shared/parameters';

export const getManyPaymentPlans: OpenDentalOperation = {
	resource: 'paymentPlan',
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many payment plans',
	description: "A patient's payment plans, or those a guarantor pays",
	properties: [
		{
			displayName: 'By',
			name: 'by',
			type: 'options',
			default: 'patient',
			options: [
				{ name: 'Patient', value: 'patient', description: 'Plans for treatment of this patient' },
				{ name: 'Guarantor', value: 'guarantor', description: 'Plans this guarantor pays' },
			],
		},
		{
			displayName: 'PatNum',
			name: 'patNum',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 201',
			description: 'The patient, or the guarantor',
		},
		{
			displayName: 'Open Plans Only',
			name: 'openOnly',
			type: 'boolean',
			default: false,
			description: 'Whether to leave out closed plans',
		},
		...listFields(),
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const num = numberParameter(ctx, 'patNum', i);
		const qs: IDataObject =
			ctx.getNodeParameter('by', i, 'patient') === 'guarantor'
				? { Guarantor: num }
				: { PatNum: num };
		const openOnly = ctx.getNodeParameter('openOnly', i, false) as boolean;
		const { returnAll, limit } = listOptions(ctx, i);
		const plans = (await openDentalList(ctx, '/payplans', qs, { itemIndex: i }))
			.map(toPayPlan)
			.filter((p) => !openOnly || !p.isClosed);
		return returnAll ? plans : plans.slice(0, limit);
	},
};
