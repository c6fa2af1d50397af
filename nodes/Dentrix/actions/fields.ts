import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

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
				placeholder: 'Search by name…',
				typeOptions: { searchListMethod: 'searchPatients', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. pat_1001',
			},
		],
	};
}

export const guarantorIdField: INodeProperties = {
	displayName: 'Guarantor ID',
	name: 'guarantorId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. pat_1001',
	description: "The account: the guarantor's patient ID (Dentrix keeps one account per guarantor)",
};

export const testModeField: INodeProperties = {
	displayName: 'Test Mode',
	name: 'testMode',
	type: 'boolean',
	default: false,
	description:
		'Whether to return exactly what would be written without writing anything to Dentrix',
};

export const skipConcurrentField: INodeProperties = {
	displayName: 'Skip When Another Run Is Writing',
	name: 'skipConcurrent',
	type: 'boolean',
	default: true,
	description:
		'Whether to write nothing for an item whose payment agreement another execution created at the same moment (its outcome is "writtenConcurrently"): that execution writes this too',
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

/** A locator's value, trimmed. */
export function locatorValue(ctx: IExecuteFunctions, name: string, i: number): string {
	return String(ctx.getNodeParameter(name, i, '', { extractValue: true }) ?? '').trim();
}
