import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PatientDataOptions } from '../../shapes';

/** Tax id and date of birth leave Dentrix only for the CareCredit prefill step (domain.md §7). */
export const patientDataOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Include Date of Birth for CareCredit Prefill',
			name: 'includeDateOfBirth',
			type: 'boolean',
			default: false,
			description:
				'Whether to return the full date of birth for the CareCredit prefill step; otherwise it is masked',
		},
		{
			displayName: 'Include Tax ID for CareCredit Prefill',
			name: 'includeTaxId',
			type: 'boolean',
			default: false,
			description:
				'Whether to return the full tax ID for the CareCredit prefill step; otherwise only the last four digits are shown. Set the workflow not to save successful executions when this is on.',
		},
	],
};

export function readPatientDataOptions(ctx: IExecuteFunctions, i: number): PatientDataOptions {
	const options = ctx.getNodeParameter('options', i, {}) as Partial<PatientDataOptions>;
	return {
		includeTaxId: options.includeTaxId === true,
		includeDateOfBirth: options.includeDateOfBirth === true,
	};
}
