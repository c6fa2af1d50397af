import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { openDentalList, writeOnce, type OpenDentalRequest } from '../transport';

/**
 * How every Open Dental write runs (domain.md §7, "The reference token"): look the reference up
 * first and write nothing when it is there; in test mode return the request instead of sending
 * it; otherwise write once (transport.ts `writeOnce`: never doubled by a retry).
 *
 * `outcome`: `created`; `alreadyWritten` (found before writing: an earlier run did it);
 * `writtenConcurrently` (another execution wrote the same case at the same moment); `testMode`.
 */
export type WriteOutcome = 'created' | 'alreadyWritten' | 'writtenConcurrently' | 'testMode';

export interface WriteResult {
	created: boolean;
	outcome: WriteOutcome;
	record: IDataObject | null;
}

export async function idempotentWrite(
	ctx: IExecuteFunctions,
	i: number,
	write: {
		request: OpenDentalRequest;
		find: () => Promise<IDataObject | null>;
		testMode: boolean;
	},
): Promise<WriteResult> {
	const existing = await write.find();
	if (existing) return { created: false, outcome: 'alreadyWritten', record: existing };
	if (write.testMode) return { created: false, outcome: 'testMode', record: null };
	const outcome = await writeOnce.call(ctx, write.request, write.find, { itemIndex: i });
	return {
		created: outcome.created,
		outcome: outcome.created ? 'created' : 'writtenConcurrently',
		record: outcome.record as IDataObject,
	};
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
	const rows = await openDentalList.call(ctx, path, qs, { itemIndex: i });
	return rows.find(matches) ?? null;
}

/** An item a writer passes on untouched because another execution owns the case. */
export function skippedWhenConcurrent(ctx: IExecuteFunctions, i: number): IDataObject | null {
	const incoming = ctx.getInputData()[i]?.json ?? {};
	if (ctx.getNodeParameter('skipConcurrent', i, true) && incoming.outcome === 'writtenConcurrently')
		return {
			...incoming,
			created: false,
			skipped: true,
			reason: 'Another execution is writing this case',
		};
	return null;
}
