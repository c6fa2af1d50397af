// Open Dental's wire conventions (https://www.opendental.com/site/apiimplementation.html): string
// booleans, yyyy-MM-dd dates, numbers as JSON numbers or numeric strings, Limit/Offset paging of
// 100, and errors answered as a JSON string explanation (the docs show no error body: modeled,
// docs/opendental-sandbox.md).
import type { SandboxRequest, SandboxResponse, ServiceContext } from '../core/types';
import type { OpenDentalState } from './types';

export type Ctx = ServiceContext<OpenDentalState>;
export type Body = Record<string, unknown>;

export const BASE_PATH = '/api/v1';
export const EMPTY_DATE = '0001-01-01';
export const EMPTY_DATETIME = '0001-01-01 00:00:00';

/** Open Dental documents no error body (docs/opendental-api-notes.md §1.7): modeled as a JSON string explanation. */
export class OdError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}
export const bad = (message: string) => new OdError(400, message);
export const notFound = (message: string) => new OdError(404, message);

// ---------- wire formats (docs/opendental-api-notes.md §1.5) ----------

export const dateTime = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');
export const today = (ctx: Ctx) => ctx.now().toISOString().slice(0, 10);
export const bool = (v: boolean) => (v ? 'true' : 'false');
export const dollars = (cents: number) => cents / 100;
export const isDate = (v: string) =>
	/^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;
export const isDateTime = (v: string) =>
	/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(v) && isDate(v.slice(0, 10));

export function body(req: SandboxRequest): Body {
	const b = req.body ?? {};
	if (typeof b !== 'object' || Array.isArray(b) || '__invalidJson' in (b as Body))
		throw bad('The request body is not valid JSON.');
	return b as Body;
}
export const given = (b: Body, k: string) => b[k] !== undefined && b[k] !== null && b[k] !== '';

/** Numbers arrive as JSON numbers or numeric strings (the docs' own examples use both). */
export function number(b: Body, k: string): number | undefined {
	if (!given(b, k)) return undefined;
	const v = typeof b[k] === 'string' ? Number(b[k]) : b[k];
	if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(`${k} is invalid.`);
	return v;
}
export function cents(b: Body, k: string): number | undefined {
	const v = number(b, k);
	return v === undefined ? undefined : Math.round(v * 100);
}
export function integer(b: Body, k: string): number | undefined {
	const v = number(b, k);
	if (v !== undefined && !Number.isInteger(v)) throw bad(`${k} is invalid.`);
	return v;
}
/** Booleans travel as the strings "true"/"false" (docs/opendental-api-notes.md §1.5); anything else is a 400. */
export function stringBool(b: Body, k: string): boolean | undefined {
	if (!given(b, k)) return undefined;
	if (b[k] !== 'true' && b[k] !== 'false') throw bad(`${k} must be either "true" or "false".`);
	return b[k] === 'true';
}
export function date(b: Body, k: string): string | undefined {
	if (!given(b, k)) return undefined;
	if (typeof b[k] !== 'string' || !isDate(b[k] as string))
		throw bad(`${k} must be a date in "yyyy-MM-dd" format.`);
	return b[k] as string;
}
export function text(b: Body, k: string): string | undefined {
	if (!given(b, k)) return undefined;
	if (typeof b[k] !== 'string') throw bad(`${k} is invalid.`);
	return b[k] as string;
}
export function oneOf<T extends string>(b: Body, k: string, values: readonly T[]): T | undefined {
	if (!given(b, k)) return undefined;
	if (!values.includes(b[k] as T))
		throw bad(`${k} must be one of: ${values.map((v) => `"${v}"`).join(', ')}.`);
	return b[k] as T;
}
export function numArray(b: Body, k: string): number[] {
	if (!given(b, k)) return [];
	const v = b[k];
	if (!Array.isArray(v) || v.some((x) => !Number.isInteger(Number(x))))
		throw bad(`${k} must be an array of numbers, in [1,2,3] format.`);
	return v.map(Number);
}
export function queryNum(req: SandboxRequest, k: string): number | undefined {
	const v = req.query[k];
	if (v === undefined || v === '') return undefined;
	if (!/^\d+$/.test(v)) throw bad(`${k} is invalid.`);
	return Number(v);
}

/** Limit/Offset paging: 100 per request at most on the remote API (docs/opendental-api-notes.md §1.6). */
export function paged<T>(req: SandboxRequest, rows: T[]): T[] {
	const limit = queryNum(req, 'Limit') ?? 100;
	const offset = queryNum(req, 'Offset') ?? 0;
	return rows.slice(offset, offset + Math.min(Math.max(limit, 1), 100));
}

export const ok = (b: unknown): SandboxResponse => ({ status: 200, body: b });
export const created = (b: unknown, location: string): SandboxResponse => ({
	status: 201,
	body: b,
	headers: { location: `${BASE_PATH}${location}` },
});
