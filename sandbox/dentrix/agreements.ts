// Payment agreements (docs/dentrix-api.md): one active per account, every later edit recorded
// with who made it, so staff corrections of automated agreements can be counted.
import type { Route } from '../core/types';
import { Fields, type FieldError } from './fields';
import {
	type Body,
	bodyOf,
	contains,
	dollars,
	error,
	invalid,
	notFound,
	page,
	queryDate,
	route,
	sourceOf,
} from './http';
import { account } from './lookups';
import type {
	AgreementInterval,
	DentrixPaymentAgreement,
	DentrixSource,
	DentrixState,
} from './types';

const INTERVALS: AgreementInterval[] = ['monthly', 'semiMonthly', 'biWeekly', 'weekly'];

/** Modeled limits (docs/dentrix-api.md); 82 is Dentrix's statement note (domain.md §3). */
export const LIMITS = {
	agreementNote: 2000,
	statementNote: 82,
	ledgerNote: 2000,
	reference: 64,
	transactionNote: 255,
};

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

export function agreementOut(a: DentrixPaymentAgreement) {
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

export const agreementRoutes: Array<Route<DentrixState>> = [
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
];
