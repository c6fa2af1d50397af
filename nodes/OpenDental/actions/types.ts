import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { Problem } from '../../../financing';

export type OpenDentalResource =
	| 'patient'
	| 'treatmentPlan'
	| 'paymentPlan'
	| 'commlog'
	| 'payment'
	| 'adjustment';

/** One operation, one file: its parameters and what it does for item `i`. */
export interface OpenDentalOperation {
	resource: OpenDentalResource;
	/** Stable camelCase value saved in workflows. */
	value: string;
	name: string;
	action: string;
	description: string;
	/** Parameters without displayOptions for resource/operation: the registry scopes them. */
	properties: INodeProperties[];
	execute(this: IExecuteFunctions, i: number): Promise<IDataObject | IDataObject[]>;
}

/** Every problem of a rejected write in one error, each naming its field. */
export function problemsError(
	ctx: IExecuteFunctions,
	what: string,
	problems: Problem[],
	itemIndex: number,
): NodeOperationError {
	const error = new NodeOperationError(
		ctx.getNode(),
		`${what} was not written: ${problems.length === 1 ? '1 field needs' : `${problems.length} fields need`} attention (${problems.map((p) => p.field).join(', ')})`,
		{ itemIndex, description: problems.map((p) => p.message).join('\n') },
	);
	error.context.problems = problems.map((p) => ({ ...p }));
	return error;
}

/** A JSON parameter that may arrive as an object (expression) or as text. */
export function objectParameter(ctx: IExecuteFunctions, name: string, i: number): IDataObject {
	const value = ctx.getNodeParameter(name, i) as unknown;
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
	throw new NodeOperationError(ctx.getNode(), `The parameter "${name}" is not an object`, {
		itemIndex: i,
		description:
			'Map the whole item of the Payment Arrangement node, e.g. {{ $json }}, or paste its JSON.',
	});
}
