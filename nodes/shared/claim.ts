import { findReferenceTokens } from '../../financing';
import { DeadlineReached } from './deadline';

/**
 * The case claim (docs/writers.md, "The case claim"): a lock that holds across n8n processes
 * because it lives in the practice system, as a note every run can read (a Dentrix ledger note,
 * an Open Dental commlog) whose text carries `[cc:<case>.claim]`, the claiming run (n8n's
 * execution id) and `until` (ISO UTC, now + lease on n8n's clock).
 *
 * - Earliest live claim wins: among the claims whose `until` is still ahead, the one with the
 *   lowest record id (the system's own creation order) holds the case; only the holder writes.
 * - A run whose own claim holds (a later writer node of the same execution) goes on.
 * - A claim whose `until` has passed is not live: the next run appends its own and takes over,
 *   and rewrites the lapsed claim to say its run stopped and which run took the case over.
 * - The holder starts no request that could end after `until - margin` (deadline.ts, `setDeadline`).
 * - At the end the holder rewrites its claim into the case's note (the audit note); a run that
 *   lost rewrites its claim to say it stood back.
 */

/** How long a claim stands by default; the trigger's look-back covers it plus two polls. */
export const DEFAULT_LEASE_SECONDS = 300;
/** What clocks may disagree and a process may be frozen; no request ends later than until − this. */
export const CLAIM_MARGIN_MS = 15_000;
/** Without a throttle, how long after the claim's creation its check read comes (docs/writers.md). */
export const SETTLE_MS = 1000;

export interface CaseNote {
	/** The system's record id: the creation order (ids compare by their number). */
	id: string;
	text: string;
}

/** Where a case's claims live: the notes of one account (Dentrix) or one patient (Open Dental). */
export interface ClaimStore {
	/** The notes that may carry a token of the case (one read). */
	notes: () => Promise<CaseNote[]>;
	create: (text: string) => Promise<CaseNote>;
	rewrite: (id: string, text: string) => Promise<CaseNote>;
	/** The wait between a claim's creation and the check read (nothing where requests are paced). */
	settle: () => Promise<void>;
}

export interface Held {
	key: string;
	run: string;
	noteId: string;
	until: number;
	/** No request may end after this (until − margin): the transport's deadline. */
	deadlineAt: number;
	/** True when this execution held the case before this node (its claim was found). */
	already: boolean;
}

/** `notes`: the check read after this run appended its claim (absent when no claim was appended). */
export type ClaimVerdict =
	| { held: Held; notes?: CaseNote[] }
	| { heldBy: string; held?: undefined };

/** The case of a reference token: `[cc:APP-1]` → `APP-1`; null when it carries none. */
export function caseKey(token: unknown): string | null {
	return findReferenceTokens(token)[0]?.id ?? null;
}

export const claimToken = (key: string) => `[cc:${key}.claim]`;

export function claimText(key: string, run: string, until: number): string {
	return `The financing automation is writing this case (run ${run}, until ${new Date(until).toISOString()}). ${claimToken(key)}`;
}

export function stoodBackText(key: string, run: string, holder: string): string {
	return `The financing automation stood back: run ${holder} was writing this case, so run ${run} wrote nothing. [cc:${key}.stoodBack]`;
}

/** A lapsed claim of a run that stopped (killed, crashed) rewritten by the run that took over. */
export function takenOverText(key: string, stopped: string, run: string, until: number): string {
	return `The financing automation's run ${stopped} stopped before it finished this case; its claim ran out at ${new Date(until).toISOString()} and run ${run} took the case over. [cc:${key}.takenOver]`;
}

interface Claim {
	id: string;
	run: string;
	until: number;
}

const CLAIM_PATTERN = /\(run ([^,\s)]+), until (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z)\)/;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A case token in a note, with the spaces Open Dental may put around its parts. */
export const tokenPattern = (id: string) =>
	new RegExp(`\\[\\s*cc\\s*:\\s*${escape(id)}\\s*\\]`, 'i');

/** The claim a note carries for this case, or null. */
export function readClaim(note: CaseNote, key: string): Claim | null {
	if (!tokenPattern(`${key}.claim`).test(note.text)) return null;
	const m = CLAIM_PATTERN.exec(note.text);
	if (!m) return null;
	const until = Date.parse(m[2]!);
	return Number.isFinite(until) ? { id: note.id, run: m[1]!, until } : null;
}

/** Record ids in creation order: by their number (note_4101, 1001), then as text. */
export function byCreation(a: string, b: string): number {
	const n = (id: string) => Number(/(\d+)$/.exec(id)?.[1] ?? NaN);
	const [x, y] = [n(a), n(b)];
	if (Number.isFinite(x) && Number.isFinite(y) && x !== y) return x - y;
	return a < b ? -1 : a > b ? 1 : 0;
}

/** The live claims of the case, earliest first: the first one holds it. */
export function liveClaims(notes: CaseNote[], key: string, now: number): Claim[] {
	return notes
		.map((n) => readClaim(n, key))
		.filter((c): c is Claim => c !== null && c.until > now)
		.sort((a, b) => byCreation(a.id, b.id));
}

function heldAs(claim: Claim, key: string, already: boolean): Held {
	return {
		key,
		run: claim.run,
		noteId: claim.id,
		until: claim.until,
		deadlineAt: claim.until - CLAIM_MARGIN_MS,
		already,
	};
}

/**
 * Takes the case for this run, or says which run holds it. `seen` are the notes the writer has
 * just read (no second read then). A live claim of another run already visible holds the case
 * (any claim appended now would come after it): nothing is appended. Otherwise this run appends
 * its claim, waits for it to settle, reads again, and holds the case when its claim is the
 * earliest live one; if not, it rewrites its claim to say it stood back.
 */
export async function takeClaim(
	store: ClaimStore,
	key: string,
	run: string,
	leaseSeconds: number,
	seen?: CaseNote[],
): Promise<ClaimVerdict> {
	const first = liveClaims(seen ?? (await store.notes()), key, Date.now())[0];
	if (first) return first.run === run ? { held: heldAs(first, key, true) } : { heldBy: first.run };
	const until = Date.now() + leaseSeconds * 1000;
	const mine = await store.create(claimText(key, run, until));
	await store.settle();
	const notes = await store.notes();
	const holder = liveClaims(notes, key, Date.now())[0];
	if (holder?.id === mine.id) return { held: heldAs(holder, key, false), notes };
	const by = holder?.run ?? 'unknown';
	await store.rewrite(mine.id, stoodBackText(key, run, by));
	return { heldBy: by };
}

/** Whether a note carries any token of the case: `[cc:KEY]` or `[cc:KEY.<anything>]`. */
export function touchesCase(text: string, key: string): boolean {
	return new RegExp(`\\[\\s*cc\\s*:\\s*${escape(key)}(\\.[A-Za-z0-9_-]+)?\\s*\\]`, 'i').test(text);
}

/**
 * Items of one execution that carry the same case (a decision the feed sent twice in one poll)
 * share the run's id, so the claim alone cannot keep them apart when a node runs items at the
 * same time: within this process they take the case one after another (`end` lets the next go).
 */
const casesInRun = new Map<string, Promise<void>>();

async function oneAtATime(name: string): Promise<() => void> {
	for (let busy = casesInRun.get(name); busy; busy = casesInRun.get(name)) await busy;
	let free = () => {};
	const mine = new Promise<void>((resolve) => (free = resolve));
	casesInRun.set(name, mine);
	return () => {
		if (casesInRun.get(name) === mine) casesInRun.delete(name);
		free();
	};
}

/**
 * One writer's hold on a case, for the life of one item: `take` claims it once (later writes of
 * the same item go on), sets the transport's deadline, and `release` rewrites the claim into the
 * note that says what was done (the audit note, or a short record), ending the deadline.
 */
export class CaseClaim {
	held: Held | null = null;

	heldBy: string | null = null;

	/** The notes of the claim read: what the case's notes said when this run claimed it. */
	seen: CaseNote[] = [];

	private leave: (() => void) | null = null;

	constructor(
		private readonly ctx: { getExecutionId(): string },
		readonly store: ClaimStore,
		readonly key: string,
		readonly leaseSeconds: number,
		/** Called with the deadline when held, and with undefined at release. */
		private readonly deadline: (at: number | undefined) => void,
	) {}

	/**
	 * `go` when this run holds the case (and, with `trustFresh`, nothing of the case existed when
	 * it claimed it), `refind` when it holds a case others touched, false when another run does.
	 */
	async take(
		options: { trustFresh?: boolean; done?: (notes: CaseNote[]) => boolean } = {},
	): Promise<false | 'go' | 'refind' | 'done'> {
		if (this.held) return 'go';
		const run = String(this.ctx.getExecutionId() ?? 'unknown');
		this.leave ??= await oneAtATime(`${run} ${this.key}`);
		this.seen = await this.store.notes();
		// The case's final note exists: nothing to claim.
		if (options.done?.(this.seen)) return 'done';
		const verdict = await takeClaim(this.store, this.key, run, this.leaseSeconds, this.seen);
		if (!verdict.held) {
			this.heldBy = verdict.heldBy;
			return false;
		}
		this.held = verdict.held;
		this.deadline(verdict.held.deadlineAt);
		if (verdict.held.already) return 'go';
		// The check read, besides this run's claim: a run that finished the case between the first
		// read and this one has turned its claim into the case's note (no longer a live claim).
		const mine = verdict.held.noteId;
		const later = (verdict.notes ?? []).filter((n) => n.id !== mine);
		this.seen = [...this.seen.filter((n) => !later.some((m) => m.id === n.id)), ...later];
		await this.sayTakenOver(run);
		if (options.done?.(this.seen)) {
			await this.standDown();
			return 'done';
		}
		const touched = this.seen.some((n) => touchesCase(n.text, this.key));
		return options.trustFresh && !touched ? 'go' : 'refind';
	}

	/**
	 * The claims of other runs that ran out while still claims (their run stopped before it
	 * rewrote them) would go on saying "is writing this case": each is rewritten to say that run
	 * stopped and this one took over. Their runs send nothing after `until − margin`, so nothing
	 * else rewrites them. A failed rewrite leaves the old text; the case's writes go on.
	 */
	private async sayTakenOver(run: string): Promise<void> {
		const now = Date.now();
		for (const note of this.seen) {
			const lapsed = readClaim(note, this.key);
			if (!lapsed || lapsed.until > now || lapsed.run === run) continue;
			try {
				await this.store.rewrite(note.id, takenOverText(this.key, lapsed.run, run, lapsed.until));
			} catch {
				// The old text stays; it is no claim any more (its `until` has passed).
			}
		}
	}

	/** Rewrites the claim into its final note (held only); the deadline ends. */
	async release(text: string): Promise<CaseNote | null> {
		if (!this.held) return null;
		// Too late to rewrite: the claim stays until it expires; what was written is found again.
		const rewritten = this.store
			.rewrite(this.held.noteId, text)
			.catch(async (error: unknown) =>
				error instanceof DeadlineReached ? null : await Promise.reject(error),
			);
		return await rewritten.finally(() => this.end());
	}

	/** A claim held for nothing (the record turned up written): it says so and stops being one. */
	async standDown(): Promise<void> {
		if (this.held)
			await this.release(
				`The financing automation found this case already written, so run ${this.held.run} wrote nothing. [cc:${this.key}.stoodBack]`,
			);
	}

	/** The deadline ends; another item of this execution may take the case. */
	end(): void {
		this.deadline(undefined);
		this.leave?.();
		this.leave = null;
	}
}
