import type { ResourceOperation } from '../../shared/registry';

export type CareCreditResource =
	| 'application'
	| 'quickScreen'
	| 'account'
	| 'transaction'
	| 'promotion'
	| 'decision';

/**
 * One operation: its place in the node (resource, value, labels), its own parameters, and
 * what it does for one item. The registry builds the Operation options and the dispatch from
 * a single typed list of these.
 */
export interface CareCreditOperation extends ResourceOperation<CareCreditResource> {
	/** Whether the operation calls CareCredit (every one but the promotion calculator does). */
	usesApi: boolean;
}
