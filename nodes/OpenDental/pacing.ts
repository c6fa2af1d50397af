import { sleep, type IExecuteFunctions, type ILoadOptionsFunctions } from 'n8n-workflow';

import { runOf } from '../shared/runCache';

export type OpenDentalContext = IExecuteFunctions | ILoadOptionsFunctions;

/**
 * Pacing to Open Dental's throttle: one request per second per customer key once the developer
 * has any permission beyond Read All (docs/opendental-api-notes.md §1.9). Kept per node run (keyed on the
 * context n8n gives that run, so nothing outlives it; its items run at the same time share it and
 * take turns): two nodes, two executions or two workers using the same customer key are not paced
 * against each other, and then Open Dental's own throttle slows them down (retried here on 429/5xx
 * should it refuse).
 */
const pacers = new WeakMap<object, { nextAt: number; turn: Promise<void> }>();

export async function pace(ctx: OpenDentalContext, spacingMs: number): Promise<() => void> {
	if (!(spacingMs > 0)) return () => {};
	const run = runOf(ctx);
	const pacer = pacers.get(run) ?? { nextAt: 0, turn: Promise.resolve() };
	pacers.set(run, pacer);
	// One request at a time: the next waits for this one's answer, then for the spacing.
	const before = pacer.turn;
	let done = () => {};
	pacer.turn = new Promise<void>((resolve) => (done = resolve));
	await before;
	// A timer may fire a millisecond early against Date.now(): wait until the slot has come.
	while (Date.now() < pacer.nextAt) await sleep(pacer.nextAt - Date.now());
	return () => {
		// Counted from the answer: "This time includes the execution of the request itself" (§1.9).
		pacer.nextAt = Date.now() + spacingMs;
		done();
	};
}

/** Whether the credential paces requests: then they go one at a time, and so do a node's items. */
export async function paced(ctx: OpenDentalContext): Promise<boolean> {
	const { pacingMs } = await ctx
		.getCredentials<{ pacingMs?: number }>('openDentalApi')
		.catch(() => ({ pacingMs: undefined }));
	return Number(pacingMs ?? 1000) > 0;
}
