import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { todayIn, type Problem, type Result, type WriteContext } from '../../financing';
import { problemsError } from './parameters';
import type { WriteOnceResult } from './retry';

/**
 * The one write path of every writer (docs/writers.md), in this order:
 *
 *   check  the complete request against the system's contract, with the facts the writer read
 *          first; any problem → one NodeOperationError naming every field, nothing sent
 *   find   the record carrying this write's reference → `alreadyWritten`, nothing sent
 *   (test mode stops here with the exact request)
 *   claim  the case (the next step of issue 11 slots in here) → `anotherRunIsWriting`
 *   guard  service rules on what was just read (e.g. another active agreement) → an error
 *   write  once (retry.ts `writeOnce`: a fault that may have committed is looked up first)
 *
 * The node maps its parameters to the contract's input and the outcome to its item; no rule of
 * its own.
 */
export type WriteOutcome =
	| 'created'
	| 'alreadyWritten'
	| 'writtenConcurrently'
	| 'anotherRunIsWriting'
	| 'testMode';

export interface Written<R, T> {
	outcome: WriteOutcome;
	/** True only when this run wrote the record. */
	created: boolean;
	/** The checked request (what was, or in test mode would be, sent). */
	request: R;
	/** The record as the system holds it; null in test mode and when another run is writing. */
	record: T | null;
}

export interface Write<R, T> {
	/** What the error says when nothing is written, e.g. "The ledger note was not written". */
	notWritten: string;
	/** The contract's check of the complete request, with the facts already read. */
	check: () => Result<R> | Promise<Result<R>>;
	/** The record carrying this write's reference, if the system holds it. */
	find: (request: R) => Promise<T | null>;
	/** False when another live run holds the case; true when this run may write. */
	claim?: () => boolean | Promise<boolean>;
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
	const existing = await find();
	if (existing) return { outcome: 'alreadyWritten', created: false, request, record: existing };
	if (w.testMode) return { outcome: 'testMode', created: false, request, record: null };
	if (w.claim && !(await w.claim()))
		return { outcome: 'anotherRunIsWriting', created: false, request, record: null };
	await w.guard?.(request);
	const sent = await w.send(request, find);
	return {
		outcome: sent.created ? 'created' : 'writtenConcurrently',
		created: sent.created,
		request,
		record: sent.record,
	};
}

/** The request a test-mode run would have sent, exactly. */
export function wouldWrite(request: { method: string; path: string; body?: object }): IDataObject {
	return { method: request.method, path: request.path, body: (request.body ?? {}) as IDataObject };
}

/**
 * Today's stand-in for the claim (the next step, issue 11, replaces it): a follow-up writer fed
 * by a writer that found another execution writing the same case stands back, and says so to the
 * writer after it (`caseHeldByAnotherRun`), even when it found its own record already written.
 */
export function anotherRunHolds(ctx: IExecuteFunctions, i: number): boolean {
	if (!ctx.getNodeParameter('skipConcurrent', i, true)) return false;
	const incoming = ctx.getInputData()[i]?.json ?? {};
	return (
		incoming.outcome === 'writtenConcurrently' ||
		incoming.outcome === 'anotherRunIsWriting' ||
		incoming.caseHeldByAnotherRun === true
	);
}

/** The stand-in as the write path's claim step, and the mark a follow-up writer passes on. */
export function claimFromIncoming(ctx: IExecuteFunctions, i: number) {
	const held = anotherRunHolds(ctx, i);
	return { claim: () => !held, mark: held ? { caseHeldByAnotherRun: true } : {} };
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
