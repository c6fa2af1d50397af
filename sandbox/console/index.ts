// The practice console: plain server-rendered pages (no front-end build, nothing loaded from
// elsewhere) showing the ledgers, the CareCredit applications with act-as-patient pages, a
// Slack-style message inbox and the practice numbers, updating themselves as the state changes;
// plus small JSON endpoints for tests and the demo. Documented in docs/sandbox.md.
import { isValidTimeZone } from '../../financing/dates';
import { tick } from '../careCredit';
import type {
	SandboxRequest,
	SandboxOptions,
	SandboxResponse,
	SandboxState,
	ServiceContext,
	ServiceDefinition,
} from '../core/types';
import { acceptPlan, editAgreement } from './actions';
import { home } from './home';
import { practiceNumbers } from './metrics';
import { changes } from './live';
import { decide, portal } from './portal';
import { careCreditCtx, ConsoleView } from './view';

type Ctx = ServiceContext<SandboxState>;

export { practiceNumbers } from './metrics';

/** The seeded practice is in Springfield, Illinois; the templates' Practice settings say the same. */
export const PRACTICE_TIME_ZONE = 'America/Chicago';

/** The console's start options with their defaults; a clear error for a zone or address that is none. */
export function consoleOptions(
	options: Partial<Pick<SandboxOptions, 'practiceTimeZone' | 'n8nEditorUrl'>>,
): Pick<SandboxOptions, 'practiceTimeZone' | 'n8nEditorUrl'> {
	const practiceTimeZone = options.practiceTimeZone ?? PRACTICE_TIME_ZONE;
	const n8nEditorUrl = options.n8nEditorUrl || null;
	if (!isValidTimeZone(practiceTimeZone)) {
		throw new Error(
			`practiceTimeZone "${practiceTimeZone}" is not an IANA time zone; use one such as America/Chicago`,
		);
	}
	if (n8nEditorUrl && !/^https?:\/\/\S+$/.test(n8nEditorUrl)) {
		throw new Error(
			`n8nEditorUrl "${n8nEditorUrl}" is not an http(s) address; use one such as http://127.0.0.1:5678`,
		);
	}
	return { practiceTimeZone, n8nEditorUrl };
}

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
				return home(new ConsoleView(ctx.all, ctx));
			},
		},
		{ method: 'GET', path: '/portal/:sessionId', handler: (req, ctx) => portal(req, ctx) },
		{ method: 'POST', path: '/portal/:sessionId/decide', handler: decide },
		{ method: 'POST', path: '/hooks/:channel', handler: hook },
		{ method: 'GET', path: '/api/changes', handler: changes },
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
				return {
					status: 200,
					body: practiceNumbers(ctx.all, ctx.options.practiceTimeZone, ctx.now()),
				};
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
