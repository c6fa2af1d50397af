import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { estimatePayment as estimate } from '../../../../financing';
import { problemsError } from '../../../shared/parameters';
import { moneyParam, planCatalogFor, planCatalogProperty, planFor, requiredParam } from '../fields';
import type { CareCreditOperation } from '../types';

async function execute(ctx: IExecuteFunctions, i: number): Promise<IDataObject> {
	const amountCents = moneyParam(ctx, 'amount', 'Amount', i);
	const code = requiredParam(ctx, 'promoCode', 'Promotional Plan', i);
	const plan = planFor(ctx, i, code, amountCents, planCatalogFor(ctx, i), 'Promotional Plan');
	const result = estimate(plan, amountCents, 'Amount');
	if (!result.ok)
		throw problemsError(ctx, i, `Item ${i}`, result.problems, 'Use an amount the plan accepts.');
	return { ...result.value, planLabel: plan.label };
}

export const estimatePayment: CareCreditOperation = {
	resource: 'promotion',
	value: 'estimatePayment',
	name: 'Estimate Payment',
	action: 'Estimate the monthly payment',
	description:
		"Estimate the patient's monthly payment to CareCredit on a plan (no call to CareCredit)",
	usesApi: false,
	properties: [
		{
			displayName: 'Amount',
			name: 'amount',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 4800.00',
			description: 'Amount financed in dollars',
		},
		{
			displayName: 'Promotional Plan',
			name: 'promoCode',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. DI12',
			description:
				'Plan code of the catalog (DI6, DI12, DI18, DI24, RA24, RA36, RA48, RA60 by default)',
		},
		planCatalogProperty,
	],
	execute,
};
