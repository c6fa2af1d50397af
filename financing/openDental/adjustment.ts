import { z } from 'zod/v3';

import {
	centsField,
	checkShape,
	checkWindow,
	contextProblems,
	dateField,
	fail,
	ledgerWindow,
	ok,
	openDentalNumberField,
	screenFields,
	textField,
	type Checked,
	type Result,
	type Rule,
	type Values,
	type WireRequest,
	type WriteContext,
} from '../contract';
import { centsToDollars, formatMoney, MAX_CENTS } from '../money';
import { safeEcho } from '../patientData';
import { openDentalNumber } from './shared';
import { OPEN_DENTAL_NOTE_MAX } from './payPlan';

/** Open Dental adjustment (https://www.opendental.com/site/apiadjustments.html). */
const signedCents = z
	.number({ errorMap: () => ({ message: 'must be a whole number of cents (a number)' }) })
	.int('must be a whole number of cents')
	.min(-MAX_CENTS, `must be at least -${formatMoney(MAX_CENTS)}`)
	.max(MAX_CENTS, `must be at most ${formatMoney(MAX_CENTS)}`)
	.refine((n) => n !== 0, { message: 'must not be $0.00', params: { code: 'zero' } });

export const openDentalAdjustmentShape = {
	patNum: openDentalNumberField('PatNum'),
	/** DefNum of the adjustment type (Category 1); its ItemValue "+" or "-" sets the sign. */
	adjType: openDentalNumberField('AdjType'),
	amountCents: signedCents,
	adjDate: dateField(),
	/** Written into the note: an adjustment of this type whose note carries it is not written again. */
	reference: textField(64, 1),
	note: textField(OPEN_DENTAL_NOTE_MAX),
	procNum: openDentalNumberField('ProcNum').nullable(),
	/** The payment or purchase it belongs to (a merchant fee or refund may not exceed it); or null. */
	belongsToAmountCents: centsField(1).nullable(),
};
export type OpenDentalAdjustmentInput = Values<typeof openDentalAdjustmentShape>;
export interface OpenDentalAdjustmentBody {
	PatNum: number;
	AdjType: number;
	AdjAmt: number;
	AdjDate: string;
	AdjNote: string;
	ProcNum?: number;
}

/**
 * Read before writing: the type's sign (`GET /definitions?Category=1`, its ItemValue; null when
 * Open Dental has no such adjustment type) and the patient's procedures.
 */
export interface OpenDentalAdjustmentFacts {
	adjTypeSign: '+' | '-' | null;
	patientProcNums: string[];
}

export function checkOpenDentalAdjustment(
	input: unknown,
	context: WriteContext,
	facts?: OpenDentalAdjustmentFacts,
	prefix = '',
): Result<Checked<WireRequest<OpenDentalAdjustmentBody>>> {
	const bad = contextProblems(context);
	if (bad.length > 0) return fail(...bad);
	const [from, to] = ledgerWindow(context.today);
	type S = typeof openDentalAdjustmentShape;
	const rules: Array<Rule<S>> = [
		// "Cannot be a future date" (apiadjustments.html).
		{
			reads: ['adjDate'],
			check: (a, report) =>
				checkWindow(report, 'adjDate', a.adjDate, from, to, 'the adjustment date', context.today),
		},
		{
			reads: ['amountCents', 'belongsToAmountCents'],
			check: (a, report) => {
				if (a.belongsToAmountCents !== null && Math.abs(a.amountCents) > a.belongsToAmountCents)
					report(
						'amountCents',
						'adjustmentAboveAmount',
						`is more than the ${formatMoney(a.belongsToAmountCents)} it belongs to`,
					);
			},
		},
		{
			reads: [],
			check: (a, report) =>
				screenFields(report, context.today, { note: a.note, reference: a.reference }),
		},
	];
	if (facts) {
		rules.push({
			reads: ['adjType', 'amountCents'],
			check: (a, report) => {
				if (facts.adjTypeSign === null)
					report(
						'adjType',
						'unknownAdjType',
						`${safeEcho(a.adjType)} is not an adjustment type of this Open Dental (Setup, Definitions, Adj Types)`,
					);
				else if ((facts.adjTypeSign === '+') !== a.amountCents > 0)
					report(
						'amountCents',
						'signMismatch',
						`must be ${facts.adjTypeSign === '+' ? 'positive' : 'negative'} for this adjustment type (Open Dental rule)`,
					);
			},
		});
		rules.push({
			reads: ['procNum'],
			check: (a, report) => {
				if (a.procNum !== null && !facts.patientProcNums.includes(a.procNum))
					report(
						'procNum',
						'procedureNotPatients',
						`procedure ${safeEcho(a.procNum)} is not one of the patient's`,
					);
			},
		});
	}
	const checked = checkShape(input, openDentalAdjustmentShape, rules, prefix);
	if (!checked.ok) return checked;
	const a = checked.value;
	const at = prefix ? `${prefix}.` : '';
	return ok({
		request: {
			method: 'POST',
			path: '/adjustments',
			body: {
				PatNum: openDentalNumber(a.patNum),
				AdjType: openDentalNumber(a.adjType),
				AdjAmt: centsToDollars(a.amountCents),
				AdjDate: a.adjDate,
				AdjNote: a.note.includes(a.reference) ? a.note : `${a.note} ${a.reference}`.trim(),
				...(a.procNum === null ? {} : { ProcNum: openDentalNumber(a.procNum) }),
			},
		},
		checkedByWriter: facts
			? []
			: [
					`${at}amountCents: the sign follows the adjustment type's + or - (checked by the writer)`,
					`${at}procNum: is one of the patient's procedures (checked by the writer)`,
				],
	});
}
