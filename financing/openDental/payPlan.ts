import { z } from 'zod/v3';

import {
	basisPointsField,
	byWriter,
	centsField,
	checkShape,
	contextProblems,
	dateField,
	enumField,
	fail,
	ok,
	openDentalNumberField,
	referenceTokenField,
	textField,
	wholeField,
	type Checked,
	type Result,
	type Values,
	type WireRequest,
	type WriteContext,
} from '../contract';
import { centsToDollars } from '../money';
import {
	checkGuarantor,
	checkProcedures,
	OPEN_DENTAL_CHARGE_FREQUENCIES,
	openDentalNumber,
	type OpenDentalChargeFrequency,
	type OpenDentalPlanFacts,
} from './shared';
import { planRules } from './payPlanRules';

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
