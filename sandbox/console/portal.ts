// The page a prefill's portal URL opens: a person acts as the patient (approve with a credit
// line and promotional plan, decline, leave pending). It applies the same decision as the
// CareCredit stand-in's admin decide endpoint.
import { type CareCreditState, decideSession, type Session, tick } from '../careCredit';
import type { SandboxRequest, SandboxResponse, ServiceContext, SandboxState } from '../core/types';
import { happenings, whatJustHappened } from './activity';
import { applicationNumber, purchases, statusCell } from './applications';
import { NAV } from './home';
import { esc, money, page, redirect } from './html';
import { careCreditCtx, ConsoleView } from './view';
import { duration } from './words';

type Ctx = ServiceContext<SandboxState>;

const OPEN = ['Created', 'Pending', 'CallForAuth'];

const FIELD_LABELS: Record<string, string> = {
	creditLine: 'Credit line',
	promoCode: 'Promotional plan',
	purchaseAmount: 'Charge for the treatment',
	outcome: 'Outcome',
};

function controls(state: CareCreditState, s: Session): string {
	if (!OPEN.includes(s.status)) {
		return `<p id="final">The patient has nothing left to do on this application. Back in the practice console, press the "patient finished" link in the Coordinator inbox so n8n reads the decision now.</p>`;
	}
	const fee = s.transactionInfo.purchaseAmountCents ?? s.applicants[0]?.estimatedFeeCents ?? null;
	const options = Object.entries(state.settings.promotions)
		.map(([code, p]) => `<option value="${esc(code)}">${esc(code)}: ${esc(p.description)}</option>`)
		.join('');
	const action = `/portal/${esc(encodeURIComponent(s.sessionId))}/decide`;
	return `<form method="post" action="${action}" id="approve-form"><fieldset><legend>Approve the application</legend>
<input type="hidden" name="outcome" value="approved">
<label>Credit line CareCredit grants ($) <input name="creditLine" id="creditLine" type="number" step="0.01" min="1" value="5000"></label>
<label>Promotional plan the patient picks <select name="promoCode" id="promoCode"><option value="">Pick later, at the purchase</option>${options}</select></label>
<label>Charge for the treatment now ($) <input name="purchaseAmount" id="purchaseAmount" type="number" step="0.01" min="0" value="${fee === null ? '' : esc(fee / 100)}"></label>
<button type="submit" id="approve">Approve</button></fieldset></form>
<div>Or: <form method="post" action="${action}" class="inline"><input type="hidden" name="outcome" value="declined"><button type="submit" id="decline">Decline</button></form>
<form method="post" action="${action}" class="inline"><input type="hidden" name="outcome" value="pending"><button type="submit" id="pending">Leave pending (CareCredit needs more time)</button></form></div>`;
}

export function portal(req: SandboxRequest, ctx: Ctx, problem = ''): SandboxResponse {
	const cc = careCreditCtx(ctx);
	tick(cc);
	const v = new ConsoleView(ctx.all, ctx);
	const session = cc.state.sessions.find((s) => s.sessionId === req.params.sessionId);
	if (!session) {
		return {
			...page(
				v,
				'CareCredit application',
				'<p>There is no such CareCredit application. <a href="/">Back to the practice console</a></p>',
				{ nav: NAV },
			),
			status: 404,
		};
	}
	const a = session.applicants[0];
	const expires = new Date(
		Date.parse(session.createdAt) + cc.state.settings.sessionLifetimeSeconds * 1000,
	);
	const plan = v.sessionPlan(session);
	const bought = purchases(v, session);
	const body = `<section id="application" data-live>
<p class="hint">In a real practice the patient fills this in on CareCredit's own site. Here you act as the patient; the practice's n8n learns the outcome from CareCredit.</p>
${problem ? `<p class="problem" id="problem">${esc(problem)}</p>` : ''}
<table><tbody>
<tr><th>Applicant</th><td id="applicant">${esc(v.sessionPatient(session))}${a?.taxIdLast4 ? ` (tax id ending ${esc(a.taxIdLast4)})` : ''}</td></tr>
<tr><th>Treatment plan</th><td>${esc(plan || 'not named')}</td></tr>
<tr><th>Office</th><td>${esc(v.merchantName(session.merchantNumber))}</td></tr>
<tr><th>Patient portion (from the treatment plan)</th><td id="patient-portion">${esc(money(a?.estimatedFeeCents) || 'not given')}</td></tr>
<tr><th>Status</th><td>${statusCell(session, 'session-status')}</td></tr>
${session.application ? `<tr><th>Credit line</th><td>${esc(money(session.application.creditLineCents))}</td></tr>` : ''}
${bought ? `<tr><th>Purchase</th><td id="purchase">${esc(bought)}</td></tr>` : ''}
<tr><th>Application number</th><td>${esc(applicationNumber(session))}</td></tr>
<tr><th>Started</th><td>${esc(v.when(session.createdAt))}; the link stops working at ${esc(v.when(expires.toISOString()))} (${esc(duration(cc.state.settings.sessionLifetimeSeconds))}) if not finished</td></tr>
</tbody></table>
${controls(cc.state, session)}
<p><a href="/">Back to the practice console</a></p></section>`;
	return page(v, `CareCredit application for ${v.sessionPatient(session)}`, body, {
		nav: NAV,
		line: whatJustHappened(v, happenings(v)),
	});
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
		const label = (f: string) => FIELD_LABELS[f] ?? f;
		const detail = (body.errors ?? []).map((e) => `${label(e.field)}: ${e.reason}`).join('; ');
		return {
			...portal(req, ctx, `${body.message ?? 'Refused'}${detail ? `: ${detail}` : ''}`),
			status: answer.status,
		};
	}
	return redirect(`/portal/${encodeURIComponent(req.params.sessionId)}`);
}
