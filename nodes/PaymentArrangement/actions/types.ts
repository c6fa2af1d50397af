import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { parseObject } from '../../shared/parameters';
import type { Operation } from '../../shared/registry';

/** One operation, one file; `output` is the index of the output the item leaves by. */
export type ArrangementOperation = Operation<{ json: IDataObject; output: number }>;

export { problemsError } from '../../shared/parameters';

/** A JSON parameter as an object: from an expression, or pasted text. */
export function objectParameter(
	ctx: IExecuteFunctions,
	name: string,
	label: string,
	i: number,
	optional = false,
): IDataObject | null {
	const value = ctx.getNodeParameter(name, i, '') as unknown;
	const parsed = parseObject(value);
	if (parsed) return parsed;
	if (optional && (value === '' || value === undefined || value === null)) return null;
	throw new NodeOperationError(ctx.getNode(), `"${label}" is not an object`, {
		itemIndex: i,
		description: `Map an item's JSON, e.g. {{ $json }} or {{ $('Node Name').item.json }}.`,
	});
}
