import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

export type CareCreditResource =
	| 'application'
	| 'quickScreen'
	| 'account'
	| 'transaction'
	| 'promotion';

/**
 * One operation: its place in the node (resource, value, labels), its own parameters, and
 * what it does for one item. The registry builds the Operation options and the dispatch from
 * a single typed list of these (style.md, "Practices worth adopting" 1).
 */
export interface CareCreditOperation {
	resource: CareCreditResource;
	/** Stable camelCase value saved in workflows; labels may change. */
	value: string;
	name: string;
	action: string;
	description: string;
	/** Parameters of this operation only; the registry adds the displayOptions. */
	properties: INodeProperties[];
	/** Whether the operation calls CareCredit (every one but the promotion calculator does). */
	usesApi: boolean;
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}
