import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { parseLocalDate, todayIn } from '../../../financing';

/** Parameters several operations share, defined once. */

export function patientLocator(
	name: string,
	displayName: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Search by last name…',
				typeOptions: { searchListMethod: 'searchPatients', searchable: true },
			},
			{
				displayName: 'By PatNum',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 201',
			},
		],
	};
}

export const patNumField: INodeProperties = {
	displayName: 'PatNum',
	name: 'patNum',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 201',
	description: "The patient's number in Open Dental",
};

export const testModeField: INodeProperties = {
	displayName: 'Test Mode',
	name: 'testMode',
	type: 'boolean',
	default: false,
	description:
		'Whether to return exactly what would be written without writing anything to Open Dental',
};

export const skipConcurrentField: INodeProperties = {
	displayName: 'Skip When Another Run Is Writing',
	name: 'skipConcurrent',
	type: 'boolean',
	default: true,
	description:
		'Whether to write nothing for an item whose payment plan another execution created at the same moment (its outcome is "writtenConcurrently"): that execution writes this too',
};

export const caseReferenceField: INodeProperties = {
	displayName: 'Case Reference',
	name: 'caseReference',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. [cc:APP-123456]',
	description: 'Added to the note when missing; a record already carrying it is not written again',
};

export function listFields(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			displayOptions: { show: { returnAll: [false] } },
			description: 'Max number of results to return',
		},
	];
}

export function listOptions(ctx: IExecuteFunctions, i: number) {
	const returnAll = ctx.getNodeParameter('returnAll', i) as boolean;
	const limit = returnAll ? 0 : (ctx.getNodeParameter('limit', i) as number);
	return { returnAll, limit, itemIndex: i };
}

/** An Open Dental number (PatNum, PayPlanNum, DefNum...) from a parameter or a locator. */
export function numberParameter(
	ctx: IExecuteFunctions,
	name: string,
	i: number,
	options: { locator?: boolean; optional?: boolean } = {},
): number {
	const raw = String(
		ctx.getNodeParameter(name, i, '', options.locator ? { extractValue: true } : {}) ?? '',
	).trim();
	if (raw === '' && options.optional) return 0;
	if (/^\d+$/.test(raw) && Number(raw) > 0) return Number(raw);
	throw new NodeOperationError(ctx.getNode(), `"${raw}" is not an Open Dental number (${name})`, {
		itemIndex: i,
		description: `Enter the ${name} as Open Dental shows it, a whole number such as 201.`,
	});
}

/** A date parameter as yyyy-MM-dd (opendental-api.md §1.5); empty means today in the workflow's zone. */
export function dateParameter(ctx: IExecuteFunctions, name: string, i: number): string {
	const value =
		String(ctx.getNodeParameter(name, i, '') ?? '').trim() ||
		todayIn(ctx.getTimezone(), new Date());
	const parsed = parseLocalDate(value, name);
	if (!parsed.ok) {
		throw new NodeOperationError(ctx.getNode(), `${name} "${value}" is not a date`, {
			itemIndex: i,
			description: 'Write dates as yyyy-MM-dd, e.g. 2026-11-20.',
		});
	}
	return value;
}
