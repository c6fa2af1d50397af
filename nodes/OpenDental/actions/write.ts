import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { idempotentWrite as runWrite, type WriteResult } from '../../shared/write';
import { openDentalList, writeOnce, type OpenDentalRequest } from '../transport';

/** An Open Dental write run the shared way (shared/write.ts), `request` sent at most once. */
export async function idempotentWrite(
	ctx: IExecuteFunctions,
	i: number,
	write: {
		request: OpenDentalRequest;
		find: () => Promise<IDataObject | null>;
		testMode: boolean;
	},
): Promise<WriteResult> {
	return await runWrite({
		...write,
		send: async () => await writeOnce(ctx, write.request, write.find, { itemIndex: i }),
	});
}

/** The request a test-mode run would have sent, exactly. */
export function wouldWrite(request: OpenDentalRequest): IDataObject {
	return { method: request.method, path: request.path, body: request.body ?? {} };
}

/** First record of a patient's list that matches (every page: Open Dental has no text search). */
export async function findInList(
	ctx: IExecuteFunctions,
	i: number,
	path: string,
	qs: IDataObject,
	matches: (record: IDataObject) => boolean,
): Promise<IDataObject | null> {
	const rows = await openDentalList(ctx, path, qs, { itemIndex: i });
	return rows.find(matches) ?? null;
}
