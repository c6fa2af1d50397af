import { z } from 'zod/v3';

import {
	centsField,
	checkShape,
	checkWindow,
	contextProblems,
	dateField,
	enumField,
	fail,
	idField,
	ledgerWindow,
	ok,
	openDentalNumberField,
	referenceTokenField,
	screenFields,
	textField,
	type Checked,
	type Result,
	type Rule,
	type Values,
	type WireRequest,
	type WriteContext,
} from '../contract';
import { addDays, isLocalDate } from '../dates';
import { hasReferenceToken } from '../decision';
import { centsToDollars } from '../money';
import { openDentalNumber } from './shared';
import { OPEN_DENTAL_NOTE_MAX } from './payPlan';

/**
 * Open Dental commlog, payment and adjustment (https://www.opendental.com/site/apicommlogs.html,
 * apipayments.html, apiadjustments.html): one input type and one check each, for the built
 * arrangement and for fields typed by hand.
 */
const DATE_TIME = /^(\d{4}-\d{2}-\d{2}) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;

export const openDentalCommlogShape = {
	patNum: openDentalNumberField('PatNum'),
	referenceToken: referenceTokenField(),
	note: textField(OPEN_DENTAL_NOTE_MAX, 1),
	/** The practice's local date-time, "yyyy-MM-dd HH:mm:ss". */
	commDateTime: z.string().refine((s) => DATE_TIME.test(s) && isLocalDate(s.slice(0, 10)), {
		message: 'must be a date and time written yyyy-MM-dd HH:mm:ss',
		params: { code: 'invalidDateTime' },
	}),
	/** Item name of the commlog type (definition Category 27), e.g. Financial. */
	commType: textField(50, 1),
	mode: enumField([
		'None',
		'Email',
		'Mail',
		'Phone',
		'In Person',
		'Text',
		'Email and Text',
		'Phone and Text',
	] as const),
	sentOrReceived: enumField(['Neither', 'Sent', 'Received'] as const),
};
export type OpenDentalCommlogInput = Values<typeof openDentalCommlogShape>;
export interface OpenDentalCommlogBody {
	PatNum: number;
	Note: string;
	CommDateTime: string;
	commType: string;
	Mode_: OpenDentalCommlogInput['mode'];
	SentOrReceived: OpenDentalCommlogInput['sentOrReceived'];
}

/** The commlog (the audit note: Open Dental's record of the financing). No facts needed. */
export function checkOpenDentalCommlog(
	input: unknown,
	context: WriteContext,
	prefix = '',
): Result<Checked<WireRequest<OpenDentalCommlogBody>>> {
	const bad = contextProblems(context);
	if (bad.length > 0) return fail(...bad);
	const [from] = ledgerWindow(context.today);
	type S = typeof openDentalCommlogShape;
	const rules: Array<Rule<S>> = [
		{
			reads: ['commDateTime'],
			check: (c, report) =>
				checkWindow(
					report,
					'commDateTime',
					c.commDateTime.slice(0, 10),
					from,
					addDays(context.today, 1),
					'the date',
					context.today,
				),
		},
		{
			reads: ['note', 'referenceToken'],
			check: (c, report) => {
				if (!hasReferenceToken(c.note, c.referenceToken))
					report(
						'note',
						'referenceTokenMissing',
						`must carry the case reference ${c.referenceToken}`,
					);
			},
		},
		{
			reads: [],
			check: (c, report) =>
				screenFields(report, context.today, { note: c.note, commType: c.commType }),
		},
	];
	const checked = checkShape(input, openDentalCommlogShape, rules, prefix);
	if (!checked.ok) return checked;
	const c = checked.value;
	return ok({
		request: {
			method: 'POST',
			path: '/commlogs',
			body: {
				PatNum: openDentalNumber(c.patNum),
				Note: c.note,
				CommDateTime: c.commDateTime,
				commType: c.commType,
				Mode_: c.mode,
				SentOrReceived: c.sentOrReceived,
			},
		},
		checkedByWriter: [],
	});
}

export const openDentalPaymentShape = {
	patNum: openDentalNumberField('PatNum'),
	amountCents: centsField(1),
	payDate: dateField(),
	/** DefNum of the pay type (Category 10); null lets Open Dental use its API payment type. */
	payType: openDentalNumberField('PayType').nullable(),
	/** The CareCredit transaction id, kept in CheckNum: how a second run finds the payment. */
	transactionId: idField('the CareCredit transaction id'),
	note: textField(255),
	/** ClinicNum; null is the patient's clinic. */
	clinicNum: openDentalNumberField('ClinicNum').nullable(),
};
export type OpenDentalPaymentInput = Values<typeof openDentalPaymentShape>;
export interface OpenDentalPaymentBody {
	PatNum: number;
	PayAmt: number;
	PayDate: string;
	PayType?: number;
	PayNote: string;
	CheckNum: string;
	ClinicNum?: number;
}

/** The CareCredit payment (gross or net). No facts needed: Open Dental applies it FIFO. */
export function checkOpenDentalPayment(
	input: unknown,
	context: WriteContext,
	prefix = '',
): Result<Checked<WireRequest<OpenDentalPaymentBody>>> {
	const bad = contextProblems(context);
	if (bad.length > 0) return fail(...bad);
	const [from, to] = ledgerWindow(context.today);
	type S = typeof openDentalPaymentShape;
	const rules: Array<Rule<S>> = [
		{
			reads: ['payDate'],
			check: (p, report) =>
				checkWindow(report, 'payDate', p.payDate, from, to, 'the payment date', context.today),
		},
		{ reads: [], check: (p, report) => screenFields(report, context.today, { note: p.note }) },
	];
	const checked = checkShape(input, openDentalPaymentShape, rules, prefix);
	if (!checked.ok) return checked;
	const p = checked.value;
	return ok({
		request: {
			method: 'POST',
			path: '/payments',
			body: {
				PatNum: openDentalNumber(p.patNum),
				PayAmt: centsToDollars(p.amountCents),
				PayDate: p.payDate,
				...(p.payType === null ? {} : { PayType: openDentalNumber(p.payType) }),
				PayNote: p.note,
				CheckNum: p.transactionId,
				...(p.clinicNum === null ? {} : { ClinicNum: openDentalNumber(p.clinicNum) }),
			},
		},
		checkedByWriter: [],
	});
}
