import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { Problem } from '../../../financing';

/** One operation, one file; `output` is the index of the output the item leaves by. */
export interface ArrangementOperation {
	value: string;
	name: string;
	action: string;
	description: string;
	properties: INodeProperties[];
	execute(this: IExecuteFunctions, i: number): Promise<{ json: IDataObject; output: number }>;
}

/** The domain's problems as one item error, every field named. */
export function problemsError(
	ctx: IExecuteFunctions,
	what: string,
	problems: Problem[],
	itemIndex: number,
): NodeOperationError {
	const error = new NodeOperationError(
		ctx.getNode(),
		`${what}: ${problems.length === 1 ? '1 field needs' : `${problems.length} fields need`} attention (${problems.map((p) => p.field).join(', ')})`,
		{ itemIndex, description: problems.map((p) => p.message).join('\n') },
	);
	error.context.problems = problems.map((p) => ({ ...p }));
	return error;
}

/** A JSON parameter as an object: from an expression, or pasted text. */
export function objectParameter(
	ctx: IExecuteFunctions,
	name: string,
	label: string,
	i: number,
	optional = false,
): IDataObject | null {
	const value = ctx.getNodeParameter(name, i, '') as unknown;
	if (typeof value === 'object' && value !== null && !Array.isArray(value))
		return value as IDataObject;
	if (typeof value === 'string' && value.trim() !== '') {
		try {
			const parsed = JSON.parse(value) as unknown;
			if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
				return parsed as IDataObject;
			}
		} catch {
			// Reported below with what was expected.
		}
	}
	if (optional && (value === '' || value === undefined || value === null)) return null;
	throw new NodeOperationError(ctx.getNode(), `"${label}" is not an object`, {
		itemIndex: i,
		description: `Map an item's JSON, e.g. {{ $json }} or {{ $('Node Name').item.json }}.`,
	});
}
