// Sandbox-only steering of the CareCredit stand-in: act as the patient (the console's buttons
// use the same function), and edit the settings (promotional plan catalog, timings).
import type { SandboxRequest, SandboxResponse } from '../core/types';
import { field, invalid, syfError } from './errors';
import { toCents } from './wire';
import {
	applyDecision,
	type Decision,
	decisionProblem,
	OPEN_STATUSES,
	portalUrl,
	pullbackBody,
} from './sessions';
import type { Ctx, Settings } from './types';

export const PATIENT_OUTCOMES = [
	'approved',
	'declined',
	'pending',
	'callForAuth',
	'expired',
	'error',
];

export interface DecideInput {
	outcome?: unknown;
	/** Dollars; default 5,000 for an approval. */
	creditLine?: unknown;
	promoCode?: unknown;
	purchaseAmount?: unknown;
}

const dollars = (value: unknown): number | undefined => {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof n === 'number' && Number.isFinite(n) ? toCents(n) : undefined;
};

/** Acts as the patient on a session; the answer is the pullback or an error body. */
export function decideSession(
	req: SandboxRequest,
	ctx: Ctx,
	sessionId: string,
	input: DecideInput,
): SandboxResponse {
	const session = ctx.state.sessions.find((s) => s.sessionId === sessionId);
	if (!session) return syfError(req, 404, 'No such session');
	const outcome = String(input.outcome ?? '');
	if (!PATIENT_OUTCOMES.includes(outcome)) {
		return invalid(req, [field('outcome', `must be one of ${PATIENT_OUTCOMES.join(', ')}`)]);
	}
	if (!OPEN_STATUSES.includes(session.status)) {
		return syfError(req, 409, `The session is already ${session.status}`);
	}
	const promoCode =
		typeof input.promoCode === 'string' && input.promoCode ? input.promoCode : undefined;
	const decision = (
		outcome === 'approved'
			? {
					outcome,
					creditLineCents: dollars(input.creditLine) ?? 500_000,
					promoCode,
					purchaseAmountCents: dollars(input.purchaseAmount),
				}
			: { outcome }
	) as Decision;
	const problem = decisionProblem(ctx, decision);
	if (problem)
		return invalid(req, [
			field(problem.startsWith('unknown') ? 'promoCode' : 'creditLine', problem),
		]);
	applyDecision(ctx, session, decision, ctx.now());
	return { status: 200, body: pullbackBody(ctx.state, session, portalUrl(ctx, session.sessionId)) };
}

export const decide = (req: SandboxRequest, ctx: Ctx): SandboxResponse =>
	decideSession(req, ctx, req.params.sessionId, (req.body ?? {}) as DecideInput);

export const getSettings = (_req: SandboxRequest, ctx: Ctx): SandboxResponse => ({
	status: 200,
	body: ctx.state.settings,
});

export function updateSettings(req: SandboxRequest, ctx: Ctx): SandboxResponse {
	const body = (req.body ?? {}) as Partial<Settings>;
	const settings = ctx.state.settings;
	for (const [code, change] of Object.entries(body.promotions ?? {})) {
		settings.promotions[code] = { ...settings.promotions[code], ...change };
	}
	for (const key of [
		'pendingResolveSeconds',
		'pendingResolvePullbacks',
		'sessionLifetimeSeconds',
	] as const) {
		if (typeof body[key] === 'number') settings[key] = body[key];
	}
	return { status: 200, body: settings };
}
