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

/** Why an in-house plan with an APR cannot be limited to part of a procedure's production. */
export const APR_PLAN_CANNOT_BE_LIMITED =
	'Open Dental creates a plan with an APR above 0 locked, and adds or changes links only on a plan that is not locked (apipayplanlinks.html), so this plan cannot be limited to the shortfall; set the in-house APR to 0 for Open Dental, or enter this plan by hand';

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
	/** DefNum of a payment plan category (definition Category 47); "0" is none. */
	planCategory: z.union([z.literal('0'), openDentalNumberField('PlanCategory')]),
	dynamicPayPlanTPOption: enumField(['AwaitComplete', 'TreatAsComplete'] as const),
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
	PayAmt: number;
	DynamicPayPlanTPOption: 'AwaitComplete' | 'TreatAsComplete';
}

/** One procedure's part of the plan, for its link (AmountOverride, dollars). */
export interface OpenDentalPayPlanLink {
	ProcNum: number;
	AmountOverride: number;
}

export interface OpenDentalPayPlanRequests {
	create: WireRequest<OpenDentalDynamicPayPlanBody>;
	/** The links whose AmountOverride limits the plan to its total (at most one, see below). */
	links: OpenDentalPayPlanLink[];
	/** What the plan covers, and each procedure's part of it (the input of the links check). */
	totalCents: number;
	parts: Array<{ procNum: string; amountCents: number }>;
}

/**
 * The body of the plan's POST: PayAmt, never NumberOfPayments (Open Dental works a number of
 * payments out on the attached production, which is more than the plan until its link is limited).
 * Unlocked when the APR is 0, so a link can still be limited (links go only on plans "that are not
 * locked or closed"); locked with an APR, as Open Dental requires, and then no link may need it.
 */
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
		IsLocked: p.aprBasisPoints > 0 ? 'true' : 'false',
		procNums: p.procNums.map((l) => openDentalNumber(l.procNum)),
		PayAmt: centsToDollars(p.paymentAmountCents),
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
		rules.push({
			reads: ['procNums', 'aprBasisPoints'],
			check: (p, report) => {
				const production = new Map(facts.planProcedures.map((x) => [x.procNum, x.productionCents]));
				if (
					p.aprBasisPoints > 0 &&
					p.procNums.some((l) => l.amountCents < (production.get(l.procNum) ?? 0))
				)
					report('aprBasisPoints', 'aprPlanCannotBeLimited', APR_PLAN_CANNOT_BE_LIMITED);
			},
		});
	}
	const checked = checkShape(input, openDentalPayPlanShape, rules, prefix);
	if (!checked.ok) return checked;
	const p = checked.value;
	const at = prefix ? `${prefix}.` : '';
	return ok({
		request: {
			create: { method: 'POST', path: '/payplans/Dynamic', body: openDentalPayPlanBody(p) },
			links: overrideLinks(
				p.procNums,
				new Map(facts?.planProcedures.map((x) => [x.procNum, x.productionCents])),
			),
			totalCents: p.totalCents,
			parts: p.procNums.map((l) => ({ procNum: l.procNum, amountCents: l.amountCents })),
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

/** The links that need an AmountOverride: the parts less than their procedure's production. */
export function overrideLinks(
	parts: ReadonlyArray<{ procNum: string; amountCents: number }>,
	production: ReadonlyMap<string, number>,
): OpenDentalPayPlanLink[] {
	return parts
		.filter((l) => l.amountCents < (production.get(l.procNum) ?? l.amountCents))
		.map((l) => ({
			ProcNum: openDentalNumber(l.procNum),
			AmountOverride: centsToDollars(l.amountCents),
		}));
}
