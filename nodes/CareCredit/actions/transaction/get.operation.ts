import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { requiredParam } from '../fields';
import { CARECREDIT_PATHS, careCreditRequest } from '../../transport';
import type { CareCreditOperation } from '../types';
import { transactionJson, type WireTransaction } from '../../shapes';

async function execute(ctx: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = requiredParam(ctx, 'transactionId', 'Transaction ID', i);
	const response = (await careCreditRequest(ctx, {
		method: 'GET',
		path: CARECREDIT_PATHS.transaction(id),
		itemIndex: i,
	})) as WireTransaction;
	return transactionJson(response);
}

export const get: CareCreditOperation = {
	resource: 'transaction',
	value: 'get',
	name: 'Get',
	action: 'Get a transaction',
	description: 'Get a purchase or refund by its CareCredit transaction ID',
	usesApi: true,
	properties: [
		{
			displayName: 'Transaction ID',
			name: 'transactionId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. {{ $json.transactionId }}',
		},
	],
	execute,
};
