import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { contractError, dentrixRead, writeOnce, type DentrixRequest } from '../transport';

/**
 * How every Dentrix write runs (domain.md §7, "The reference token"): look the reference up
 * first and write nothing when it is there; in test mode return the request instead of sending
 * it; otherwise write once (transport.ts `writeOnce`: never doubled by a retry).
 *
 * `outcome`: `created`; `alreadyWritten` (found before writing: an earlier run did it);
 * `writtenConcurrently` (another execution wrote the same case at the same moment: it owns the
 * follow-up writes); `testMode`.
 */
export type WriteOutcome = 'created' | 'alreadyWritten' | 'writtenConcurrently' | 'testMode';

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

export interface WriteResult {
	created: boolean;
	outcome: WriteOutcome;
	record: IDataObject | null;
}

export async function idempotentWrite(
	ctx: IExecuteFunctions,
	i: number,
	write: IdempotentWrite,
): Promise<WriteResult> {
	const existing = await write.find();
	if (existing) return { created: false, outcome: 'alreadyWritten', record: existing };
	if (write.testMode) return { created: false, outcome: 'testMode', record: null };
	write.guard?.();
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
	const outcome = await writeOnce.call(ctx, write.request, write.find, {
		itemIndex: i,
		onConflict,
	});
	return {
		created: outcome.created,
		outcome: outcome.created ? 'created' : 'writtenConcurrently',
		record: outcome.record as IDataObject,
	};
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
	const page = await dentrixRead.call<
		IExecuteFunctions,
		[DentrixRequest, { itemIndex: number }],
		Promise<{ items?: IDataObject[] }>
	>(ctx, { method: 'GET', path, qs: { ...qs, limit: 200 } }, { itemIndex: i });
	return (page.items ?? []).find(matches) ?? null;
}
