import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { oncePerRun } from '../../../shared/runCache';
import { openDentalList } from '../../transport';

/**
 * The practice's recall types (RecallTypes GET, 24.1.44, https://opendental.com/site/apirecalltypes.html),
 * read once per node run.
 */
export async function practiceRecallTypes(
	ctx: IExecuteFunctions,
	i: number,
): Promise<IDataObject[]> {
	return await oncePerRun(
		ctx,
		'recalltypes',
		async () => await openDentalList(ctx, '/recalltypes', {}, { itemIndex: i }),
	);
}
