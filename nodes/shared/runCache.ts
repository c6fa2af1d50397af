/**
 * A node run and its items. What one node run reads once and shares between its items (the
 * office's appointment field definitions, a plan's benefits, a carrier) and Open Dental's pacing
 * are keyed on the context n8n gives that run, so nothing outlives it. An item run at the same
 * time as others (`itemScope`) gets a context of its own (its claim's deadline is its own) that
 * shares the run's: `runOf` finds the run's context from it.
 */
const runs = new WeakMap<object, object>();

/** A context for one item of the run: everything of `ctx`, its own identity. */
export function itemScope<T extends object>(ctx: T): T {
	const scope = Object.create(ctx) as T;
	runs.set(scope, runOf(ctx));
	return scope;
}

/** The node run's context, from its own or from one of its items'. */
export const runOf = (ctx: object): object => runs.get(ctx) ?? ctx;

/** A failed read is not kept: the next item asks again. */
const caches = new WeakMap<object, Map<string, Promise<unknown>>>();

export async function oncePerRun<T>(ctx: object, key: string, load: () => Promise<T>): Promise<T> {
	const run = runOf(ctx);
	let cache = caches.get(run);
	if (!cache) caches.set(run, (cache = new Map()));
	let pending = cache.get(key) as Promise<T> | undefined;
	if (!pending) {
		pending = load();
		cache.set(key, pending);
		pending.catch(() => cache.delete(key));
	}
	return await pending;
}

/**
 * How many requests one node run sends to a practice system at the same time, its items' together
 * (a Financed Case: Write runs up to `CASES_AT_ONCE` cases at once; a case waiting out its claim's
 * settle or a retry's backoff holds no slot). As many as the cases, so that a case's calls do not
 * wait for another's: under faults a call can hold its slot for a whole timeout.
 */
export const REQUESTS_AT_ONCE = 24;

const slots = new WeakMap<object, { free: number; waiting: Array<() => void> }>();

/** Item contexts whose requests take the next free slot before the others waiting. */
const ahead = new WeakSet<object>();

/**
 * Runs `request` with the item's requests ahead of the other items' in the queue for the run's
 * slots: the audit note after a case's messages went out, so the time in which a stopped process
 * leaves a message without its note is not spent waiting behind other cases.
 */
export async function aheadOfOthers<T>(ctx: object, request: () => Promise<T>): Promise<T> {
	ahead.add(ctx);
	try {
		return await request();
	} finally {
		ahead.delete(ctx);
	}
}

/** Waits for one of the run's request slots; the function returned gives it back (once). */
export async function requestSlot(ctx: object, limit = REQUESTS_AT_ONCE): Promise<() => void> {
	const run = runOf(ctx);
	let gate = slots.get(run);
	if (!gate) slots.set(run, (gate = { free: limit, waiting: [] }));
	const mine = gate;
	if (mine.free > 0) mine.free--;
	else
		await new Promise<void>((resolve) =>
			ahead.has(ctx) ? mine.waiting.unshift(resolve) : mine.waiting.push(resolve),
		);
	let given = false;
	return () => {
		if (given) return;
		given = true;
		const next = mine.waiting.shift();
		if (next) next();
		else mine.free++;
	};
}
