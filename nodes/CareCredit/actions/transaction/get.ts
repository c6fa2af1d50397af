import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { requiredParam } from '../../shared';
import { CARECREDIT_PATHS, careCreditRequest } from '../../transport';
import type { CareCreditOperation } from '../../types';
import { transactionJson, type WireTransaction } from './shared';

async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = requiredParam(this, 'transactionId', 'Transaction ID', i);
	const response = (await careCreditRequest.call(this, {
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
