import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PatientDataOptions } from '../../shapes';
import { openDentalRequest } from '../../transport';

/**
 * Open Dental returns the SSN and birthdate with every patient (opendental-api.md §2.9): they
 * leave this node only for the CareCredit prefill step, when asked (domain.md §7).
 */
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

/** The guarantors of these patients that are not among them, read once each. */
export async function guarantorsOf(
	ctx: IExecuteFunctions,
	i: number,
	patients: IDataObject[],
): Promise<Map<string, IDataObject>> {
	const known = new Map(patients.map((p) => [String(p.PatNum), p]));
	for (const p of patients) {
		const g = String(p.Guarantor ?? p.PatNum);
		if (known.has(g)) continue;
		known.set(
			g,
			(await openDentalRequest.call(
				ctx,
				{ method: 'GET', path: `/patients/${encodeURIComponent(g)}` },
				{ itemIndex: i },
			)) as IDataObject,
		);
	}
	return known;
}
