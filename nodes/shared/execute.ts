import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { findOperation, type ResourceOperation } from './registry';

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
 * Runs every input item in turn. A failing item stops the node, or with Continue On Fail
 * leaves as an error item by `errorOutput` (the first output unless told); `output` picks the
 * output of a result.
 */
export async function runPerItem(
	ctx: IExecuteFunctions,
	outputs: INodeExecutionData[][],
	run: (i: number) => Promise<{ json: IDataObject | IDataObject[]; output?: number }>,
	errorOutput = 0,
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	for (let i = 0; i < items.length; i++) {
		try {
			const { json, output = 0 } = await run(i);
			for (const one of Array.isArray(json) ? json : [json]) {
				outputs[output]!.push({ json: one, pairedItem: { item: i } });
			}
		} catch (error) {
			const nodeError = asNodeError(ctx, error, i);
			if (!ctx.continueOnFail()) throw nodeError;
			outputs[errorOutput]!.push(errorItem(nodeError, i));
		}
	}
	return outputs;
}

/** The execute of a Resource/Operation node: each item runs the operation its parameters name. */
export async function executeOperations(
	ctx: IExecuteFunctions,
	operations: ReadonlyArray<ResourceOperation<string>>,
): Promise<INodeExecutionData[][]> {
	return await runPerItem(ctx, [[]], async (i) => {
		const resource = ctx.getNodeParameter('resource', i) as string;
		const operation = ctx.getNodeParameter('operation', i) as string;
		const found = findOperation(operations, operation, resource);
		if (!found) {
			throw new NodeOperationError(
				ctx.getNode(),
				`The operation "${operation}" of "${resource}" is not known`,
				{ itemIndex: i },
			);
		}
		return { json: await found.execute(ctx, i) };
	});
}
