import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { openDentalList } from '../../transport';

/**
 * The practice's recall types (RecallTypes GET, 24.1.44, https://opendental.com/site/apirecalltypes.html),
 * read once per node run (keyed on the context n8n gives the run, so nothing outlives it).
 */
const cache = new WeakMap<object, Promise<IDataObject[]>>();

export async function practiceRecallTypes(
	ctx: IExecuteFunctions,
	i: number,
): Promise<IDataObject[]> {
	let types = cache.get(ctx);
	if (!types) {
		types = openDentalList(ctx, '/recalltypes', {}, { itemIndex: i });
		cache.set(ctx, types);
		// A failed read is not kept: the next item asks again.
		types.catch(() => cache.delete(ctx));
	}
	return await types;
}
