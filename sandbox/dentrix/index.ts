/* eslint-disable no-console -- sandbox code, never shipped: n8n's runtime rules are for nodes/ and credentials/ */
// The Dentrix stand-in: the modeled REST contract of docs/dentrix-api.md over the state in
// ./types.ts. Handlers are synchronous, so a check and the write after it never interleave
// with another request (the one-agreement-per-account rule relies on it).
import type {
	Handler,
	Route,
	SandboxRequest,
	SandboxResponse,
	ServiceContext,
	ServiceDefinition,
} from '../core/types';
import { Fields, isDate, type FieldError } from './fields';
import { seedDentrix } from './seed';
import type {
	AgreementInterval,
	DentrixPatient,
	DentrixPaymentAgreement,
	DentrixSource,
	DentrixState,
	DentrixTreatmentPlan,
	LedgerNoteKind,
	TreatmentPlanStatus,
} from './types';

export * from './types';
export { DENTRIX_API_KEY } from './seed';

export const seed = seedDentrix;

type Ctx = ServiceContext<DentrixState>;
type Body = Record<string, unknown>;

export const FUNDING_METHODS = [
	'CareCredit',
	'Insurance',
	'Cash',
	'Check',
	'Credit Card',
	'In-House Payment Agreement',
] as const;
const PLAN_STATUSES: TreatmentPlanStatus[] = ['proposed', 'accepted', 'rejected', 'completed'];
const INTERVALS: AgreementInterval[] = ['monthly', 'semiMonthly', 'biWeekly', 'weekly'];
const NOTE_KINDS: LedgerNoteKind[] = ['guarantorNote', 'transactionNote', 'officeJournal'];
/** Modeled limits (docs/dentrix-api.md); 82 is Dentrix's statement note (domain.md §3). */
export const LIMITS = {
	agreementNote: 2000,
	statementNote: 82,
	ledgerNote: 2000,
	reference: 64,
	transactionNote: 255,
};

const dollars = (cents: number) => cents / 100;
const today = (ctx: Ctx) => ctx.now().toISOString().slice(0, 10);

function error(
	status: number,
	code: string,
	message: string,
	fields: FieldError[] = [],
	extra: Body = {},
): SandboxResponse {
	return { status, body: { error: { code, message, ...extra, fields } } };
}
const notFound = (what: string, id: string) => error(404, 'notFound', `No ${what} with id ${id}.`);
const invalid = (what: string, fields: FieldError[]) =>
	error(
		422,
		'validationFailed',
		`The ${what} was not saved: ${fields.length} field${fields.length === 1 ? ' needs' : 's need'} attention.`,
		fields,
	);

class HttpError extends Error {
	constructor(readonly response: SandboxResponse) {
		super('http');
	}
}

const sourceOf = (req: SandboxRequest): DentrixSource =>
	req.headers['x-sandbox-source'] === 'console' ? 'console' : 'api';

function bodyOf(req: SandboxRequest): Body {
	const body = req.body ?? {};
	if (typeof body !== 'object' || Array.isArray(body) || '__invalidJson' in (body as Body)) {
		throw new HttpError(error(400, 'badRequest', 'The request body must be a JSON object.'));
	}
	return body as Body;
}

function paging(req: SandboxRequest): { limit: number; offset: number } {
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

function page<T>(req: SandboxRequest, rows: T[], out: (row: T) => unknown): SandboxResponse {
	const { limit, offset } = paging(req);
	return {
		status: 200,
		body: { items: rows.slice(offset, offset + limit).map(out), total: rows.length, limit, offset },
	};
}

function queryDate(req: SandboxRequest, name: string): string | undefined {
	const v = req.query[name];
	if (v === undefined || v === '') return undefined;
	if (!isDate(v))
		throw new HttpError(error(400, 'badRequest', `${name} must be a date written yyyy-MM-dd.`));
	return v;
}

const contains = (haystack: string, needle: string | undefined) =>
	!needle || haystack.toLowerCase().includes(needle.toLowerCase());

// ---------- lookups ----------

function patient(state: DentrixState, id: string): DentrixPatient {
	const found = state.patients.find((p) => p.id === id);
	if (!found) throw new HttpError(notFound('patient', id));
	return found;
}

/** The account of a guarantor; a non-guarantor's id is answered with the right guarantor. */
function account(state: DentrixState, guarantorId: string): DentrixPatient {
	const found = state.patients.find((p) => p.id === guarantorId);
	if (!found)
		throw new HttpError(
			error(404, 'accountNotFound', `No account for ${guarantorId}: no such patient.`),
		);
	if (found.guarantorId !== found.id) {
		const g = patient(state, found.guarantorId);
		throw new HttpError(
			error(
				404,
				'accountNotFound',
				`${found.firstName} ${found.lastName} is not a guarantor: their account is ${g.firstName} ${g.lastName}'s (${g.id}).`,
			),
		);
	}
	return found;
}

function member(f: Fields, state: DentrixState, guarantor: DentrixPatient, value: unknown): string {
	if (value === undefined || value === null || value === '') return guarantor.id;
	const p = state.patients.find((x) => x.id === value);
	if (!p || p.guarantorId !== guarantor.id) {
		f.fail(
			'patientId',
			'notAllowed',
			`Patient ${String(value)} is not a member of ${guarantor.firstName} ${guarantor.lastName}'s account.`,
		);
	}
	return String(value);
}

// ---------- response shapes (docs/dentrix-api.md) ----------

const name = (p: DentrixPatient) => ({ id: p.id, firstName: p.firstName, lastName: p.lastName });

function patientOut(state: DentrixState, p: DentrixPatient, includeTaxId: boolean) {
	const guarantor = state.patients.find((x) => x.id === p.guarantorId) ?? p;
	const { taxId, ...rest } = p;
	return {
		...rest,
		guarantor: name(guarantor),
		isGuarantor: p.guarantorId === p.id,
		family: state.patients
			.filter((x) => x.guarantorId === p.guarantorId && x.id !== p.id)
			.map((x) => ({
				...name(x),
				relationshipToGuarantor: x.relationshipToGuarantor,
				isGuarantor: x.id === x.guarantorId,
			})),
		taxIdLastFour: taxId ? taxId.slice(-4) : null,
		...(includeTaxId ? { taxId } : {}),
	};
}

function planOut(state: DentrixState, plan: DentrixTreatmentPlan) {
	const p = state.patients.find((x) => x.id === plan.patientId)!;
	const sum = (k: 'feeCents' | 'insuranceEstimateCents' | 'patientPortionCents') =>
		dollars(plan.procedures.reduce((s, x) => s + x[k], 0));
	return {
		id: plan.id,
		patientId: plan.patientId,
		guarantorId: p.guarantorId,
		patient: name(p),
		caseName: plan.caseName,
		status: plan.status,
		fundingMethod: plan.fundingMethod,
		locationId: plan.locationId,
		providerId: plan.providerId,
		createdOn: plan.createdOn,
		acceptedAt: plan.acceptedAt,
		acceptSequence: plan.acceptSequence,
		procedures: plan.procedures.map((x) => ({
			id: x.id,
			cdtCode: x.cdtCode,
			description: x.description,
			tooth: x.tooth,
			surface: x.surface,
			fee: dollars(x.feeCents),
			insuranceEstimate: dollars(x.insuranceEstimateCents),
			patientPortion: dollars(x.patientPortionCents),
		})),
		totals: {
			totalFee: sum('feeCents'),
			insuranceEstimate: sum('insuranceEstimateCents'),
			patientPortion: sum('patientPortionCents'),
		},
	};
}

/** Field name on the wire -> cents field in state, for every amount of an agreement. */
const AGREEMENT_AMOUNTS = {
	minimumLateCharge: 'minimumLateChargeCents',
	minimumBalanceToCharge: 'minimumBalanceToChargeCents',
	totalAgreedAmount: 'totalAgreedAmountCents',
	downPayment: 'downPaymentCents',
	paymentAmount: 'paymentAmountCents',
} as const;
const AGREEMENT_PLAIN = [
	'billingType',
	'agreementDate',
	'interval',
	'annualFinanceChargePercent',
	'annualLateChargePercent',
	'gracePeriodDays',
	'firstPaymentDue',
	'numberOfPayments',
	'note',
	'statementNote',
] as const;
const AGREEMENT_WRITABLE = [...AGREEMENT_PLAIN, ...Object.keys(AGREEMENT_AMOUNTS)];

function agreementWire(a: DentrixPaymentAgreement): Body {
	const out: Body = {};
	for (const k of AGREEMENT_PLAIN) out[k] = a[k];
	for (const [k, c] of Object.entries(AGREEMENT_AMOUNTS)) out[k] = dollars(a[c]);
	return out;
}

function agreementOut(a: DentrixPaymentAgreement) {
	return {
		id: a.id,
		guarantorId: a.guarantorId,
		status: a.status,
		...agreementWire(a),
		createdAt: a.createdAt,
		createdBy: a.createdBy,
		updatedAt: a.updatedAt,
		closedAt: a.closedAt,
		edits: a.edits.map((e) => ({
			...e,
			changes: Object.fromEntries(
				Object.entries(e.changes).map(([k, v]) => [
					k,
					k in AGREEMENT_AMOUNTS
						? { from: dollars(v.from as number), to: dollars(v.to as number) }
						: v,
				]),
			),
		})),
	};
}

const centsOut = <T extends { amountCents: number }>({ amountCents, ...rest }: T) => ({
	...rest,
	amount: dollars(amountCents),
});

// ---------- validation of the writable agreement fields ----------

type AgreementFields = Omit<
	DentrixPaymentAgreement,
	'id' | 'guarantorId' | 'status' | 'createdAt' | 'createdBy' | 'updatedAt' | 'closedAt' | 'edits'
>;

function readAgreement(
	state: DentrixState,
	body: Body,
): { value?: AgreementFields; errors: FieldError[] } {
	const f = new Fields(body);
	const value = {
		billingType: f.oneOf('billingType', 'Billing type', state.practice.billingTypes, {
			required: true,
		}),
		agreementDate: f.date('agreementDate', 'Agreement date', { required: true }),
		interval: f.oneOf('interval', 'Interval', INTERVALS, { required: true }),
		annualFinanceChargePercent: f.percent('annualFinanceChargePercent', 'Annual finance charge'),
		annualLateChargePercent: f.percent('annualLateChargePercent', 'Annual late charge'),
		gracePeriodDays: f.integer('gracePeriodDays', 'Grace period', 0, 30, { fallback: 0 }),
		minimumLateChargeCents: f.amount('minimumLateCharge', 'Minimum late charge', { fallback: 0 }),
		minimumBalanceToChargeCents: f.amount('minimumBalanceToCharge', 'Minimum balance to charge', {
			fallback: 0,
		}),
		totalAgreedAmountCents: f.amount('totalAgreedAmount', 'Total agreed amount', {
			required: true,
			positive: true,
		}),
		downPaymentCents: f.amount('downPayment', 'Down payment', { fallback: 0 }),
		firstPaymentDue: f.date('firstPaymentDue', 'First payment due', { required: true }),
		paymentAmountCents: f.amount('paymentAmount', 'Payment amount', {
			required: true,
			positive: true,
		}),
		numberOfPayments: f.integer('numberOfPayments', 'Number of payments', 1, 360, {
			required: true,
		}),
		note: f.text('note', 'Payment agreement note', LIMITS.agreementNote, { fallback: '' }),
		statementNote: f.text('statementNote', 'Statement note', LIMITS.statementNote, {
			fallback: '',
		}),
	};
	const v = value as AgreementFields;
	if (v.agreementDate && v.firstPaymentDue && v.firstPaymentDue < v.agreementDate) {
		f.fail(
			'firstPaymentDue',
			'inconsistent',
			'First payment due cannot be before the agreement date.',
		);
	}
	if (
		v.totalAgreedAmountCents !== undefined &&
		v.downPaymentCents !== undefined &&
		v.downPaymentCents > v.totalAgreedAmountCents
	) {
		f.fail(
			'downPayment',
			'inconsistent',
			'Down payment cannot be more than the total agreed amount.',
		);
	} else if (
		v.totalAgreedAmountCents !== undefined &&
		v.downPaymentCents !== undefined &&
		v.paymentAmountCents !== undefined &&
		v.numberOfPayments !== undefined &&
		v.paymentAmountCents * v.numberOfPayments < v.totalAgreedAmountCents - v.downPaymentCents
	) {
		f.fail(
			'paymentAmount',
			'inconsistent',
			'Payment amount times number of payments does not cover the total agreed amount less the down payment.',
		);
	}
	return f.errors.length ? { errors: f.errors } : { value: v, errors: [] };
}

/** Applies a change to an agreement and records who made it; shared by the API and the console. */
export function editPaymentAgreement(
	state: DentrixState,
	id: string,
	patch: Body,
	source: DentrixSource,
	at: Date,
): { agreement?: DentrixPaymentAgreement; errors: FieldError[] } | null {
	const existing = state.paymentAgreements.find((a) => a.id === id);
	if (!existing) return null;
	const merged = { ...agreementWire(existing) };
	for (const k of AGREEMENT_WRITABLE) if (k in patch) merged[k] = patch[k];
	const { value, errors } = readAgreement(state, merged);
	if (!value) return { errors };
	const changes: Record<string, { from: unknown; to: unknown }> = {};
	for (const [k, v] of Object.entries(value)) {
		const before = existing[k as keyof AgreementFields];
		if (before !== v) changes[k.replace(/Cents$/, '')] = { from: before, to: v };
	}
	if (Object.keys(changes).length) {
		Object.assign(existing, value, { updatedAt: at.toISOString() });
		existing.edits.push({ at: at.toISOString(), source, changes });
	}
	return { agreement: existing, errors: [] };
}

/** Ledger corrections (domain.md §1): staff edits of agreements the automation created. */
export const ledgerCorrections = (state: DentrixState): number =>
	state.paymentAgreements
		.filter((a) => a.createdBy === 'api')
		.reduce((n, a) => n + a.edits.filter((e) => e.source === 'console').length, 0);

// ---------- routes ----------

function route(
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

const routes: Array<Route<DentrixState>> = [
	route('GET', '/v1/practice', (_req, { state }) => ({ status: 200, body: state.practice })),

	route('GET', '/v1/patients', (req, { state }) => {
		const dob = queryDate(req, 'dateOfBirth');
		const words = (req.query.search ?? '')
			.toLowerCase()
			.split(/[\s,]+/)
			.filter(Boolean);
		const rows = state.patients.filter((p) => {
			const names = [p.firstName, p.lastName, p.preferredName].map((n) => n.toLowerCase());
			return (
				words.every((w) => names.some((n) => n.includes(w))) &&
				(!dob || p.dateOfBirth === dob) &&
				(!req.query.guarantorId || p.guarantorId === req.query.guarantorId)
			);
		});
		return page(req, rows, (p) => patientOut(state, p, false));
	}),

	route('GET', '/v1/patients/:patientId', (req, { state }) => ({
		status: 200,
		body: patientOut(
			state,
			patient(state, req.params.patientId),
			(req.query.include ?? '').split(',').includes('taxId'),
		),
	})),

	route('GET', '/v1/patients/:patientId/treatment-plans', (req, { state }) => {
		const p = patient(state, req.params.patientId);
		const rows = state.treatmentPlans.filter(
			(t) => t.patientId === p.id && (!req.query.status || t.status === req.query.status),
		);
		return page(req, rows, (t) => planOut(state, t));
	}),

	route('GET', '/v1/treatment-plans', (req, { state }) => {
		const q = req.query;
		if (q.status && !PLAN_STATUSES.includes(q.status as TreatmentPlanStatus)) {
			return error(400, 'badRequest', `status must be one of: ${PLAN_STATUSES.join(', ')}.`);
		}
		const since = q.acceptedSince ? Date.parse(q.acceptedSince) : undefined;
		if (since !== undefined && Number.isNaN(since))
			return error(400, 'badRequest', 'acceptedSince must be an ISO date-time.');
		let rows = state.treatmentPlans.filter(
			(t) =>
				(!q.patientId || t.patientId === q.patientId) &&
				(!q.status || t.status === q.status) &&
				(!q.fundingMethod || t.fundingMethod?.toLowerCase() === q.fundingMethod.toLowerCase()) &&
				(since === undefined || (t.acceptedAt !== null && Date.parse(t.acceptedAt) >= since)),
		);
		const { limit, offset } = paging(req);
		if (q.cursor === undefined) {
			const top = Math.max(0, ...rows.map((t) => t.acceptSequence ?? 0));
			return {
				status: 200,
				body: {
					items: rows.slice(offset, offset + limit).map((t) => planOut(state, t)),
					total: rows.length,
					limit,
					offset,
					nextCursor: String(top),
				},
			};
		}
		const cursor = q.cursor === '' ? 0 : Number(q.cursor);
		if (!Number.isInteger(cursor) || cursor < 0)
			return error(400, 'badRequest', 'cursor must be the nextCursor of an earlier answer.');
		rows = rows
			.filter((t) => (t.acceptSequence ?? 0) > cursor)
			.sort((a, b) => a.acceptSequence! - b.acceptSequence!);
		const items = rows.slice(0, limit);
		const nextCursor = String(items.length ? items[items.length - 1].acceptSequence : cursor);
		return {
			status: 200,
			body: {
				items: items.map((t) => planOut(state, t)),
				total: rows.length,
				limit,
				offset: 0,
				nextCursor,
			},
		};
	}),

	route('GET', '/v1/treatment-plans/:planId', (req, { state }) => {
		const plan = state.treatmentPlans.find((t) => t.id === req.params.planId);
		return plan
			? { status: 200, body: planOut(state, plan) }
			: notFound('treatment plan', req.params.planId);
	}),

	route('POST', '/v1/treatment-plans/:planId/accept', (req, ctx) => {
		const { state } = ctx;
		const plan = state.treatmentPlans.find((t) => t.id === req.params.planId);
		if (!plan) return notFound('treatment plan', req.params.planId);
		const f = new Fields(bodyOf(req));
		const fundingMethod = f.oneOf('fundingMethod', 'Funding method', FUNDING_METHODS, {
			required: true,
		});
		if (!fundingMethod) return invalid('acceptance', f.errors);
		if (plan.status === 'accepted' && plan.fundingMethod === fundingMethod)
			return { status: 200, body: planOut(state, plan) };
		if (plan.status === 'accepted' || plan.status === 'completed') {
			return error(
				409,
				'planNotAcceptable',
				`This treatment plan is already ${plan.status}${plan.fundingMethod ? ` with ${plan.fundingMethod}` : ''}.`,
			);
		}
		const top = Math.max(0, ...state.treatmentPlans.map((t) => t.acceptSequence ?? 0));
		Object.assign(plan, {
			status: 'accepted',
			fundingMethod,
			acceptedAt: ctx.now().toISOString(),
			acceptSequence: ctx.nextId('dentrix.acceptSequence', top + 1),
		});
		return { status: 200, body: planOut(state, plan) };
	}),

	// ----- payment agreements -----

	route('GET', '/v1/accounts/:guarantorId/payment-agreements', (req, { state }) => {
		const g = account(state, req.params.guarantorId);
		const rows = state.paymentAgreements.filter(
			(a) => a.guarantorId === g.id && (!req.query.status || a.status === req.query.status),
		);
		return page(req, rows, agreementOut);
	}),

	route('POST', '/v1/accounts/:guarantorId/payment-agreements', (req, ctx) => {
		const { state } = ctx;
		const g = account(state, req.params.guarantorId);
		const { value, errors } = readAgreement(state, bodyOf(req));
		if (!value) return invalid('payment agreement', errors);
		// Dentrix keeps one agreement per account (domain.md §3): checked and inserted with no await between.
		const active = state.paymentAgreements.find(
			(a) => a.guarantorId === g.id && a.status === 'active',
		);
		if (active) {
			return error(
				409,
				'activeAgreementExists',
				`${g.firstName} ${g.lastName}'s account already has an active payment agreement (${active.id}). Close it or edit it instead.`,
				[],
				{ existingAgreementId: active.id },
			);
		}
		const at = ctx.now().toISOString();
		const agreement: DentrixPaymentAgreement = {
			id: `pa_${ctx.nextId('dentrix.agreement', 3101)}`,
			guarantorId: g.id,
			status: 'active',
			...value,
			createdAt: at,
			createdBy: sourceOf(req),
			updatedAt: at,
			closedAt: null,
			edits: [],
		};
		state.paymentAgreements.push(agreement);
		return {
			status: 201,
			body: agreementOut(agreement),
			headers: { location: `/v1/payment-agreements/${agreement.id}` },
		};
	}),

	route('GET', '/v1/payment-agreements', (req, { state }) => {
		const from = queryDate(req, 'agreementDateFrom');
		const to = queryDate(req, 'agreementDateTo');
		const rows = state.paymentAgreements.filter(
			(a) =>
				(!from || a.agreementDate >= from) &&
				(!to || a.agreementDate <= to) &&
				(!req.query.status || a.status === req.query.status) &&
				(!req.query.guarantorId || a.guarantorId === req.query.guarantorId) &&
				contains(`${a.note}\n${a.statementNote}`, req.query.contains),
		);
		return page(req, rows, agreementOut);
	}),

	route('GET', '/v1/payment-agreements/:agreementId', (req, { state }) => {
		const a = state.paymentAgreements.find((x) => x.id === req.params.agreementId);
		return a
			? { status: 200, body: agreementOut(a) }
			: notFound('payment agreement', req.params.agreementId);
	}),

	route('PATCH', '/v1/payment-agreements/:agreementId', (req, ctx) => {
		const edited = editPaymentAgreement(
			ctx.state,
			req.params.agreementId,
			bodyOf(req),
			sourceOf(req),
			ctx.now(),
		);
		if (!edited) return notFound('payment agreement', req.params.agreementId);
		const { agreement, errors } = edited;
		return agreement
			? { status: 200, body: agreementOut(agreement) }
			: invalid('payment agreement', errors);
	}),

	route('POST', '/v1/payment-agreements/:agreementId/close', (req, ctx) => {
		const a = ctx.state.paymentAgreements.find((x) => x.id === req.params.agreementId);
		if (!a) return notFound('payment agreement', req.params.agreementId);
		if (a.status === 'active') {
			const at = ctx.now().toISOString();
			a.edits.push({
				at,
				source: sourceOf(req),
				changes: { status: { from: 'active', to: 'closed' } },
			});
			Object.assign(a, { status: 'closed', closedAt: at, updatedAt: at });
		}
		return { status: 200, body: agreementOut(a) };
	}),

	// ----- future due payment plans -----

	route('GET', '/v1/accounts/:guarantorId/future-due-plans', (req, { state }) => {
		const g = account(state, req.params.guarantorId);
		return page(
			req,
			state.futureDuePlans.filter((p) => p.guarantorId === g.id),
			fdpOut,
		);
	}),

	route('POST', '/v1/accounts/:guarantorId/future-due-plans', (req, ctx) => {
		const { state } = ctx;
		const g = account(state, req.params.guarantorId);
		const body = bodyOf(req);
		const f = new Fields(body);
		const patientId = member(f, state, g, body.patientId);
		const providerId = f.oneOf(
			'providerId',
			'Provider',
			state.practice.providers.map((p) => p.id),
			{ required: true },
		);
		const dateOfAgreement = f.date('dateOfAgreement', 'Date of agreement', { required: true });
		const firstPaymentDueDate = f.date('firstPaymentDueDate', 'First payment due date', {
			required: true,
		});
		const total = f.amount('totalPlanAmount', 'Total plan amount', {
			required: true,
			positive: true,
		});
		const down = f.amount('downPayCharge', 'Down pay charge', { fallback: 0 });
		const numberOfCharges = f.integer('numberOfCharges', 'Number of charges', 1, 360, {
			required: true,
		});
		const charge = f.amount('chargeAmount', 'Charge amount', { required: true, positive: true });
		const code = f.text('chargeProcedureCode', 'Charge procedure code', 10, { required: true });
		if (code !== undefined && !/^D\d{4}$/.test(code))
			f.fail(
				'chargeProcedureCode',
				'invalid',
				'Charge procedure code must be a code such as D8670.',
			);
		const autoInsuranceClaim = f.boolean('autoInsuranceClaim', 'Auto insurance claim');
		const autoCharge = f.boolean('autoCharge', 'Auto charge');
		if (dateOfAgreement && firstPaymentDueDate && firstPaymentDueDate < dateOfAgreement) {
			f.fail(
				'firstPaymentDueDate',
				'inconsistent',
				'First payment due date cannot be before the date of agreement.',
			);
		}
		if (total !== undefined && down !== undefined && down > total) {
			f.fail(
				'downPayCharge',
				'inconsistent',
				'Down pay charge cannot be more than the total plan amount.',
			);
		} else if (
			total !== undefined &&
			down !== undefined &&
			charge !== undefined &&
			numberOfCharges !== undefined &&
			charge * numberOfCharges < total - down
		) {
			f.fail(
				'chargeAmount',
				'inconsistent',
				'Charge amount times number of charges does not cover the total less the down pay charge.',
			);
		}
		if (f.errors.length) return invalid('future due payment plan', f.errors);
		const plan = {
			id: `fdp_${ctx.nextId('dentrix.futureDuePlan', 8101)}`,
			guarantorId: g.id,
			patientId,
			providerId: providerId!,
			dateOfAgreement: dateOfAgreement!,
			firstPaymentDueDate: firstPaymentDueDate!,
			totalPlanAmountCents: total!,
			downPayChargeCents: down!,
			numberOfCharges: numberOfCharges!,
			chargeAmountCents: charge!,
			chargeProcedureCode: code!,
			autoInsuranceClaim: autoInsuranceClaim!,
			autoCharge: autoCharge!,
			createdAt: ctx.now().toISOString(),
			createdBy: sourceOf(req),
		};
		state.futureDuePlans.push(plan);
		return { status: 201, body: fdpOut(plan) };
	}),

	// ----- ledger notes -----

	route('GET', '/v1/accounts/:guarantorId/ledger-notes', (req, { state }) => {
		const g = account(state, req.params.guarantorId);
		const from = queryDate(req, 'from');
		const to = queryDate(req, 'to');
		const rows = state.ledgerNotes.filter(
			(n) =>
				n.guarantorId === g.id &&
				(!from || n.date >= from) &&
				(!to || n.date <= to) &&
				(!req.query.patientId || n.patientId === req.query.patientId) &&
				contains(n.text, req.query.contains),
		);
		return page(req, rows, (n) => n);
	}),

	route('POST', '/v1/accounts/:guarantorId/ledger-notes', (req, ctx) => {
		const { state } = ctx;
		const g = account(state, req.params.guarantorId);
		const body = bodyOf(req);
		const f = new Fields(body);
		const patientId = member(f, state, g, body.patientId);
		const date = f.date('date', 'Date', { fallback: today(ctx) });
		const kind = f.oneOf('kind', 'Kind', NOTE_KINDS, { fallback: 'guarantorNote' });
		const text = f.text('text', 'Note text', LIMITS.ledgerNote, { required: true });
		if (text !== undefined && !text.trim()) f.fail('text', 'required', 'Note text is required.');
		if (f.errors.length) return invalid('ledger note', f.errors);
		const note = {
			id: `note_${ctx.nextId('dentrix.ledgerNote', 4101)}`,
			guarantorId: g.id,
			patientId,
			date: date!,
			kind: kind!,
			text: text!,
			createdAt: ctx.now().toISOString(),
			createdBy: sourceOf(req),
		};
		state.ledgerNotes.push(note);
		return { status: 201, body: note };
	}),

	// ----- payments and adjustments -----

	route('GET', '/v1/accounts/:guarantorId/payments', (req, { state }) => {
		const g = account(state, req.params.guarantorId);
		return page(req, transactions(req, state.payments, g.id), centsOut);
	}),

	route('POST', '/v1/accounts/:guarantorId/payments', (req, ctx) => {
		const { state } = ctx;
		const g = account(state, req.params.guarantorId);
		const body = bodyOf(req);
		const f = new Fields(body);
		const patientId = member(f, state, g, body.patientId);
		const paymentType = f.oneOf('paymentType', 'Payment type', state.practice.paymentTypes, {
			required: true,
		});
		const common = readTransaction(f, ctx);
		if (f.errors.length) return invalid('payment', f.errors);
		const payment = {
			id: `pay_${ctx.nextId('dentrix.payment', 6101)}`,
			guarantorId: g.id,
			patientId,
			paymentType: paymentType!,
			...common,
			createdBy: sourceOf(req),
		};
		state.payments.push(payment);
		return { status: 201, body: centsOut(payment) };
	}),

	route('GET', '/v1/accounts/:guarantorId/adjustments', (req, { state }) => {
		const g = account(state, req.params.guarantorId);
		return page(req, transactions(req, state.adjustments, g.id), centsOut);
	}),

	route('POST', '/v1/accounts/:guarantorId/adjustments', (req, ctx) => {
		const { state } = ctx;
		const g = account(state, req.params.guarantorId);
		const body = bodyOf(req);
		const f = new Fields(body);
		const patientId = member(f, state, g, body.patientId);
		const type = f.oneOf(
			'type',
			'Adjustment type',
			state.practice.adjustmentTypes.map((t) => t.name),
			{ required: true },
		);
		const common = readTransaction(f, ctx);
		if (f.errors.length) return invalid('adjustment', f.errors);
		const direction = state.practice.adjustmentTypes.find((t) => t.name === type)!.direction;
		const adjustment = {
			id: `adj_${ctx.nextId('dentrix.adjustment', 7101)}`,
			guarantorId: g.id,
			patientId,
			type: type!,
			direction,
			...common,
			createdBy: sourceOf(req),
		};
		state.adjustments.push(adjustment);
		return { status: 201, body: centsOut(adjustment) };
	}),
];

function readTransaction(f: Fields, ctx: Ctx) {
	return {
		amountCents: f.amount('amount', 'Amount', { required: true, positive: true })!,
		date: f.date('date', 'Date', { fallback: today(ctx) })!,
		reference: f.text('reference', 'Reference', LIMITS.reference, { fallback: '' })!,
		note: f.text('note', 'Note', LIMITS.transactionNote, { fallback: '' })!,
		createdAt: ctx.now().toISOString(),
	};
}

function transactions<T extends { guarantorId: string; date: string; reference: string }>(
	req: SandboxRequest,
	rows: T[],
	guarantorId: string,
): T[] {
	const from = queryDate(req, 'from');
	const to = queryDate(req, 'to');
	return rows.filter(
		(r) =>
			r.guarantorId === guarantorId &&
			(!from || r.date >= from) &&
			(!to || r.date <= to) &&
			(!req.query.reference || r.reference === req.query.reference),
	);
}

function fdpOut(p: DentrixState['futureDuePlans'][number]) {
	const { totalPlanAmountCents, downPayChargeCents, chargeAmountCents, ...rest } = p;
	return {
		...rest,
		totalPlanAmount: dollars(totalPlanAmountCents),
		downPayCharge: dollars(downPayChargeCents),
		chargeAmount: dollars(chargeAmountCents),
	};
}

export const service: ServiceDefinition<DentrixState> = { name: 'dentrix', routes };
