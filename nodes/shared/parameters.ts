import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { Problem } from '../../financing';
import { itemParameter } from './itemParameter';

/**
 * Every problem of an item in one error, each naming its field: one problem is the message
 * itself, several are counted and named, and the description lists them all, then what to do.
 */
export function problemsError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	headline: string,
	problems: Problem[],
	whatToDo?: string,
): NodeOperationError {
	const summary =
		problems.length === 1
			? problems[0].message
			: `${problems.length} fields need attention (${problems.map((p) => p.field).join(', ')})`;
	const error = new NodeOperationError(ctx.getNode(), `${headline}: ${summary}`, {
		itemIndex,
		description: [...problems.map((p) => p.message), whatToDo ?? ''].filter(Boolean).join('\n'),
	});
	error.context.problems = problems.map((p) => ({ ...p }));
	return error;
}

/**
 * The Practice settings' locations (a JSON list parameter) as given (an expression's array or
 * object), or parsed from its text; empty is an empty list.
 */
export function locationsParameter(ctx: IExecuteFunctions, i: number, name: string): unknown {
	const value = itemParameter(ctx, name, i, '');
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return [];
	try {
		return JSON.parse(value) as unknown;
	} catch {
		throw problemsError(
			ctx,
			i,
			"'Locations' was not read",
			[{ field: name, code: 'invalidJson', message: 'Locations: is not valid JSON' }],
			"Map the Practice settings' list, e.g. {{ $('Practice settings').first().json.locations }}, or leave it empty.",
		);
	}
}

/** A JSON parameter's value as an object: given as one (expression) or as its text. */
function parseObject(value: unknown): IDataObject | undefined {
	if (typeof value === 'object' && value !== null && !Array.isArray(value))
		return value as IDataObject;
	if (typeof value === 'string' && value.trim() !== '') {
		try {
			const parsed = JSON.parse(value) as unknown;
			if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
				return parsed as IDataObject;
			}
		} catch {
			// The caller reports it with what was expected.
		}
	}
	return undefined;
}

/**
 * A JSON parameter as an object (an item mapped by expression, or pasted text); with `optional`,
 * an empty parameter is null.
 */
export function objectParameter(
	ctx: IExecuteFunctions,
	i: number,
	name: string,
	label: string,
): IDataObject;
export function objectParameter(
	ctx: IExecuteFunctions,
	i: number,
	name: string,
	label: string,
	optional: true,
): IDataObject | null;
export function objectParameter(
	ctx: IExecuteFunctions,
	i: number,
	name: string,
	label: string,
	optional = false,
): IDataObject | null {
	const value = itemParameter(ctx, name, i, '');
	const parsed = parseObject(value);
	if (parsed) return parsed;
	if (optional && (value === '' || value === undefined || value === null)) return null;
	throw new NodeOperationError(ctx.getNode(), `"${label}" is not an object`, {
		itemIndex: i,
		description: `Map an item's JSON, e.g. {{ $json }} or {{ $('Node Name').item.json }}, or paste it.`,
	});
}

/** Test Mode of a practice-system write. */
export function testModeField(system: string): INodeProperties {
	return {
		displayName: 'Test Mode',
		name: 'testMode',
		type: 'boolean',
		default: false,
		description: `Whether to return exactly what would be written without writing anything to ${system}`,
	};
}

/**
 * How long this run's case claim stands (shared/claim.ts): two runs of the same case never both
 * write; a run that dies leaves a claim the next run takes over once it has expired.
 */
export const claimLeaseField: INodeProperties = {
	displayName: 'Claim Lease (Seconds)',
	name: 'claimLeaseSeconds',
	type: 'number',
	default: 300,
	typeOptions: { minValue: 30, maxValue: 3600 },
	description:
		"How long this run holds the case against other runs; it starts no request that could end later than 15 seconds before then, and a run that died is taken over once it has passed. Keep it shorter than the trigger's look-back.",
};

/** The lease of an item's claim, in seconds. */
export function claimLease(ctx: IExecuteFunctions, i: number): number {
	const n = Number(ctx.getNodeParameter('claimLeaseSeconds', i, 300));
	return Number.isFinite(n) && n > 0 ? n : 300;
}

/** A patient chosen from a searchable list or typed as the system's own ID. */
export function patientLocator(
	name: string,
	displayName: string,
	description: string,
	labels: { search: string; id: string; idExample: string },
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
				placeholder: labels.search,
				typeOptions: { searchListMethod: 'searchPatients', searchable: true },
			},
			{
				displayName: labels.id,
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${labels.idExample}`,
			},
		],
	};
}

/** Return All and Limit of a list operation. */
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

/** What a patient read returns of the tax ID and date of birth. */
export interface PatientDataOptions {
	includeTaxId: boolean;
	includeDateOfBirth: boolean;
}

/** Tax ID and date of birth leave a practice system only for the CareCredit prefill step (docs/financing-domain.md §7). */
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

/** Where the fields typed by hand of a write show: with Source "Define Below". */
export const BY_HAND = { show: { source: ['fields'] } };

/** Source (the Payment Arrangement item, or fields by hand) and the item it reads, of a write. */
export function sourceFields(
	fromArrangement: string,
	byHand: string,
	arrangement: string,
): INodeProperties[] {
	return [
		{
			displayName: 'Source',
			name: 'source',
			type: 'options',
			default: 'arrangement',
			options: [
				{ name: 'From Payment Arrangement', value: 'arrangement', description: fromArrangement },
				{ name: 'Define Below', value: 'fields', description: byHand },
			],
		},
		{
			displayName: 'Arrangement',
			name: 'arrangement',
			type: 'json',
			default: '={{ $json.arrangement ?? $json }}',
			required: true,
			displayOptions: { show: { source: ['arrangement'] } },
			description: arrangement,
		},
	];
}

/** A write's date in the practice's calendar; the operation reads empty as today. */
export const dateField: INodeProperties = {
	displayName: 'Date',
	name: 'date',
	type: 'string',
	default: '',
	placeholder: 'e.g. 2026-11-20',
	description: "Date as yyyy-MM-dd; empty means today in the workflow's time zone",
};
