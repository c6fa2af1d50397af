// The practice console: a plain server-rendered page (no front-end build) showing the ledgers,
// the CareCredit sessions with act-as-patient controls, a Slack-style notification inbox and the
// practice numbers of domain.md §1, plus small JSON endpoints for tests and the demo.
import { tick } from '../careCredit';
import type {
	SandboxRequest,
	SandboxResponse,
	SandboxState,
	ServiceContext,
	ServiceDefinition,
} from '../core/types';
import { acceptPlan, editAgreement } from './actions';
import { home } from './home';
import { practiceNumbers } from './metrics';
import { careCreditCtx, decide, portal } from './portal';

type Ctx = ServiceContext<SandboxState>;

export { practiceNumbers } from './metrics';

/** Slack's incoming webhook contract: JSON `{text}` (or a form field `payload`), answered `ok`. */
function hook(req: SandboxRequest, ctx: Ctx): SandboxResponse {
	let body = req.body as Record<string, unknown> | undefined;
	if (typeof body?.payload === 'string') {
		try {
			body = JSON.parse(body.payload) as Record<string, unknown>;
		} catch {
			body = undefined;
		}
	}
	const text = body?.text;
	const plain = (status: number, message: string): SandboxResponse => ({
		status,
		contentType: 'text/plain; charset=utf-8',
		body: message,
	});
	if (!body || typeof body !== 'object' || '__invalidJson' in body) {
		return plain(400, 'invalid_payload');
	}
	if (typeof text !== 'string' || !text.trim()) return plain(400, 'no_text');
	ctx.all.notifications.push({
		id: ctx.nextId('console.notification'),
		channel: req.params.channel,
		text,
		body,
		at: ctx.now().toISOString(),
	});
	return plain(200, 'ok');
}

export const service: ServiceDefinition<SandboxState> = {
	name: 'console',
	routes: [
		{
			method: 'GET',
			path: '/',
			handler: (_req, ctx) => {
				tick(careCreditCtx(ctx));
				return home(ctx.all);
			},
		},
		{ method: 'GET', path: '/portal/:sessionId', handler: (req, ctx) => portal(req, ctx) },
		{ method: 'POST', path: '/portal/:sessionId/decide', handler: decide },
		{ method: 'POST', path: '/hooks/:channel', handler: hook },
		{
			method: 'GET',
			path: '/api/notifications',
			handler: (req, ctx) => ({
				status: 200,
				body: {
					notifications: ctx.all.notifications.filter(
						(n) => !req.query.channel || n.channel === req.query.channel,
					),
				},
			}),
		},
		{
			method: 'GET',
			path: '/api/numbers',
			handler: (_req, ctx) => {
				tick(careCreditCtx(ctx));
				return { status: 200, body: practiceNumbers(ctx.all) };
			},
		},
		{ method: 'POST', path: '/dentrix/treatment-plans/:planId/accept', handler: acceptPlan },
		{
			method: 'POST',
			path: '/dentrix/payment-agreements/:agreementId/edit',
			handler: editAgreement,
		},
	],
};
