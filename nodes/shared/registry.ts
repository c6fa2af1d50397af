import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

/**
 * One operation, one file: its labels, its own parameters and what it does for item `i`.
 * `TResource` is the Resource value it sits under; a node without a Resource parameter (Payment
 * Arrangement) leaves it out.
 */
export interface Operation<
	TResult = IDataObject | IDataObject[],
	TResource extends string = string,
> {
	resource?: TResource;
	/** Stable camelCase value saved in workflows; labels may change. */
	value: string;
	name: string;
	action: string;
	description: string;
	/** Parameters of this operation only; the registry adds the displayOptions. */
	properties: INodeProperties[];
	execute(ctx: IExecuteFunctions, i: number): Promise<TResult>;
	/** How many items it runs at the same time (one after another when absent). */
	atOnce?: (ctx: IExecuteFunctions) => Promise<number>;
}

/** An operation of a node with a Resource parameter. */
export interface ResourceOperation<TResource extends string>
	extends Operation<IDataObject | IDataObject[], TResource> {
	resource: TResource;
}

/** The options of an Operation parameter, as each operation labels itself. */
export function operationOptions(
	operations: ReadonlyArray<Operation<unknown>>,
): INodePropertyOptions[] {
	return operations.map(({ name, value, action, description }) => ({
		name,
		value,
		action,
		description,
	}));
}

/** An operation's own parameters, shown only where `show` says. */
export function scoped(
	properties: INodeProperties[],
	show: Record<string, string[]>,
): INodeProperties[] {
	return properties.map((p) => ({
		...p,
		displayOptions: { ...p.displayOptions, show: { ...p.displayOptions?.show, ...show } },
	}));
}

/** Resource, Operation per resource (sorted by name, the first listed as default), then each operation's own parameters. */
export function resourceProperties<TResource extends string>(
	resources: Array<INodePropertyOptions & { value: TResource }>,
	operations: ReadonlyArray<ResourceOperation<TResource>>,
	defaultResource: TResource,
): INodeProperties[] {
	return [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resources,
			default: defaultResource,
		},
		...resources.map((resource): INodeProperties => {
			const ofResource = operations.filter((o) => o.resource === resource.value);
			const first = ofResource[0].value;
			return {
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: [resource.value] } },
				options: operationOptions(ofResource).sort((a, b) => a.name.localeCompare(b.name)),
				default: first,
			};
		}),
		...operations.flatMap((o) =>
			scoped(o.properties, { resource: [o.resource], operation: [o.value] }),
		),
	];
}

/** The operation an item's parameters name; `resource` is undefined for a node without one. */
export function findOperation<TOperation extends Operation<unknown>>(
	operations: readonly TOperation[],
	operation: string,
	resource?: string,
): TOperation | undefined {
	return operations.find((o) => o.value === operation && o.resource === resource);
}
