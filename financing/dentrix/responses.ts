import type { Cents } from '../money';
import type { Result } from '../result';
import { WireReader } from '../wireRecord';

/** Dentrix's answers (docs/dentrix-api.md) mapped back: amounts in cents, the reference found. */
export interface DentrixAgreementRecord {
	agreementId: string | null;
	guarantorId: string | null;
	status: string | null;
	agreementDate: string | null;
	firstPaymentDue: string | null;
	totalAgreedAmountCents: Cents | null;
	downPaymentCents: Cents | null;
	paymentAmountCents: Cents | null;
	numberOfPayments: number | null;
	note: string | null;
	referenceToken: string | null;
}

export function dentrixAgreementFromResponse(body: unknown): Result<DentrixAgreementRecord> {
	const r = new WireReader(body);
	return r.result({
		agreementId: r.id('id'),
		guarantorId: r.id('guarantorId'),
		status: r.text('status'),
		agreementDate: r.text('agreementDate'),
		firstPaymentDue: r.text('firstPaymentDue'),
		totalAgreedAmountCents: r.cents('totalAgreedAmount'),
		downPaymentCents: r.cents('downPayment', false),
		paymentAmountCents: r.cents('paymentAmount'),
		numberOfPayments: r.number('numberOfPayments'),
		note: r.text('note'),
		referenceToken: r.token('note'),
	});
}

export interface DentrixLedgerNoteRecord {
	noteId: string | null;
	guarantorId: string | null;
	patientId: string | null;
	date: string | null;
	kind: string | null;
	text: string | null;
	referenceToken: string | null;
}

export function dentrixLedgerNoteFromResponse(body: unknown): Result<DentrixLedgerNoteRecord> {
	const r = new WireReader(body);
	return r.result({
		noteId: r.id('id'),
		guarantorId: r.id('guarantorId'),
		patientId: r.id('patientId'),
		date: r.text('date'),
		kind: r.text('kind'),
		text: r.text('text'),
		referenceToken: r.token('text'),
	});
}

/** A payment or an adjustment. */
export interface DentrixLedgerEntryRecord {
	id: string | null;
	guarantorId: string | null;
	patientId: string | null;
	type: string | null;
	amountCents: Cents | null;
	date: string | null;
	reference: string | null;
}

export function dentrixLedgerEntryFromResponse(body: unknown): Result<DentrixLedgerEntryRecord> {
	const r = new WireReader(body);
	return r.result({
		id: r.id('id'),
		guarantorId: r.id('guarantorId'),
		patientId: r.id('patientId'),
		type: r.text('paymentType') ?? r.text('type'),
		amountCents: r.cents('amount'),
		date: r.text('date'),
		reference: r.text('reference'),
	});
}
