import type { Cents } from '../money';
import type { Result } from '../result';
import { WireReader } from '../wireRecord';

/**
 * Open Dental's answers mapped back (https://www.opendental.com/site/apipayplans.html and the
 * pages of each resource). Number types differ by resource ("PayAmt": "339" on payments, 81.48 on
 * plans, "130.00" on procedures): every amount goes through `centsFromWire`.
 */
export interface OpenDentalPayPlanRecord {
	payPlanNum: string | null;
	patNum: string | null;
	guarantor: string | null;
	payPlanDate: string | null;
	firstPaymentDate: string | null;
	aprPercent: number | null;
	totalCents: Cents | null;
	downPaymentCents: Cents | null;
	payAmtCents: Cents | null;
	isClosed: boolean | null;
	isLocked: boolean | null;
	isDynamic: boolean | null;
	note: string | null;
	referenceToken: string | null;
}

export function openDentalPayPlanFromResponse(body: unknown): Result<OpenDentalPayPlanRecord> {
	const r = new WireReader(body);
	return r.result({
		payPlanNum: r.id('PayPlanNum'),
		patNum: r.id('PatNum'),
		guarantor: r.id('Guarantor'),
		payPlanDate: r.text('PayPlanDate'),
		firstPaymentDate: r.text('DatePayPlanStart'),
		aprPercent: r.number('APR'),
		totalCents: r.cents('principalAmount', false),
		downPaymentCents: r.cents('DownPayment', false),
		payAmtCents: r.cents('PayAmt', false),
		isClosed: r.flag('IsClosed'),
		isLocked: r.flag('IsLocked'),
		isDynamic: r.flag('IsDynamic'),
		note: r.text('Note'),
		referenceToken: r.token('Note'),
	});
}

export interface OpenDentalLinkRecord {
	payPlanLinkNum: string | null;
	payPlanNum: string | null;
	linkType: string | null;
	fKey: string | null;
	amountOverrideCents: Cents | null;
}

export function openDentalLinkFromResponse(body: unknown): Result<OpenDentalLinkRecord> {
	const r = new WireReader(body);
	return r.result({
		payPlanLinkNum: r.id('PayPlanLinkNum'),
		payPlanNum: r.id('PayPlanNum'),
		linkType: r.text('LinkType'),
		fKey: r.id('FKey'),
		amountOverrideCents: r.cents('AmountOverride', false),
	});
}

export interface OpenDentalCommlogRecord {
	commlogNum: string | null;
	patNum: string | null;
	commDateTime: string | null;
	note: string | null;
	referenceToken: string | null;
}

export function openDentalCommlogFromResponse(body: unknown): Result<OpenDentalCommlogRecord> {
	const r = new WireReader(body);
	return r.result({
		commlogNum: r.id('CommlogNum'),
		patNum: r.id('PatNum'),
		commDateTime: r.text('CommDateTime'),
		note: r.text('Note'),
		referenceToken: r.token('Note'),
	});
}

/** A payment (PayAmt, CheckNum) or an adjustment (AdjAmt, AdjNote). */
export interface OpenDentalEntryRecord {
	id: string | null;
	patNum: string | null;
	typeDefNum: string | null;
	amountCents: Cents | null;
	date: string | null;
	reference: string | null;
	note: string | null;
}

export function openDentalPaymentFromResponse(body: unknown): Result<OpenDentalEntryRecord> {
	const r = new WireReader(body);
	return r.result({
		id: r.id('PayNum'),
		patNum: r.id('PatNum'),
		typeDefNum: r.id('PayType'),
		amountCents: r.cents('PayAmt'),
		date: r.text('PayDate'),
		reference: r.text('CheckNum'),
		note: r.text('PayNote'),
	});
}

export function openDentalAdjustmentFromResponse(body: unknown): Result<OpenDentalEntryRecord> {
	const r = new WireReader(body);
	return r.result({
		id: r.id('AdjNum'),
		patNum: r.id('PatNum'),
		typeDefNum: r.id('AdjType'),
		amountCents: r.cents('AdjAmt'),
		date: r.text('AdjDate'),
		reference: null,
		note: r.text('AdjNote'),
	});
}
