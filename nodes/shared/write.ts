import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { todayIn, type Problem, type Result, type WriteContext } from '../../financing';
import { problemsError } from './parameters';
import { DeadlineReached } from './deadline';
import type { WriteOnceResult } from './retry';

/**
 * The one write path of every writer (docs/writers.md), in this order:
 *
 *   check  the complete request against the system's contract, with the facts the writer read
 *          first; any problem → one NodeOperationError naming every field, nothing sent
 *   find   the record carrying this write's reference → `alreadyWritten`, nothing sent
 *   (test mode stops here with the exact request)
 *   claim  the case (shared/claim.ts) → `anotherRunIsWriting`; a fresh claim finds again
 *   guard  service rules on what was just read (e.g. another active agreement) → an error
 *   write  once (retry.ts `writeOnce`: a fault that may have committed is looked up first)
 *
 * Under a claim, no request starts that could end after the claim's deadline: the write stops
 * with `unfinished` (and `mayHaveLanded` when its last attempt had no clear answer).
 *
 * The node maps its parameters to the contract's input and the outcome to its item; no rule of
 * its own.
 */
export type WriteOutcome =
	| 'created'
	| 'alreadyWritten'
	| 'writtenConcurrently'
	| 'anotherRunIsWriting'
	/** A note held for review whose case is written (shared/financedCase.ts `heldDecisionField`). */
	| 'caseWritten'
	| 'unfinished'
	| 'testMode';

export interface Written<R, T> {
	outcome: WriteOutcome;
	/** True only when this run wrote the record. */
	created: boolean;
	/** The checked request (what was, or in test mode would be, sent). */
	request: R;
	/** The record as the system holds it; null in test mode and when another run is writing. */
	record: T | null;
	/** `unfinished` only: the last attempt had no clear answer, the record may exist. */
	mayHaveLanded?: boolean;
}

export interface Write<R, T> {
	/** What the error says when nothing is written, e.g. "The ledger note was not written". */
	notWritten: string;
	/** The contract's check of the complete request, with the facts already read. */
	check: () => Result<R> | Promise<Result<R>>;
	/** The record carrying this write's reference, if the system holds it. */
	find: (request: R) => Promise<T | null>;
	/**
	 * The case claim (shared/claim.ts): false when another live run holds the case; `refind` when
	 * this run has just claimed a case others touched before (the record is looked up again);
	 * `done` when the case this record is about is written already (nothing is written).
	 */
	claim?: (request: R) => Promise<false | 'go' | 'refind' | 'done'>;
	testMode: boolean;
	/** Throws to stop the write at the last moment (a service rule on what was just read). */
	guard?: (request: R) => void | Promise<void>;
	/** The service's write-once of the request (its transport's `writeOnce`), given `find`. */
	send: (request: R, find: () => Promise<T | null>) => Promise<WriteOnceResult<T>>;
}

export async function write<R, T>(
	ctx: IExecuteFunctions,
	i: number,
	w: Write<R, T>,
): Promise<Written<R, T>> {
	const checked = await w.check();
	if (!checked.ok) throw problemsError(ctx, i, w.notWritten, checked.problems);
	const request = checked.value;
	const find = () => w.find(request);
	const steps = async (): Promise<Written<R, T>> => {
		const existing = await find();
		if (existing) return { outcome: 'alreadyWritten', created: false, request, record: existing };
		if (w.testMode) return { outcome: 'testMode', created: false, request, record: null };
		const claimed = w.claim ? await w.claim(request) : 'go';
		if (claimed === false)
			return { outcome: 'anotherRunIsWriting', created: false, request, record: null };
		if (claimed === 'done')
			return { outcome: 'caseWritten', created: false, request, record: null };
		const found = claimed === 'go' ? null : await find();
		if (found) return { outcome: 'alreadyWritten', created: false, request, record: found };
		await w.guard?.(request);
		const sent = await w.send(request, find);
		return {
			outcome: sent.created ? 'created' : 'writtenConcurrently',
			created: sent.created,
			request,
			record: sent.record,
		};
	};
	// The claim's deadline came first: what may exist is said; any other error goes on as it is.
	return await steps().catch(async (error: unknown) =>
		error instanceof DeadlineReached
			? {
					outcome: 'unfinished' as const,
					created: false,
					request,
					record: null,
					mayHaveLanded: error.mayHaveLanded,
				}
			: await Promise.reject(error),
	);
}

/** The request a test-mode run would have sent, exactly. */
export function wouldWrite(request: { method: string; path: string; body?: object }): IDataObject {
	return { method: request.method, path: request.path, body: (request.body ?? {}) as IDataObject };
}

/**
 * A check that needs facts: run first without them (a malformed id is named before anything is
 * read with it), then with the facts `read` fetches.
 */
export async function withFacts<F, R>(
	check: (facts?: F) => Result<R>,
	read: () => Promise<F>,
): Promise<Result<R>> {
	const first = check();
	if (!first.ok) return first;
	return check(await read());
}

/**
 * Problems of dollars typed by hand that did not parse (named by the parameter, e.g. `amount`),
 * then the contract's, without repeating the same field (`amountCents`).
 */
export function typedThenChecked<T>(typed: Problem[], checked: Result<T>): Result<T> {
	if (typed.length === 0) return checked;
	const named = new Set(typed.map((p) => `${p.field}Cents`));
	const rest = checked.ok
		? []
		: checked.problems.filter((p) => !named.has(p.field.split('.').pop() ?? ''));
	return { ok: false, problems: [...typed, ...rest] };
}

/** The practice's today for a check: the workflow's time zone, never the server's UTC date. */
export const writeContext = (ctx: IExecuteFunctions): WriteContext => ({
	today: todayIn(ctx.getTimezone(), new Date()),
});

/**
 * A `find` whose first answer the writer already read with its facts (e.g. the coverage list, the
 * check item's own lookup); each later call, after a fault that may have committed, reads again.
 */
export function foundFirstIn<T>(known: T | null, read: () => Promise<T | null>) {
	let first = true;
	return async (): Promise<T | null> => {
		if (!first) return await read();
		first = false;
		return known;
	};
}
