// Staff actions on the console that go through the Dentrix stand-in's own HTTP API, so they are
// recorded, can be faulted, and count exactly as Dentrix counts them (an edit sent with
// `X-Sandbox-Source: console` is a ledger correction, docs/dentrix-api.md).
import type { SandboxRequest, SandboxResponse, SandboxState, ServiceContext } from '../core/types';
import { DENTRIX_API_KEY, type DentrixState } from '../dentrix';
import { esc, page, redirect } from './html';

type Ctx = ServiceContext<SandboxState>;

async function callDentrix(ctx: Ctx, method: string, path: string, body: unknown) {
	const key = (ctx.all.dentrix as Partial<DentrixState>).apiKeys?.[0] ?? DENTRIX_API_KEY;
	const response = await fetch(`${ctx.urls.dentrix}${path}`, {
		method,
		headers: {
			authorization: `Bearer ${key}`,
			'content-type': 'application/json',
			'x-sandbox-source': 'console',
		},
		body: JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json().catch(() => ({}))) as unknown };
}

function refused(status: number, what: string, body: unknown): SandboxResponse {
	return {
		...page(
			'Practice console (sandbox)',
			`<p class="msg" id="problem">${esc(what)} was refused by Dentrix (${esc(status)}):</p><pre>${esc(JSON.stringify(body, null, 2))}</pre><p><a href="/">Back to the console</a></p>`,
		),
		status,
	};
}

const guarantorOf = (ctx: Ctx, patientId: string | undefined): string =>
	(ctx.all.dentrix as Partial<DentrixState>).patients?.find((p) => p.id === patientId)
		?.guarantorId ?? '';

/** "Accept a treatment plan with CareCredit", as the coordinator does at the chair. */
export async function acceptPlan(req: SandboxRequest, ctx: Ctx): Promise<SandboxResponse> {
	const id = req.params.planId;
	const answer = await callDentrix(
		ctx,
		'POST',
		`/v1/treatment-plans/${encodeURIComponent(id)}/accept`,
		{
			fundingMethod: 'CareCredit',
		},
	);
	if (answer.status >= 300) return refused(answer.status, `Accepting ${id}`, answer.body);
	const plan = answer.body as { patientId?: string; guarantorId?: string };
	return redirect(
		`/#account-${encodeURIComponent(plan.guarantorId ?? guarantorOf(ctx, plan.patientId))}`,
	);
}

const NUMBER_FIELDS = ['paymentAmount', 'numberOfPayments'];
const TEXT_FIELDS = ['firstPaymentDue', 'note', 'statementNote', 'billingType', 'interval'];

/** A staff edit of a payment agreement; only the fields that changed are sent. */
export async function editAgreement(req: SandboxRequest, ctx: Ctx): Promise<SandboxResponse> {
	const id = req.params.agreementId;
	const current = (ctx.all.dentrix as Partial<DentrixState>).paymentAgreements?.find(
		(a) => a.id === id,
	);
	if (!current) return refused(404, `Editing ${id}`, { message: 'No such agreement' });
	const form = (req.body ?? {}) as Record<string, unknown>;
	const was: Record<string, unknown> = {
		...current,
		paymentAmount: current.paymentAmountCents / 100,
	};
	const patch: Record<string, unknown> = {};
	for (const name of NUMBER_FIELDS) {
		if (form[name] === undefined || form[name] === '') continue;
		const value = Number(form[name]);
		if (value !== was[name]) patch[name] = Number.isFinite(value) ? value : form[name];
	}
	for (const name of TEXT_FIELDS) {
		if (typeof form[name] === 'string' && form[name] !== was[name]) patch[name] = form[name];
	}
	if (Object.keys(patch).length) {
		const answer = await callDentrix(
			ctx,
			'PATCH',
			`/v1/payment-agreements/${encodeURIComponent(id)}`,
			patch,
		);
		if (answer.status >= 300) return refused(answer.status, `Editing ${id}`, answer.body);
	}
	return redirect(`/#account-${encodeURIComponent(current.guarantorId)}`);
}
