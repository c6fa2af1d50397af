// A node run's request slots (nodes/shared/runCache.ts) and the deadline check after a wait for
// one (nodes/shared/deadline.ts `stillInTime`): plain promises, no HTTP.
import { sleep } from 'n8n-workflow';

import { DeadlineReached, setDeadline, stillInTime, whileHeld } from '../../nodes/shared/deadline';
import { itemScope, requestSlot } from '../../nodes/shared/runCache';

const POLICY = { attempts: 3, baseDelayMs: 10, maxDelayMs: 100, timeoutMs: 30_000 };

/** Runs `count` requests of `ms` each through `ctxOf(k)`'s slots; the most at once, and the start order. */
async function through(count: number, ms: number, ctxOf: (k: number) => object, limit?: number) {
	let now = 0;
	let most = 0;
	const started: number[] = [];
	await Promise.all(
		Array.from({ length: count }, async (_, k) => {
			const free = await requestSlot(ctxOf(k), limit);
			started.push(k);
			most = Math.max(most, ++now);
			await sleep(ms);
			now--;
			free();
		}),
	);
	return { most, started };
}

test('a run sends at most its slots at once, in the order the requests came', async () => {
	const run = {};
	const { most, started } = await through(20, 5, () => run, 3);
	expect(most).toBe(3);
	expect(started).toEqual(Array.from({ length: 20 }, (_, k) => k));
});

test('its items share the run slots; another run has its own', async () => {
	const run = {};
	const items = Array.from({ length: 12 }, () => itemScope(run));
	expect((await through(12, 5, (k) => items[k]!, 4)).most).toBe(4);
	const [one, other] = [{}, {}];
	const both = await through(8, 5, (k) => (k % 2 ? one : other), 2);
	expect(both.most).toBe(4);
});

test('a slot given back twice counts once', async () => {
	const run = {};
	const free = await requestSlot(run, 1);
	free();
	free();
	const a = await requestSlot(run, 1);
	let second = false;
	const b = requestSlot(run, 1).then((f) => ((second = true), f));
	await sleep(5);
	expect(second).toBe(false);
	a();
	(await b)();
	expect(second).toBe(true);
});

test('after a wait for a slot, a request that could end after the claim deadline is not sent', () => {
	const held = {};
	expect(() => stillInTime(held, POLICY)).not.toThrow();
	setDeadline(held, Date.now() + 60_000);
	expect(() => stillInTime(held, POLICY)).not.toThrow();
	setDeadline(held, Date.now() + 29_000);
	expect(() => stillInTime(held, POLICY)).toThrow(DeadlineReached);
	setDeadline(held, undefined);
	expect(() => stillInTime(held, POLICY)).not.toThrow();
});

test('the audit note after the messages takes the next free slot before the cases waiting', async () => {
	const run = {};
	const items = Array.from({ length: 4 }, () => itemScope(run));
	const order: number[] = [];
	const take = async (k: number) => {
		const free = await requestSlot(items[k]!, 1);
		order.push(k);
		free();
	};
	const first = await requestSlot(items[0]!, 1);
	const waiting = [take(1), take(2)];
	await sleep(5);
	// Came last, served first; and only while the note is being written.
	const note = whileHeld(items[3]!, () => take(3));
	await sleep(5);
	first();
	await Promise.all([...waiting, note]);
	expect(order).toEqual([3, 1, 2]);
	const later = await requestSlot(items[0]!, 1);
	const after = [take(1), take(3)];
	await sleep(5);
	later();
	await Promise.all(after);
	expect(order.slice(3)).toEqual([1, 3]);
});
