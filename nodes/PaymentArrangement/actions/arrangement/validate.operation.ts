import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { todayIn, validateForDentrix, validateForOpenDental } from '../../../../financing';
import { objectParameter } from '../../../shared/parameters';
import type { ArrangementOperation } from '../types';

/** Outputs of Validate: the IF node's way of routing (n8n.md, "Several outputs"). */
export const VALID = 0;
export const NEEDS_REVIEW = 1;

export const validate: ArrangementOperation = {
	value: 'validate',
	name: 'Validate',
	action: 'Validate a payment arrangement',
	description:
		'Check an arrangement against the target practice system: Valid, or Needs Review with every problem named',
	properties: [
		{
			displayName: 'Arrangement',
			name: 'arrangement',
			type: 'json',
			default: '={{ $json }}',
			required: true,
			description: 'The arrangement the Build operation output',
		},
		{
			displayName: 'Target System',
			name: 'target',
			type: 'options',
			default: 'dentrix',
			options: [
				{ name: 'Dentrix', value: 'dentrix' },
				{ name: 'Open Dental', value: 'openDental' },
			],
		},
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const target = ctx.getNodeParameter('target', i) as 'dentrix' | 'openDental';
		const arrangement = objectParameter(ctx, i, 'arrangement', 'Arrangement');
		const today = { today: todayIn(ctx.getTimezone(), new Date()) };
		const result =
			target === 'dentrix'
				? validateForDentrix(arrangement, today)
				: validateForOpenDental(arrangement, today);
		// The arrangement goes on either way: writers take it from Valid, people from Needs Review.
		const validation: IDataObject = result.ok
			? { target, valid: true, requests: result.value as unknown as IDataObject }
			: { target, valid: false, problems: result.problems.map((p) => ({ ...p })) };
		return { json: { ...arrangement, validation }, output: result.ok ? VALID : NEEDS_REVIEW };
	},
};
