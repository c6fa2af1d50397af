// `/__sandbox/*` on every service: what tests and the console use to steer the sandbox.
// Documented in docs/sandbox.md.
import { applyLargeSeed, type LargeSeedOptions } from '../seed/large';
import { LOCATION_SETUP } from '../seed/locations';
import type { StateStore } from './store';
import type { FaultRule, Route, ServiceName } from './types';

const SERVICES: ServiceName[] = ['careCredit', 'dentrix', 'openDental', 'console', 'twilio'];

export function adminRoutes(store: StateStore, service: ServiceName): Route<unknown>[] {
	const target = (body: unknown): ServiceName => {
		const named = (body as { service?: ServiceName } | undefined)?.service;
		return named && SERVICES.includes(named) ? named : service;
	};
	return [
		{
			method: 'GET',
			path: '/__sandbox/writes',
			handler: (req) => {
				const since = Number(req.query.since ?? 0);
				const only = req.query.service ?? (service === 'console' ? undefined : service);
				const writes = store.state.writes.filter(
					(w) => w.seq > since && (only === undefined || only === 'all' || w.service === only),
				);
				return { status: 200, body: { writes } };
			},
		},
		{
			method: 'GET',
			path: '/__sandbox/state',
			handler: () => ({
				status: 200,
				body: service === 'console' ? store.state : store.state[service as 'dentrix'],
			}),
		},
		{
			method: 'GET',
			path: '/__sandbox/faults',
			handler: () => ({ status: 200, body: { faults: store.state.faults } }),
		},
		{
			method: 'POST',
			path: '/__sandbox/faults',
			handler: (req) => {
				const body = (req.body ?? {}) as Partial<FaultRule> & { service?: ServiceName };
				if (!body.kind || !['latency', 'status', 'timeout', 'reset'].includes(body.kind)) {
					return {
						status: 400,
						body: { message: 'kind must be latency, status, timeout or reset' },
					};
				}
				const rule: FaultRule = {
					id: store.nextId('sandbox.fault'),
					kind: body.kind,
					phase: body.phase === 'after' ? 'after' : 'before',
					status: body.status,
					retryAfterSeconds: body.retryAfterSeconds,
					delayMs: body.delayMs,
					count: body.count,
					rate: body.rate,
					method: body.method,
					pathPattern: body.pathPattern,
				};
				const name = target(body);
				store.state.faults[name] = [...(store.state.faults[name] ?? []), rule];
				return { status: 201, body: { service: name, rule } };
			},
		},
		{
			method: 'DELETE',
			path: '/__sandbox/faults',
			handler: (req) => {
				const names = req.query.service === 'all' ? SERVICES : [target(req.query)];
				for (const name of names) store.state.faults[name] = [];
				return { status: 200, body: { cleared: names } };
			},
		},
		{
			method: 'POST',
			path: '/__sandbox/clock',
			handler: (req) => {
				const body = (req.body ?? {}) as { advanceSeconds?: number; offsetMs?: number };
				if (typeof body.offsetMs === 'number') store.state.clockOffsetMs = body.offsetMs;
				if (typeof body.advanceSeconds === 'number') {
					store.state.clockOffsetMs += body.advanceSeconds * 1000;
				}
				return { status: 200, body: { clockOffsetMs: store.state.clockOffsetMs } };
			},
		},
		// ----- channels, readable from every port (the console shows them) -----
		{
			method: 'GET',
			path: '/__sandbox/mail',
			handler: (req) => {
				const since = Number(req.query.since ?? 0);
				const to = req.query.to?.toLowerCase();
				const mail = store.state.mail.filter(
					(m) =>
						m.id > since &&
						(!to || [...m.envelope.to, ...m.to].some((a) => a.toLowerCase() === to)),
				);
				return { status: 200, body: { mail } };
			},
		},
		{
			method: 'DELETE',
			path: '/__sandbox/mail',
			handler: () => {
				store.state.mail = [];
				return { status: 200, body: { cleared: true } };
			},
		},
		{
			method: 'GET',
			path: '/__sandbox/sms',
			handler: (req) => {
				const phone = req.query.phone;
				const messages = store.state.twilio.messages.filter(
					(m) => !phone || m.to === phone || m.from === phone,
				);
				return { status: 200, body: { messages, optOuts: store.state.twilio.optOuts } };
			},
		},
		{
			method: 'GET',
			path: '/__sandbox/locations',
			handler: () => ({ status: 200, body: { locations: LOCATION_SETUP } }),
		},
		{
			method: 'POST',
			path: '/__sandbox/seed/large',
			handler: (req) => {
				const body = (req.body ?? {}) as LargeSeedOptions & { today?: string };
				for (const k of ['patients', 'months', 'casesPerMonth', 'seed'] as const) {
					const v = body[k];
					if (v !== undefined && (!Number.isInteger(v) || v < 0 || v > 200_000))
						return {
							status: 400,
							body: { message: `${k} must be a whole number from 0 to 200000` },
						};
				}
				if (body.pms !== undefined && body.pms !== 'dentrix' && body.pms !== 'openDental')
					return { status: 400, body: { message: 'pms must be "dentrix" or "openDental"' } };
				// Always from a fresh seed, so the same options give the same practice.
				try {
					store.reset(body.today);
				} catch (error) {
					return { status: 400, body: { message: (error as Error).message } };
				}
				return { status: 200, body: applyLargeSeed(store, body) };
			},
		},
		{
			method: 'POST',
			path: '/__sandbox/reset',
			handler: (req) => {
				const today = (req.body as { today?: string } | undefined)?.today;
				try {
					store.reset(today);
				} catch (error) {
					return { status: 400, body: { message: (error as Error).message } };
				}
				return { status: 200, body: { reset: true, clockOffsetMs: store.state.clockOffsetMs } };
			},
		},
	];
}
