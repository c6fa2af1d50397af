import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { idempotentWrite as runWrite, type WriteResult } from '../../shared/write';
import { contractError, dentrixRead, writeOnce, type DentrixRequest } from '../transport';

export interface IdempotentWrite {
	request: DentrixRequest;
	/** The record carrying this write's reference, if Dentrix already holds it. */
	find: () => Promise<IDataObject | null>;
	testMode: boolean;
	/** Throws when the write must not happen (e.g. the account holds another agreement). */
	guard?: () => void;
	/** What a 409 means for this record when the reference is not found after it. */
	onConflict?: (body: unknown) => NodeOperationError;
}

/** A Dentrix write run the shared way (shared/write.ts), `request` sent at most once. */
export async function idempotentWrite(
	ctx: IExecuteFunctions,
	i: number,
	write: IdempotentWrite,
): Promise<WriteResult> {
	const onConflict =
		write.onConflict ??
		((body: unknown) =>
			new NodeOperationError(
				ctx.getNode(),
				`Dentrix refused the write: ${contractError(body).message ?? 'conflict'}`,
				{
					itemIndex: i,
				},
			));
	return await runWrite({
		...write,
		send: async () => await writeOnce(ctx, write.request, write.find, { itemIndex: i, onConflict }),
	});
}

/** The request a test-mode run would have sent, exactly. */
export function wouldWrite(request: DentrixRequest): IDataObject {
	return { method: request.method, path: `/v1${request.path}`, body: request.body ?? {} };
}

/** First record of an account list whose text field carries the reference. */
export async function findOnAccount(
	ctx: IExecuteFunctions,
	i: number,
	path: string,
	qs: IDataObject,
	matches: (record: IDataObject) => boolean,
): Promise<IDataObject | null> {
	const page = await dentrixRead<{ items?: IDataObject[] }>(
		ctx,
		{ method: 'GET', path, qs: { ...qs, limit: 200 } },
		{ itemIndex: i },
	);
	return (page.items ?? []).find(matches) ?? null;
}
