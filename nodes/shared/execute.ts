import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { findOperation, type ResourceOperation } from './registry';
import { itemScope } from './runCache';

/** Errors leave the node as n8n's own kinds, with the item index; nothing else is wrapped. */
export function asNodeError(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/**
 * The item a failing input leaves by (Continue On Fail, or the error output). Only `error` and
 * `details` keys: n8n routes such items to the error output, and replaces the json of an item
 * that carries `error` itself with the message alone (n8n-core normalizeNodeErrors).
 * `details` holds the description, the HTTP code, the problems, and whatever an operation put in
 * `error.context.details` for the person or the workflow that handles the error.
 */
export function errorItem(error: NodeApiError | NodeOperationError, i: number): INodeExecutionData {
	const details: IDataObject = {};
	if (error.description) details.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) details.httpCode = error.httpCode;
	if (error.context.problems) details.problems = error.context.problems;
	Object.assign(details, error.context.details as IDataObject | undefined);
	return { json: { error: error.message, details }, pairedItem: { item: i } };
}

/**
 * Runs every input item: in turn, or with `atOnce` above one that many at the same time, each with
 * a context of its own (runCache.ts `itemScope`). A failing item stops the node (no item starts
 * after it; those already started finish first), or with Continue On Fail leaves as an error item
 * by `errorOutput` (the first output unless told); `output` picks the output of a result. The
 * outputs keep the items' order.
 */
export async function runPerItem(
	ctx: IExecuteFunctions,
	outputs: INodeExecutionData[][],
	run: (
		i: number,
		scope: IExecuteFunctions,
	) => Promise<{ json: IDataObject | IDataObject[]; output?: number }>,
	errorOutput = 0,
	atOnce = 1,
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const results: Array<
		| { json: IDataObject | IDataObject[]; output?: number }
		| { failed: NodeApiError | NodeOperationError }
	> = [];
	let next = 0;
	let stop = false;
	const lane = async () => {
		while (!stop && next < items.length) {
			const i = next++;
			try {
				results[i] = await run(i, atOnce > 1 ? itemScope(ctx) : ctx);
			} catch (error) {
				results[i] = { failed: asNodeError(ctx, error, i) };
				if (!ctx.continueOnFail()) stop = true;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(atOnce, items.length)) }, lane));
	for (let i = 0; i < items.length; i++) {
		const result = results[i];
		if (!result) continue;
		if ('failed' in result) {
			if (!ctx.continueOnFail()) throw result.failed;
			outputs[errorOutput]!.push(errorItem(result.failed, i));
			continue;
		}
		const { json, output = 0 } = result;
		for (const one of Array.isArray(json) ? json : [json]) {
			outputs[output]!.push({ json: one, pairedItem: { item: i } });
		}
	}
	return outputs;
}

/**
 * The execute of a Resource/Operation node: each item runs the operation its parameters name;
 * an operation that says so (`atOnce`) runs several items at the same time.
 */
export async function executeOperations(
	ctx: IExecuteFunctions,
	operations: ReadonlyArray<ResourceOperation<string>>,
): Promise<INodeExecutionData[][]> {
	const named = (i: number) =>
		findOperation(
			operations,
			ctx.getNodeParameter('operation', i) as string,
			ctx.getNodeParameter('resource', i) as string,
		);
	// Resource and Operation take no expression: every item names the same operation.
	const first = ctx.getInputData().length > 0 ? named(0) : undefined;
	const atOnce = first?.atOnce ? await first.atOnce(ctx) : 1;
	return await runPerItem(
		ctx,
		[[]],
		async (i, scope) => {
			const found = named(i);
			if (!found) {
				throw new NodeOperationError(
					ctx.getNode(),
					`The operation "${ctx.getNodeParameter('operation', i) as string}" of "${ctx.getNodeParameter('resource', i) as string}" is not known`,
					{ itemIndex: i },
				);
			}
			return { json: await found.execute(scope, i) };
		},
		0,
		atOnce,
	);
}
