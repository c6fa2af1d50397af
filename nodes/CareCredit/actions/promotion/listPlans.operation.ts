import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { planCatalogFor, planCatalogProperty } from '../fields';
import type { CareCreditOperation } from '../types';

async function execute(ctx: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	return planCatalogFor(ctx, i).map((plan) => ({ ...plan }));
}

export const listPlans: CareCreditOperation = {
	resource: 'promotion',
	value: 'listPlans',
	name: 'List Plans',
	action: 'List promotional plans',
	description: "List the practice's promotional financing plans (no call to CareCredit)",
	usesApi: false,
	properties: [planCatalogProperty],
	execute,
};
