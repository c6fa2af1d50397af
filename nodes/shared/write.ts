import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { WriteOnceResult } from './retry';

/**
 * How every practice-system write runs (domain.md §7, "The reference token"): look the
 * reference up first and write nothing when it is there; in test mode return the request
 * instead of sending it; otherwise write once (retry.ts `writeOnce`: never doubled by a retry).
 *
 * `outcome`: `created`; `alreadyWritten` (found before writing: an earlier run did it);
 * `writtenConcurrently` (another execution wrote the same case at the same moment: it owns the
 * follow-up writes); `testMode`.
 */
export type WriteOutcome = 'created' | 'alreadyWritten' | 'writtenConcurrently' | 'testMode';

export interface WriteResult {
	created: boolean;
	outcome: WriteOutcome;
	record: IDataObject | null;
}

export async function idempotentWrite(write: {
	/** The record carrying this write's reference, if the system already holds it. */
	find: () => Promise<IDataObject | null>;
	testMode: boolean;
	/** Throws when the write must not happen (e.g. the account holds another agreement). */
	guard?: () => void;
	/** The service's write-once of the request. */
	send: () => Promise<WriteOnceResult<unknown>>;
}): Promise<WriteResult> {
	const existing = await write.find();
	if (existing) return { created: false, outcome: 'alreadyWritten', record: existing };
	if (write.testMode) return { created: false, outcome: 'testMode', record: null };
	write.guard?.();
	const outcome = await write.send();
	return {
		created: outcome.created,
		outcome: outcome.created ? 'created' : 'writtenConcurrently',
		record: outcome.record as IDataObject,
	};
}

/** An item a writer passes on untouched because another execution owns the case. */
export function skippedWhenConcurrent(ctx: IExecuteFunctions, i: number): IDataObject | null {
	const incoming = ctx.getInputData()[i]?.json ?? {};
	if (ctx.getNodeParameter('skipConcurrent', i, true) && incoming.outcome === 'writtenConcurrently')
		// Passed on unchanged, so the writers after this one skip too.
		return {
			...incoming,
			created: false,
			skipped: true,
			reason: 'Another execution is writing this case',
		};
	return null;
}
