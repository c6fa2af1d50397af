import { z } from 'zod/v3';

import {
	basisPointsField,
	byWriter,
	centsField,
	checkShape,
	checkWindow,
	contextProblems,
	dateField,
	enumField,
	fail,
	ledgerWindow,
	ok,
	openDentalNumberField,
	referenceTokenField,
	screenFields,
	textField,
	wholeField,
	WINDOWS,
	type Checked,
	type Result,
	type Rule,
	type Values,
	type WireRequest,
	type WriteContext,
} from '../contract';
import { addDays } from '../dates';
import { hasReferenceToken } from '../decision';
import { centsToDollars, formatMoney } from '../money';
import { buildSchedule } from '../schedule';
import {
	checkGuarantor,
	checkProcedures,
	intervalOf,
	OPEN_DENTAL_CHARGE_FREQUENCIES,
	openDentalNumber,
	simulateOpenDentalNote,
	type OpenDentalChargeFrequency,
	type OpenDentalPlanFacts,
} from './shared';

/**
 * Open Dental dynamic payment plan: `POST /payplans/Dynamic`
 * (https://www.opendental.com/site/apipayplans.html, "PayPlans POST Dynamic"). The plan's amount
 * is its attached production, so each procedure carries its part of the plan (a link's
 * AmountOverride, https://www.opendental.com/site/apipayplanlinks.html); the parts add up to the
 * plan's total.
 */
export const OPEN_DENTAL_NOTE_MAX = 2000;

export const openDentalPayPlanShape = {
	patNum: openDentalNumberField('PatNum'),
	guarantor: openDentalNumberField('the Guarantor PatNum'),
	referenceToken: referenceTokenField(),
	payPlanDate: dateField(),
	/** DatePayPlanStart: the first payment. */
	firstPaymentDate: dateField(),
	chargeFrequency: enumField(OPEN_DENTAL_CHARGE_FREQUENCIES),
	aprBasisPoints: basisPointsField(),
	/** What the plan covers, the down payment included; the procedures' parts add up to it. */
	totalCents: centsField(1),
	downPaymentCents: centsField(0),
	paymentAmountCents: centsField(1),
	numberOfPayments: wholeField(1, 600),
	/** Open Dental takes PayAmt or NumberOfPayments, never both. */
	sendTermAs: enumField(['payAmt', 'numberOfPayments'] as const),
	/** DefNum of a payment plan category (definition Category 47); "0" is none. */
	planCategory: z.union([z.literal('0'), openDentalNumberField('PlanCategory')]),
	dynamicPayPlanTPOption: enumField(['AwaitComplete', 'TreatAsComplete'] as const),
	/** Must be true when APR > 0; links can be added only while the plan is unlocked. */
	isLocked: z.boolean({ errorMap: () => ({ message: 'must be true or false' }) }),
	note: textField(OPEN_DENTAL_NOTE_MAX),
	/** The procedures the plan is attached to (Open Dental's procNums), each with its part. */
	procNums: z
		.array(
			z.object({ procNum: openDentalNumberField('ProcNum'), amountCents: centsField(1) }).strict(),
			{
				errorMap: (i, c) => ({
					message: i.code === 'invalid_type' ? 'must be a list of procedures' : c.defaultError,
				}),
			},
		)
		.min(1, 'needs at least one procedure to attach the plan to')
		.max(100, 'holds at most 100 procedures'),
};
export type OpenDentalPayPlanInput = Values<typeof openDentalPayPlanShape>;
type Shape = typeof openDentalPayPlanShape;

/** The body of POST /payplans/Dynamic. */
export interface OpenDentalDynamicPayPlanBody {
	PatNum: number;
	Guarantor: number;
	PayPlanDate: string;
	APR: number;
	DownPayment: number;
	Note: string;
	PlanCategory: number;
	ChargeFrequency: OpenDentalChargeFrequency;
	DatePayPlanStart: string;
	IsLocked: 'true' | 'false';
	procNums: number[];
	PayAmt?: number;
	NumberOfPayments?: number;
	DynamicPayPlanTPOption: 'AwaitComplete' | 'TreatAsComplete';
}

/** One procedure's part of the plan, for its link (AmountOverride, dollars). */
export interface OpenDentalPayPlanLink {
	ProcNum: number;
	AmountOverride: number;
}

export interface OpenDentalPayPlanRequests {
	create: WireRequest<OpenDentalDynamicPayPlanBody>;
	/** The part each procedure's link must carry (Payment Plan links check). */
	links: OpenDentalPayPlanLink[];
}

function planRules(context: WriteContext): Array<Rule<Shape>> {
	const [from, to] = ledgerWindow(context.today);
	return [
		{
			reads: ['payPlanDate'],
			check: (p, report) =>
				checkWindow(
					report,
					'payPlanDate',
					p.payPlanDate,
					from,
					to,
					'the agreement date',
					context.today,
				),
		},
		{
			reads: ['payPlanDate', 'firstPaymentDate'],
			check: (p, report) =>
				checkWindow(
					report,
					'firstPaymentDate',
					p.firstPaymentDate,
					p.payPlanDate,
					addDays(p.payPlanDate, WINDOWS.firstPaymentWithinDays),
					'the first payment (from the agreement date to a year after it)',
					context.today,
				),
		},
		{
			reads: ['downPaymentCents', 'totalCents'],
			check: (p, report) => {
				if (p.downPaymentCents >= p.totalCents)
					report(
						'downPaymentCents',
						'downPaymentNotBelowTotal',
						`the down payment ${formatMoney(p.downPaymentCents)} must be less than the plan total (totalCents, ${formatMoney(p.totalCents)})`,
					);
			},
		},
		{
			reads: ['aprBasisPoints', 'isLocked'],
			check: (p, report) => {
				if (p.aprBasisPoints > 0 && !p.isLocked)
					report(
						'isLocked',
						'lockRequiredWithApr',
						'must be true when the plan has an APR above 0 (Open Dental rule)',
					);
			},
		},
		{
			reads: ['dynamicPayPlanTPOption', 'downPaymentCents'],
			check: (p, report) => {
				// Treated as complete, the down payment is charged at once, before the links are set.
				if (p.dynamicPayPlanTPOption === 'TreatAsComplete' && p.downPaymentCents > 0)
					report(
						'dynamicPayPlanTPOption',
						'downPaymentBeforeOverride',
						'with TreatAsComplete the down payment is charged before the plan can be limited to the shortfall; use AwaitComplete or collect the down payment at the visit',
					);
			},
		},
		{
			reads: ['procNums', 'totalCents'],
			check: (p, report) => {
				const nums = p.procNums.map((l) => l.procNum);
				if (new Set(nums).size !== nums.length)
					report('procNums', 'duplicateProcedure', 'lists a procedure twice');
				const sum = p.procNums.reduce((s, l) => s + l.amountCents, 0);
				if (sum !== p.totalCents)
					report(
						'procNums',
						'linksDoNotSumToTotal',
						`the procedures' parts add up to ${formatMoney(sum)}, not the plan total ${formatMoney(p.totalCents)}`,
					);
			},
		},
		{
			reads: [
				'totalCents',
				'downPaymentCents',
				'aprBasisPoints',
				'chargeFrequency',
				'firstPaymentDate',
				'paymentAmountCents',
				'numberOfPayments',
			],
			check: (p, report) => {
				const interval = intervalOf(p.chargeFrequency);
				if (!interval) {
					report(
						'chargeFrequency',
						'frequencyNotBuilt',
						'this package builds Monthly, EveryOtherWeek or Weekly plans',
					);
					return;
				}
				if (p.downPaymentCents >= p.totalCents) return;
				const built = buildSchedule({
					principalCents: p.totalCents - p.downPaymentCents,
					aprBasisPoints: p.aprBasisPoints,
					interval,
					firstPaymentDate: p.firstPaymentDate,
					term: { paymentAmountCents: p.paymentAmountCents, maxNumberOfPayments: 600 },
					field: 'paymentAmountCents',
				});
				if (!built.ok) {
					for (const x of built.problems)
						report('paymentAmountCents', x.code, x.message.replace(/^[^:]*: /, ''));
				} else if (built.value.numberOfPayments !== p.numberOfPayments) {
					report(
						'schedule',
						'scheduleMismatch',
						`payments of ${formatMoney(p.paymentAmountCents)} pay off the plan in ${built.value.numberOfPayments} payments, not ${p.numberOfPayments}`,
					);
				}
			},
		},
		{
			reads: ['note', 'referenceToken', 'payPlanDate', 'totalCents', 'aprBasisPoints'],
			check: (p, report) => {
				const stored = simulateOpenDentalNote(
					p.note,
					p.payPlanDate,
					p.totalCents / 100,
					p.aprBasisPoints / 100,
				);
				if (!hasReferenceToken(stored, p.referenceToken))
					report(
						'note',
						'referenceTokenMissing',
						`must carry the reference ${p.referenceToken} in a form that survives Open Dental's note changes`,
					);
			},
		},
		{ reads: [], check: (p, report) => screenFields(report, context.today, { note: p.note }) },
	];
}

export function openDentalPayPlanBody(p: OpenDentalPayPlanInput): OpenDentalDynamicPayPlanBody {
	return {
		PatNum: openDentalNumber(p.patNum),
		Guarantor: openDentalNumber(p.guarantor),
		PayPlanDate: p.payPlanDate,
		APR: p.aprBasisPoints / 100,
		DownPayment: centsToDollars(p.downPaymentCents),
		Note: p.note,
		PlanCategory: openDentalNumber(p.planCategory),
		ChargeFrequency: p.chargeFrequency,
		DatePayPlanStart: p.firstPaymentDate,
		IsLocked: p.isLocked ? 'true' : 'false',
		procNums: p.procNums.map((l) => openDentalNumber(l.procNum)),
		...(p.sendTermAs === 'numberOfPayments'
			? { NumberOfPayments: p.numberOfPayments }
			: { PayAmt: centsToDollars(p.paymentAmountCents) }),
		DynamicPayPlanTPOption: p.dynamicPayPlanTPOption,
	};
}

/**
 * The one check of an Open Dental payment plan, for both roads. With `facts` (the writer, before
 * its first write) the guarantor and the procedures are checked against Open Dental; without,
 * those rules are listed in `checkedByWriter`.
 */
export function checkOpenDentalPayPlan(
	input: unknown,
	context: WriteContext,
	facts?: OpenDentalPlanFacts,
	prefix = '',
): Result<Checked<OpenDentalPayPlanRequests>> {
	const bad = contextProblems(context);
	if (bad.length > 0) return fail(...bad);
	const rules = planRules(context);
	if (facts) {
		rules.push({
			reads: ['guarantor'],
			check: (p, report) => checkGuarantor(report, 'guarantor', p.guarantor, facts),
		});
		rules.push({
			reads: ['procNums'],
			check: (p, report) => checkProcedures(report, 'procNums', p.procNums, facts),
		});
	}
	const checked = checkShape(input, openDentalPayPlanShape, rules, prefix);
	if (!checked.ok) return checked;
	const p = checked.value;
	const at = prefix ? `${prefix}.` : '';
	return ok({
		request: {
			create: { method: 'POST', path: '/payplans/Dynamic', body: openDentalPayPlanBody(p) },
			links: p.procNums.map((l) => ({
				ProcNum: openDentalNumber(l.procNum),
				AmountOverride: centsToDollars(l.amountCents),
			})),
		},
		checkedByWriter: facts
			? []
			: [
					byWriter(`${at}guarantor`, "is the patient's guarantor in Open Dental"),
					byWriter(
						`${at}procNums`,
						"are on the treatment plan, in the patient's family, each within its fee",
					),
				],
	});
}

/**
 * Locks a plan once its links are set (`PUT /payplans/{PayPlanNum}/Dynamic`,
 * https://www.opendental.com/site/apipayplans.html "PayPlans PUT Dynamic": APR needs IsLocked
 * "true" alongside it). For a plan created unlocked so its links could be added.
 */
export function openDentalPayPlanLockRequest(
	payPlanNum: string,
	aprBasisPoints: number,
): WireRequest<{ IsLocked: 'true'; APR: number }> {
	return {
		method: 'PUT',
		path: `/payplans/${encodeURIComponent(payPlanNum)}/Dynamic`,
		body: { IsLocked: 'true', APR: aprBasisPoints / 100 },
	};
}
