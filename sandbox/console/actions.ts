// Staff actions on the console that go through the Dentrix stand-in's own HTTP API, so they are
// recorded, can be faulted, and count exactly as Dentrix counts them (an edit sent with
// `X-Sandbox-Source: console` is a ledger correction, docs/dentrix-api.md).
import type { SandboxRequest, SandboxResponse, SandboxState, ServiceContext } from '../core/types';
import { DENTRIX_API_KEY, type DentrixState } from '../dentrix';
import { NAV } from './home';
import { esc, page, redirect } from './html';
import { ConsoleView } from './view';

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

const v = (ctx: Ctx) => new ConsoleView(ctx.all, ctx);

/** Dentrix's answer in words: its message and each field it named. */
function refused(ctx: Ctx, status: number, what: string, body: unknown): SandboxResponse {
	const answer =
		(body as { error?: { message?: unknown; fields?: Array<{ message?: unknown }> } } | null)
			?.error ?? {};
	const reasons = (answer.fields ?? []).map((f) => `<li>${esc(f.message)}</li>`).join('');
	const view = v(ctx);
	return {
		...page(
			view,
			`${view.practiceName} · practice console`,
			`<p class="problem" id="problem">${esc(what)}: Dentrix refused (${esc(status)}). ${esc(answer.message ?? '')}</p>${reasons ? `<ul>${reasons}</ul>` : ''}<p><a href="/">Back to the practice console</a></p>`,
			{ nav: NAV },
		),
		status,
	};
}

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
	const plan = v(ctx).plan(id);
	const what = plan
		? `Accepting ${plan.patient}'s "${plan.name}" with CareCredit`
		: `Accepting treatment plan ${id}`;
	if (answer.status >= 300) return refused(ctx, answer.status, what, answer.body);
	return redirect(`/#plan-${encodeURIComponent(id)}`);
}

const NUMBER_FIELDS = ['paymentAmount', 'numberOfPayments'];
const TEXT_FIELDS = ['firstPaymentDue', 'note', 'statementNote', 'billingType', 'interval'];

/** A staff edit of a payment agreement; only the fields that changed are sent. */
export async function editAgreement(req: SandboxRequest, ctx: Ctx): Promise<SandboxResponse> {
	const id = req.params.agreementId;
	const current = (ctx.all.dentrix as Partial<DentrixState>).paymentAgreements?.find(
		(a) => a.id === id,
	);
	if (!current) {
		const none = { error: { message: 'There is no such agreement.' } };
		return refused(ctx, 404, 'Correcting a payment agreement', none);
	}
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
		if (answer.status >= 300) {
			const who = v(ctx).patientName(current.guarantorId);
			return refused(ctx, answer.status, `Correcting ${who}'s payment agreement`, answer.body);
		}
	}
	return redirect(`/#account-${encodeURIComponent(current.guarantorId)}`);
}
