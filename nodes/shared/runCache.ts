/**
 * What one node run reads once and shares between its items (the office's appointment field
 * definitions, a plan's benefits, a carrier): keyed on the context n8n gives that run, so nothing
 * outlives it. A failed read is not kept: the next item asks again.
 */
const caches = new WeakMap<object, Map<string, Promise<unknown>>>();

export async function oncePerRun<T>(ctx: object, key: string, load: () => Promise<T>): Promise<T> {
	let cache = caches.get(ctx);
	if (!cache) caches.set(ctx, (cache = new Map()));
	let pending = cache.get(key) as Promise<T> | undefined;
	if (!pending) {
		pending = load();
		cache.set(key, pending);
		pending.catch(() => cache.delete(key));
	}
	return await pending;
}
