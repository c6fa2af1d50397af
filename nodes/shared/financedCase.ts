import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { findReferenceTokens, referenceToken } from '../../financing';
import { touchesCase, tokenPattern, type CaseNote } from './claim';
import { asNodeError } from './execute';
import type { Written } from './write';

/**
 * What Dentrix and Open Dental "Financed Case: Write" share: the case's records written under one
 * claim (docs/writers.md, "Financed Case: Write"), their output, and the messages in the
 * practice's words.
 */

/**
 * How many cases one Financed Case: Write runs at the same time (a poll brings up to 1,000): each
 * under its own claim, with its own deadline; items of one case take turns (shared/claim.ts).
 * Their requests share the run's slots (runCache.ts `REQUESTS_AT_ONCE`): a case waiting out its
 * claim's settle or a retry's backoff keeps no other case waiting. A case is claimed only when its
 * turn comes, so this also bounds the claims a stopped process leaves standing for their lease;
 * the poll's other cases stay unclaimed for the next run.
 */
export const CASES_AT_ONCE = 24;

/** One record of the case: what happened to it, and its id in the practice system. */
export interface CaseRecord {
	outcome: string;
	id: string | null;
}

export const NOTHING: CaseRecord = { outcome: 'nothingToWrite', id: null };
export const NOT_STARTED: CaseRecord = { outcome: 'notStarted', id: null };

export function recordOf<R, T>(w: Written<R, T>, id: (record: T) => unknown): CaseRecord {
	const value = w.record ? id(w.record) : null;
	return {
		outcome: w.mayHaveLanded ? 'unfinishedMayExist' : w.outcome,
		id: value === null || value === undefined || value === '' ? null : String(value),
	};
}

/** Every record the case has gets the same outcome (the case was done, or another run holds it). */
export function markAll(records: Record<string, CaseRecord>, outcome: string): void {
	for (const k of Object.keys(records))
		if (records[k] !== NOTHING) records[k] = { outcome, id: null };
}

/** Whether a record's write ended early (the claim's deadline came first). */
export const stopped = (r: CaseRecord) => r.outcome.startsWith('unfinished');

/** The case is done: a note carries its final token `[cc:<case>]`. */
export const doneIn = (key: string) => (notes: CaseNote[]) =>
	notes.some((n) => tokenPattern(key).test(n.text));

/** A review note of the case (`[cc:<case>.review]`, or keyed by the CareCredit session). */
export function reviewIn(notes: CaseNote[], keys: string[]): boolean {
	return notes.some((n) => keys.some((k) => tokenPattern(`${k}.review`).test(n.text)));
}

export const resolvedIn = (notes: CaseNote[], key: string) =>
	notes.some((n) => tokenPattern(`${key}.resolved`).test(n.text));

export { touchesCase };

/** A message in the practice's words: no reference token, no system ids. */
export function practiceWords(text: string): string {
	return text
		.replace(/\s*\[\s*cc\s*:[^\]]*\]/gi, '')
		.replace(/\s*\((?:patient|account|guarantor|PatNum)\s+[^)]*\)/gi, '')
		.replace(/\s{2,}/g, ' ')
		.trim();
}

/** The short ledger note that settles a review: the case was written after all. */
export function resolvedNoteText(key: string): string {
	return `Review resolved: this CareCredit case was written in full by the financing automation after it had been held for review. [cc:${key}.resolved]`;
}

export function resolvedMessage(patientName: unknown): string {
	const who =
		typeof patientName === 'string' && patientName.trim() ? ` for ${patientName.trim()}` : '';
	return `Resolved: the CareCredit case${who} that was held for review has now been written in full; nothing more to do.`;
}

/**
 * An error that ends a case after some of its records were written carries what exists
 * (`details.whatExists`, which the templates' review note and message read), unless it already
 * says so itself; nothing written leaves the error as it is.
 */
export function withWhatExists(
	ctx: IExecuteFunctions,
	i: number,
	error: unknown,
	records: Record<string, CaseRecord>,
	labels: Record<string, string>,
): NodeApiError | NodeOperationError {
	const failed = asNodeError(ctx, error, i);
	const wrote = Object.values(records).some(
		(r) =>
			r.id !== null ||
			['created', 'alreadyWritten', 'writtenConcurrently', 'unfinishedMayExist'].includes(
				r.outcome,
			),
	);
	const details = (failed.context.details ?? {}) as IDataObject;
	if (wrote && details.whatExists === undefined)
		failed.context.details = { ...details, whatExists: whatExists(records, labels) };
	return failed;
}

/** What exists when the run stopped early, in the practice's words. */
export function whatExists(
	records: Record<string, CaseRecord>,
	labels: Record<string, string>,
): string {
	const have = Object.entries(records)
		.filter(
			([, r]) =>
				r.id !== null || ['created', 'alreadyWritten', 'writtenConcurrently'].includes(r.outcome),
		)
		.map(([k]) => labels[k] ?? k);
	const maybe = Object.entries(records)
		.filter(([, r]) => r.outcome === 'unfinishedMayExist')
		.map(([k]) => labels[k] ?? k);
	const parts = [
		have.length ? `written: ${have.join(', ')}` : 'nothing written yet',
		...(maybe.length ? [`may exist (no clear answer): ${maybe.join(', ')}`] : []),
	];
	return `${parts.join('; ')}. The next run of this case finishes the rest.`;
}

/** The one output item of the case. */
export function caseOutput(o: {
	outcome: string;
	created: boolean;
	resolvedReview: boolean;
	referenceToken: string;
	records: Record<string, CaseRecord>;
	message: string;
	patientName?: unknown;
	more?: IDataObject;
}): IDataObject {
	return {
		outcome: o.outcome,
		created: o.created,
		resolvedReview: o.resolvedReview,
		referenceToken: o.referenceToken,
		...(o.records as unknown as IDataObject),
		message: o.created ? practiceWords(o.message) : '',
		resolvedMessage: o.resolvedReview ? resolvedMessage(o.patientName) : '',
		...o.more,
	};
}

export const transactionIdField: INodeProperties = {
	displayName: 'Transaction ID',
	name: 'transactionId',
	type: 'string',
	default: '',
	placeholder: 'e.g. TXN-20261120-0001',
	description:
		"The CareCredit purchase's transaction ID when the purchase is done: its payment is posted once per transaction. Empty: no payment yet.",
};

export const arrangementField: INodeProperties = {
	displayName: 'Arrangement',
	name: 'arrangement',
	type: 'json',
	default: '={{ $json.arrangement ?? $json }}',
	required: true,
	description: 'The arrangement the Payment Arrangement node built (Build or Validate)',
};

/**
 * A note that holds a case for review (Ledger Note: Create, Commlog: Create): given the decision
 * it is about, the note is written under that case's claim, the one Financed Case: Write takes.
 * So it is not written while another run writes the case (`anotherRunIsWriting`), nor once the
 * case is written (`caseWritten`); and a run that writes the case later finds it and writes the
 * "resolved" note. Without it the note takes a claim of its own reference.
 */
export const heldDecisionField: INodeProperties = {
	displayName: 'Held Decision',
	name: 'heldDecision',
	type: 'json',
	default: '',
	description:
		"For a note that holds a case for review: the CareCredit decision it holds (the decision's item). The note is then written under the case's claim: not while another run writes the case, and not once the case is written.",
};

/** The case key of the Held Decision (its reference token's id), or null when none is given. */
export function heldCaseKey(value: unknown): string | null {
	let decision: unknown = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return null;
		try {
			decision = JSON.parse(value);
		} catch {
			return null;
		}
	}
	if (!decision || typeof decision !== 'object') return null;
	const token = referenceToken(decision as Parameters<typeof referenceToken>[0]);
	return token.ok ? (findReferenceTokens(token.value)[0]?.id ?? null) : null;
}

/**
 * A record's lookup on a fresh claim: nothing of the case existed when this run claimed it, so
 * the first lookup (before the write) is skipped; every later one (after a fault that may have
 * committed the write) reads, so a write that landed is found, never sent again.
 */
export function lookupAfterFirst<R, T>(
	fresh: boolean,
	lookup: (request: R) => Promise<T | null>,
): (request: R) => Promise<T | null> {
	let skip = fresh;
	return async (request) => {
		if (!skip) return await lookup(request);
		skip = false;
		return null;
	};
}
