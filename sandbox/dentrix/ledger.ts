// The account ledger (docs/dentrix-api.md): future due payment plans, ledger notes, payments and
// adjustments.
import type { Route, SandboxRequest } from '../core/types';
import { Fields } from './fields';
import {
	bodyOf,
	contains,
	type Ctx,
	dollars,
	invalid,
	page,
	queryDate,
	route,
	sourceOf,
	today,
} from './http';
import { LIMITS } from './agreements';
import { account, member } from './lookups';
import type { DentrixState, LedgerNoteKind } from './types';

const NOTE_KINDS: LedgerNoteKind[] = ['guarantorNote', 'transactionNote', 'officeJournal'];

const centsOut = <T extends { amountCents: number }>({ amountCents, ...rest }: T) => ({
	...rest,
	amount: dollars(amountCents),
});

export const ledgerRoutes: Array<Route<DentrixState>> = [
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

	// Every account's notes at once (modeled for the practice numbers, docs/dentrix-api.md).
	route('GET', '/v1/ledger-notes', (req, { state }) => {
		const from = queryDate(req, 'from');
		const to = queryDate(req, 'to');
		const rows = state.ledgerNotes.filter(
			(n) =>
				(!from || n.date >= from) && (!to || n.date <= to) && contains(n.text, req.query.contains),
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
