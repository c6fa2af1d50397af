import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties } from '../../shared/registry';
import { getResult } from './application/getResult.operation';
import { prefill } from './application/prefill.operation';
import { lookup } from './account/lookup.operation';
import { getManyDecisions } from './decision/getMany.operation';
import { estimatePayment } from './promotion/estimatePayment.operation';
import { listPlans } from './promotion/listPlans.operation';
import { preScreen } from './quickScreen/preScreen.operation';
import { get } from './transaction/get.operation';
import { purchase } from './transaction/purchase.operation';
import { refund } from './transaction/refund.operation';
import type { CareCreditOperation, CareCreditResource } from './types';

/** Every operation of the CareCredit node: the one list the options and the dispatch come from. */
export const OPERATIONS: readonly CareCreditOperation[] = [
	prefill,
	getResult,
	getManyDecisions,
	preScreen,
	lookup,
	purchase,
	refund,
	get,
	listPlans,
	estimatePayment,
];

const RESOURCES: Array<{ name: string; value: CareCreditResource; description: string }> = [
	{ name: 'Account', value: 'account', description: 'Existing cardholder accounts' },
	{
		name: 'Application',
		value: 'application',
		description: 'Prefilled applications and their decisions',
	},
	{
		name: 'Decision',
		value: 'decision',
		description: "Recent decisions from the merchant's decision feed",
	},
	{
		name: 'Promotion',
		value: 'promotion',
		description: 'Promotional financing plans and payment estimates',
	},
	{ name: 'QuickScreen', value: 'quickScreen', description: 'Pre-approval checks' },
	{ name: 'Transaction', value: 'transaction', description: 'Purchases and refunds' },
];

/** Resource, Operation per resource, then each operation's own parameters. */
export const careCreditProperties: INodeProperties[] = resourceProperties(
	RESOURCES,
	OPERATIONS,
	'application',
);
