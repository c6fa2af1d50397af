// The page a prefill's portal URL opens: a person acts as the patient (approve with a credit
// line and promotional plan, decline, leave pending). It applies the same decision as the
// CareCredit stand-in's admin decide endpoint.
import {
	type CareCreditState,
	decideSession,
	pullbackBody,
	portalUrl,
	type Session,
	tick,
} from '../careCredit';
import type { SandboxRequest, SandboxResponse, ServiceContext, SandboxState } from '../core/types';
import { esc, money, page, redirect, when } from './html';

type Ctx = ServiceContext<SandboxState>;

/** The CareCredit stand-in's context seen from the console (same process, same state). */
export const careCreditCtx = (ctx: Ctx): ServiceContext<CareCreditState> => ({
	...ctx,
	state: ctx.all.careCredit as CareCreditState,
});

const OPEN = ['Created', 'Pending', 'CallForAuth'];

function controls(state: CareCreditState, s: Session): string {
	if (!OPEN.includes(s.status)) {
		return `<p id="final">This application is <b>${esc(s.status)}</b>; nothing left to do as the patient.</p>`;
	}
	const fee = s.transactionInfo.purchaseAmountCents ?? s.applicants[0]?.estimatedFeeCents ?? null;
	const options = Object.entries(state.settings.promotions)
		.map(([code, p]) => `<option value="${esc(code)}">${esc(code)}: ${esc(p.description)}</option>`)
		.join('');
	const action = `/portal/${esc(encodeURIComponent(s.sessionId))}/decide`;
	return `<form method="post" action="${action}" id="approve-form"><fieldset><legend>Approve</legend>
<input type="hidden" name="outcome" value="approved">
<label>Credit line ($) <input name="creditLine" id="creditLine" type="number" step="0.01" min="1" value="5000"></label>
<label>Promotional plan <select name="promoCode" id="promoCode"><option value="">(choose at purchase later)</option>${options}</select></label>
<label>Purchase amount ($) <input name="purchaseAmount" id="purchaseAmount" type="number" step="0.01" min="0" value="${fee === null ? '' : esc(fee / 100)}"></label>
<button type="submit" id="approve">Approve</button></fieldset></form>
<form method="post" action="${action}" class="inline"><input type="hidden" name="outcome" value="declined"><button type="submit" id="decline">Decline</button></form>
<form method="post" action="${action}" class="inline"><input type="hidden" name="outcome" value="pending"><button type="submit" id="pending">Leave pending</button></form>`;
}

export function portal(req: SandboxRequest, ctx: Ctx, problem = ''): SandboxResponse {
	const cc = careCreditCtx(ctx);
	tick(cc);
	const session = cc.state.sessions.find((s) => s.sessionId === req.params.sessionId);
	if (!session)
		return { ...page('CareCredit portal (sandbox)', '<p>No such session.</p>'), status: 404 };
	const a = session.applicants[0];
	const merchant = cc.state.merchants.find((m) => m.merchantNumber === session.merchantNumber);
	const expires = new Date(
		Date.parse(session.createdAt) + cc.state.settings.sessionLifetimeSeconds * 1000,
	);
	const body = `<p>Sandbox stand-in for CareCredit's application page. Act as the patient; the practice's workflow reads the result by pullback or from the decision feed.</p>
${problem ? `<p class="msg" id="problem">${esc(problem)}</p>` : ''}
<table><tbody>
<tr><th>Applicant</th><td id="applicant">${esc(a ? `${a.firstName} ${a.lastName}` : '')}${a?.taxIdLast4 ? ` (tax id ending ${esc(a.taxIdLast4)})` : ''}</td></tr>
<tr><th>Practice</th><td>${esc(merchant?.name ?? session.merchantNumber)} (merchant ${esc(session.merchantNumber)})</td></tr>
<tr><th>Estimated fee</th><td>${esc(money(a?.estimatedFeeCents))}</td></tr>
<tr><th>Status</th><td><span class="status" id="session-status">${esc(session.status)}</span></td></tr>
<tr><th>Reference</th><td>${esc(session.referenceId)}${session.application ? ` · application ${esc(session.application.applicationId)}` : ''}</td></tr>
<tr><th>Created</th><td>${esc(when(session.createdAt))} (expires ${esc(when(expires.toISOString()))} if not finished)</td></tr>
</tbody></table>
${controls(cc.state, session)}
<h3>Pullback</h3><pre id="pullback">${esc(JSON.stringify(pullbackBody(cc.state, session, portalUrl(cc, session.sessionId)), null, 2))}</pre>`;
	return page('CareCredit portal (sandbox): act as the patient', body);
}

export function decide(req: SandboxRequest, ctx: Ctx): SandboxResponse {
	const cc = careCreditCtx(ctx);
	tick(cc);
	const answer = decideSession(
		req,
		cc,
		req.params.sessionId,
		(req.body ?? {}) as Record<string, unknown>,
	);
	if (req.headers['content-type']?.includes('application/json')) return answer;
	if (answer.status !== 200) {
		const body = answer.body as {
			message?: string;
			errors?: Array<{ field: string; reason: string }>;
		};
		const detail = (body.errors ?? []).map((e) => `${e.field} ${e.reason}`).join('; ');
		return {
			...portal(req, ctx, `${body.message ?? 'Refused'}${detail ? `: ${detail}` : ''}`),
			status: answer.status,
		};
	}
	return redirect(`/portal/${encodeURIComponent(req.params.sessionId)}`);
}
