import { deepCopy, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { runOf } from './runCache';

/** `{{ $json }}`: the input item's JSON. */
const ITEM_JSON = /^=\s*\{\{\s*\$json\s*\}\}\s*$/;
/** `{{ $('Node').first().json.a.b }}`: the same value for every item of the node run. */
const FIRST_ITEM_OF_NODE =
	/^=\s*\{\{\s*\$\(\s*(['"])[^'"\\]*\1\s*\)\.first\(\)\.json(?:\??\.[A-Za-z_$][\w$]*)*\s*\}\}\s*$/;

/** Whether a raw parameter (or every field of it) reads nothing of the item: literal or `first()`. */
function sameForEveryItem(raw: unknown): boolean {
	if (typeof raw === 'string') return !raw.startsWith('=') || FIRST_ITEM_OF_NODE.test(raw);
	if (Array.isArray(raw)) return raw.every(sameForEveryItem);
	if (typeof raw === 'object' && raw !== null) return Object.values(raw).every(sameForEveryItem);
	return true;
}

const sameForRun = new WeakMap<object, Map<string, unknown>>();

/**
 * `getNodeParameter`, with the work n8n 2.x would repeat for every item done once: n8n evaluates
 * each expression in an isolate, a few milliseconds each, more than a request to the practice
 * system (README, "Benchmark"). Two forms give exactly what n8n would and are not evaluated
 * again: `{{ $json }}` is the input item's JSON, and a parameter whose expressions read only
 * `$('Node').first()` is evaluated for the first item that asks and copied for the others. Every
 * other parameter is n8n's own evaluation, item by item.
 */
export function itemParameter(
	ctx: IExecuteFunctions,
	name: string,
	i: number,
	fallback: unknown = '',
): unknown {
	const raw = name
		.split('.')
		.reduce<unknown>(
			(at, key) => (typeof at === 'object' && at !== null ? (at as IDataObject)[key] : undefined),
			ctx.getNode().parameters,
		);
	if (typeof raw === 'string' && ITEM_JSON.test(raw)) {
		const item = ctx.getInputData()[i];
		if (item) return deepCopy(item.json);
	}
	if (raw === undefined) return ctx.getNodeParameter(name, i, fallback) as unknown;
	if (!sameForEveryItem(raw)) {
		// A collection: each of its fields on its own (the same as n8n's reading of the whole).
		if (typeof raw === 'object' && !Array.isArray(raw) && raw !== null)
			return Object.fromEntries(
				Object.keys(raw).map((key) => [key, itemParameter(ctx, `${name}.${key}`, i)]),
			);
		return ctx.getNodeParameter(name, i, fallback) as unknown;
	}
	const run = runOf(ctx);
	let values = sameForRun.get(run);
	if (!values) sameForRun.set(run, (values = new Map()));
	if (!values.has(name)) values.set(name, ctx.getNodeParameter(name, i, fallback) as unknown);
	const value = values.get(name);
	return typeof value === 'object' && value !== null ? deepCopy(value) : value;
}
