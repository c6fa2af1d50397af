import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { decisionFromPullback, decisionJson, type Pullback } from '../../decision';
import { requiredParam, stringParam } from '../fields';
import { CARECREDIT_PATHS, careCreditRequest } from '../../transport';
import type { CareCreditOperation } from '../types';

async function execute(ctx: IExecuteFunctions, i: number): Promise<IDataObject> {
	const sessionId = requiredParam(ctx, 'sessionId', 'Session ID', i);
	const pullback = (await careCreditRequest(ctx, {
		method: 'GET',
		path: CARECREDIT_PATHS.session(sessionId),
		itemIndex: i,
	})) as Pullback & IDataObject;
	const decision = decisionJson(
		decisionFromPullback(pullback, {
			sessionId,
			referenceId: stringParam(ctx, 'referenceId', i) || null,
			now: new Date(),
		}),
	);
	const simplify = ctx.getNodeParameter('simplify', i, true) as boolean;
	return simplify ? decision : { ...decision, response: pullback };
}

export const getResult: CareCreditOperation = {
	resource: 'application',
	value: 'getResult',
	name: 'Get Result',
	action: 'Get the result of an application',
	description: "Pull back a session's decision: approved, declined, pending, and the amounts",
	usesApi: true,
	properties: [
		{
			displayName: 'Session ID',
			name: 'sessionId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. {{ $json.sessionId }}',
			description: 'The session ID the Prefill operation returned',
		},
		{
			displayName: 'Reference ID',
			name: 'referenceId',
			type: 'string',
			default: '',
			placeholder: 'e.g. {{ $json.referenceId }}',
			description:
				"The reference ID the Prefill operation returned. CareCredit's pullback does not repeat it, and an existing cardholder's decision is identified by it.",
		},
		{
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			description:
				'Whether to return only the financing decision instead of adding the raw CareCredit response under "response"',
		},
	],
	execute,
};
