/* eslint-disable no-console -- sandbox code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// The Dentrix stand-in's HTTP conventions (docs/dentrix-api.md): the bearer key, the error body
// `{error: {code, message, fields}}`, limit/offset paging, yyyy-MM-dd query dates. Handlers are
// synchronous, so a check and the write after it never interleave with another request (the
// one-agreement-per-account rule relies on it).
import type {
	Handler,
	Route,
	SandboxRequest,
	SandboxResponse,
	ServiceContext,
} from '../core/types';
import { type FieldError, isDate } from './fields';
import type { DentrixSource, DentrixState } from './types';

export type Ctx = ServiceContext<DentrixState>;
export type Body = Record<string, unknown>;

export const dollars = (cents: number) => cents / 100;
export const today = (ctx: Ctx) => ctx.now().toISOString().slice(0, 10);

export function error(
	status: number,
	code: string,
	message: string,
	fields: FieldError[] = [],
	extra: Body = {},
): SandboxResponse {
	return { status, body: { error: { code, message, ...extra, fields } } };
}
export const notFound = (what: string, id: string) =>
	error(404, 'notFound', `No ${what} with id ${id}.`);
export const invalid = (what: string, fields: FieldError[]) =>
	error(
		422,
		'validationFailed',
		`The ${what} was not saved: ${fields.length} field${fields.length === 1 ? ' needs' : 's need'} attention.`,
		fields,
	);

export class HttpError extends Error {
	constructor(readonly response: SandboxResponse) {
		super('http');
	}
}

export const sourceOf = (req: SandboxRequest): DentrixSource =>
	req.headers['x-sandbox-source'] === 'console' ? 'console' : 'api';

export function bodyOf(req: SandboxRequest): Body {
	const body = req.body ?? {};
	if (typeof body !== 'object' || Array.isArray(body) || '__invalidJson' in (body as Body)) {
		throw new HttpError(error(400, 'badRequest', 'The request body must be a JSON object.'));
	}
	return body as Body;
}

export function paging(req: SandboxRequest): { limit: number; offset: number } {
	const limit = req.query.limit === undefined ? 50 : Number(req.query.limit);
	const offset = req.query.offset === undefined ? 0 : Number(req.query.offset);
	if (
		!Number.isInteger(limit) ||
		limit < 1 ||
		limit > 200 ||
		!Number.isInteger(offset) ||
		offset < 0
	) {
		throw new HttpError(
			error(
				400,
				'badRequest',
				'limit must be a whole number from 1 to 200 and offset a whole number from 0.',
			),
		);
	}
	return { limit, offset };
}

export function page<T>(req: SandboxRequest, rows: T[], out: (row: T) => unknown): SandboxResponse {
	const { limit, offset } = paging(req);
	return {
		status: 200,
		body: { items: rows.slice(offset, offset + limit).map(out), total: rows.length, limit, offset },
	};
}

export function queryDate(req: SandboxRequest, name: string): string | undefined {
	const v = req.query[name];
	if (v === undefined || v === '') return undefined;
	if (!isDate(v))
		throw new HttpError(error(400, 'badRequest', `${name} must be a date written yyyy-MM-dd.`));
	return v;
}

export const contains = (haystack: string, needle: string | undefined) =>
	!needle || haystack.toLowerCase().includes(needle.toLowerCase());

export function route(
	method: Route<DentrixState>['method'],
	path: string,
	handler: (req: SandboxRequest, ctx: Ctx) => SandboxResponse,
): Route<DentrixState> {
	const guarded: Handler<DentrixState> = (req, ctx) => {
		const auth = req.headers.authorization ?? '';
		const key = /^Bearer\s+(.+)$/i.exec(auth)?.[1]?.trim();
		if (!key || !ctx.state.apiKeys.includes(key)) {
			return error(
				401,
				'unauthorized',
				'Missing or unknown API key: send Authorization: Bearer <your Dentrix API key>.',
			);
		}
		try {
			return handler(req, ctx);
		} catch (e) {
			if (e instanceof HttpError) return e.response;
			console.error('[sandbox dentrix]', e);
			return error(500, 'internal', 'Internal error in the sandbox.');
		}
	};
	return { method, path, handler: guarded };
}
