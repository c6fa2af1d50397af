import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties } from '../shared/registry';
import { getResult } from './actions/application/getResult';
import { prefill } from './actions/application/prefill';
import { lookup } from './actions/account/lookup';
import { getManyDecisions } from './actions/decision/getMany';
import { estimatePayment } from './actions/promotion/estimatePayment';
import { listPlans } from './actions/promotion/listPlans';
import { preScreen } from './actions/quickScreen/preScreen';
import { get } from './actions/transaction/get';
import { purchase } from './actions/transaction/purchase';
import { refund } from './actions/transaction/refund';
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
export function buildProperties(): INodeProperties[] {
	return resourceProperties(RESOURCES, OPERATIONS, 'application');
}
