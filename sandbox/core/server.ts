/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- sandbox code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// One loopback HTTP server per service. It parses requests, routes them, injects the faults a
// test asked for (before the service runs, or after it committed), records every write, and
// saves the state after each request that changed something.
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import type { StateStore } from './store';
import type {
	FaultRule,
	Method,
	Route,
	SandboxOptions,
	SandboxRequest,
	SandboxResponse,
	SandboxUrls,
	ServiceContext,
	ServiceDefinition,
	ServiceName,
} from './types';

export interface RunningServer {
	name: ServiceName;
	url: string;
	port: number;
	close(): Promise<void>;
}

interface CompiledRoute<S> {
	route: Route<S>;
	pattern: RegExp;
	names: string[];
}

function compile<S>(route: Route<S>): CompiledRoute<S> {
	const names: string[] = [];
	const source = route.path
		.replace(/\/+$/, '')
		.split('/')
		.map((segment) => {
			if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			names.push(segment.slice(1));
			return '([^/]+)';
		})
		.join('/');
	return { route, pattern: new RegExp(`^${source}/?$`), names };
}

function parseBody(raw: string, contentType: string | undefined): unknown {
	if (!raw) return undefined;
	if (contentType?.includes('application/x-www-form-urlencoded')) {
		return Object.fromEntries(new URLSearchParams(raw));
	}
	try {
		return JSON.parse(raw);
	} catch {
		return { __invalidJson: raw };
	}
}

function matches(rule: FaultRule, req: SandboxRequest): boolean {
	if (rule.method && rule.method !== req.method) return false;
	if (rule.pathPattern && !new RegExp(rule.pathPattern).test(req.path)) return false;
	if (rule.count !== undefined && rule.count <= 0) return false;
	if (rule.rate !== undefined && Math.random() >= rule.rate) return false;
	return true;
}

/** Tax ids keep their last four and dates of birth nothing, so the write log never holds them. */
export function maskPatientData(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(maskPatientData);
	if (!value || typeof value !== 'object') return value;
	return Object.fromEntries(
		Object.entries(value).map(([key, v]) => {
			if (typeof v === 'string' && /^(cipher\.)?(taxId|ssn)$/i.test(key)) {
				return [key, `*****${v.replace(/\D/g, '').slice(-4)}`];
			}
			if (typeof v === 'string' && /^(cipher\.)?(dateOfBirth|birthdate)$/i.test(key)) {
				return [key, v ? '****-**-**' : v];
			}
			return [key, maskPatientData(v)];
		}),
	);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ServerDeps {
	store: StateStore;
	urls: () => SandboxUrls;
	options: SandboxOptions;
	/** Admin routes every server answers under `/__sandbox/` (faults, writes, clock, reset). */
	admin: (service: ServiceName) => Route<unknown>[];
}

export function startServer<S>(
	definition: ServiceDefinition<S>,
	port: number,
	deps: ServerDeps,
): Promise<RunningServer> {
	// Requests being answered now (the admin's excepted), and the most at once since the last read.
	let inFlight = 0;
	let mostInFlight = 0;
	const inFlightRoute: Route<unknown> = {
		method: 'GET',
		path: '/__sandbox/in-flight',
		handler: () => {
			const most = mostInFlight;
			mostInFlight = inFlight;
			return { status: 200, body: { now: inFlight, most } };
		},
	};
	const routes = [...deps.admin(definition.name), inFlightRoute, ...definition.routes].map((r) =>
		compile(r as Route<unknown>),
	);
	const sockets = new Set<Socket>();
	const { store } = deps;

	const context = (): ServiceContext<unknown> => ({
		state: definition.name === 'console' ? store.state : store.state[definition.name as 'dentrix'],
		all: store.state,
		now: () => new Date(Date.now() + store.state.clockOffsetMs),
		nextId: (sequence, start) => store.nextId(sequence, start),
		urls: deps.urls(),
		options: deps.options,
	});

	const takeFault = (req: SandboxRequest, phase: 'before' | 'after'): FaultRule | null => {
		if (req.path.startsWith('/__sandbox/')) return null;
		const rules = store.state.faults[definition.name] ?? [];
		const rule = rules.find((r) => r.phase === phase && matches(r, req));
		if (!rule) return null;
		if (rule.count !== undefined) rule.count -= 1;
		store.state.faults[definition.name] = rules.filter((r) => r.count === undefined || r.count > 0);
		return rule;
	};

	const handle = async (raw: http.IncomingMessage, res: http.ServerResponse, body: string) => {
		const url = new URL(raw.url ?? '/', 'http://sandbox');
		const headers: Record<string, string | undefined> = {};
		for (const [k, v] of Object.entries(raw.headers))
			headers[k] = Array.isArray(v) ? v.join(', ') : v;
		const req: SandboxRequest = {
			method: (raw.method ?? 'GET').toUpperCase() as Method,
			path: url.pathname,
			params: {},
			query: Object.fromEntries(url.searchParams),
			headers,
			body: parseBody(body, headers['content-type']),
			rawBody: body,
		};

		// A fault that strikes the transport, not the service's answer.
		const strike = async (rule: FaultRule): Promise<SandboxResponse | 'dropped' | null> => {
			if (rule.kind === 'latency') {
				await sleep(rule.delayMs ?? 1000);
				return null;
			}
			if (rule.kind === 'timeout') {
				await sleep(rule.delayMs ?? 30_000);
				raw.socket.destroy();
				return 'dropped';
			}
			if (rule.kind === 'reset') {
				if (raw.socket.resetAndDestroy) raw.socket.resetAndDestroy();
				else raw.socket.destroy();
				return 'dropped';
			}
			const status = rule.status ?? 503;
			const retry = rule.retryAfterSeconds;
			return {
				status,
				headers: retry !== undefined ? { 'retry-after': String(retry) } : {},
				body: {
					code: String(status),
					message: status === 429 ? 'Too many requests' : 'Service unavailable (injected fault)',
					transient: true,
				},
			};
		};

		let faulted: 'before' | 'after' | null = null;
		let response: SandboxResponse | 'dropped' | null = null;
		const before = takeFault(req, 'before');
		if (before) {
			response = await strike(before);
			if (response) faulted = 'before';
		}
		if (!response) {
			const found = routes
				.map((c) => ({ c, m: c.pattern.exec(req.path) }))
				.find(({ c, m }) => m && c.route.method === req.method);
			if (!found) {
				const pathKnown = routes.some((c) => c.pattern.test(req.path));
				response = pathKnown
					? { status: 405, body: { message: `${req.method} is not allowed on ${req.path}` } }
					: { status: 404, body: { message: `No such endpoint: ${req.method} ${req.path}` } };
			} else {
				found.c.names.forEach((n, i) => (req.params[n] = decodeURIComponent(found.m![i + 1])));
				try {
					response = await found.c.route.handler(req, context());
				} catch (error) {
					console.error(`[sandbox ${definition.name}]`, error);
					response = { status: 500, body: { message: 'Internal error in the sandbox' } };
				}
			}
			// After the service committed: latency delays the answer, the others replace it.
			const after = takeFault(req, 'after');
			if (after) {
				const struck = await strike(after);
				if (struck) {
					faulted = 'after';
					if (req.method !== 'GET') record(req, response as SandboxResponse, faulted);
					response = struck;
				}
			}
		}
		if (req.method !== 'GET' && !req.path.startsWith('/__sandbox/') && faulted !== 'after') {
			if (response !== 'dropped' && response) record(req, response, faulted);
		}
		store.save();
		if (response === 'dropped' || !response) return;
		const contentType = response.contentType ?? 'application/json; charset=utf-8';
		const payload =
			response.body === undefined
				? ''
				: response.contentType
					? String(response.body)
					: JSON.stringify(response.body);
		res.writeHead(response.status, { 'content-type': contentType, ...response.headers });
		res.end(payload);
	};

	const record = (
		req: SandboxRequest,
		response: SandboxResponse,
		faulted: 'before' | 'after' | null,
	) => {
		store.state.writes.push({
			seq: store.nextId('sandbox.write'),
			service: definition.name,
			method: req.method,
			path: req.path,
			query: req.query,
			body: maskPatientData(req.body),
			status: response.status,
			faulted,
			at: new Date(Date.now() + store.state.clockOffsetMs).toISOString(),
		});
	};

	const server = http.createServer((raw, res) => {
		const chunks: Buffer[] = [];
		const counted = !(raw.url ?? '').startsWith('/__sandbox/');
		if (counted) mostInFlight = Math.max(mostInFlight, ++inFlight);
		raw.on('data', (c: Buffer) => chunks.push(c));
		raw.on('end', () => {
			handle(raw, res, Buffer.concat(chunks).toString('utf8'))
				.catch((error) => {
					console.error(`[sandbox ${definition.name}]`, error);
					if (!res.headersSent) res.writeHead(500).end();
				})
				.finally(() => {
					if (counted) inFlight--;
				});
		});
	});
	server.on('connection', (s) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});

	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			const actual = (server.address() as AddressInfo).port;
			resolve({
				name: definition.name,
				port: actual,
				url: `http://127.0.0.1:${actual}`,
				close: () =>
					new Promise<void>((done) => {
						for (const s of sockets) s.destroy();
						server.close(() => done());
					}),
			});
		});
	});
}
