// Dynamic payment plans and their charges (https://www.opendental.com/site/apipayplans.html,
// apipayplancharges.html); the links are in ./payplanLinks.ts, the arithmetic in ./payplans.ts.
import type { Route } from '../core/types';
import { def, openLink, patient, payPlan } from './lookups';
import {
	addMonths,
	issuedCharges,
	linkAmounts,
	payAmtFor,
	principalOf,
	termsNote,
} from './payplans';
import { gone, route } from './route';
import type { ChargeFrequency, OdPayPlan, OpenDentalState } from './types';
import {
	bad,
	body,
	bool,
	cents,
	created,
	type Ctx,
	date,
	dateTime,
	dollars,
	EMPTY_DATE,
	given,
	integer,
	number,
	numArray,
	ok,
	oneOf,
	paged,
	queryNum,
	stringBool,
	text,
	today,
} from './wire';

const FREQUENCIES: ChargeFrequency[] = [
	'Weekly',
	'EveryOtherWeek',
	'Monthly',
	'Quarterly',
	'OrdinalWeekday',
];

function payPlanOut(ctx: Ctx, plan: OdPayPlan) {
	const { state } = ctx;
	const links = linkAmounts(state, plan.PayPlanNum);
	const principal = links.reduce((s, l) => s + l.cents, 0);
	const completed =
		plan.DynamicPayPlanTPOption === 'TreatAsComplete'
			? principal
			: links.filter((l) => l.complete).reduce((s, l) => s + l.cents, 0);
	return {
		PayPlanNum: plan.PayPlanNum,
		PatNum: plan.PatNum,
		Guarantor: plan.Guarantor,
		PayPlanDate: plan.PayPlanDate,
		APR: plan.APR,
		Note: plan.Note.replace(/\r?\n|\r/g, ' '),
		PlanNum: 0,
		CompletedAmt: dollars(completed),
		InsSubNum: 0,
		PaySchedule: plan.ChargeFrequency === 'OrdinalWeekday' ? 'Monthly' : plan.ChargeFrequency,
		// NumberOfPayments is not saved: it only sets PayAmt (PUT Dynamic docs, forum thread 8380).
		NumberOfPayments: 0,
		PayAmt: dollars(plan.PayAmtCents),
		DownPayment: dollars(plan.DownPaymentCents),
		IsClosed: bool(plan.IsClosed),
		PlanCategory: plan.PlanCategory,
		planCategory: def(state, plan.PlanCategory)?.ItemName ?? '',
		IsDynamic: 'true',
		ChargeFrequency: plan.ChargeFrequency,
		DatePayPlanStart: plan.DatePayPlanStart,
		IsLocked: bool(plan.IsLocked),
		DateInterestStart: plan.DateInterestStart,
		DynamicPayPlanTPOption: plan.DynamicPayPlanTPOption,
		principalAmount: dollars(principal),
		SheetDefNum: 0,
	};
}

export const payPlanRoutes: Array<Route<OpenDentalState>> = [
	gone('/payplans'),
	route('POST', '/payplans/Dynamic', (req, ctx) => {
		const { state } = ctx;
		const b = body(req);
		if (!given(b, 'PatNum')) throw bad('PatNum is required.');
		const pat = patient(state, integer(b, 'PatNum'));
		const payAmt = cents(b, 'PayAmt');
		const count = integer(b, 'NumberOfPayments');
		if (payAmt === undefined && count === undefined)
			throw bad('PayAmt or NumberOfPayments is required.');
		if (payAmt !== undefined && count !== undefined)
			throw bad('PayAmt cannot be supplied alongside NumberOfPayments.');
		if (payAmt !== undefined && payAmt <= 0) throw bad('PayAmt must be greater than 0.');
		if (count !== undefined && count <= 0) throw bad('NumberOfPayments must be greater than 0.');
		const procNums = numArray(b, 'procNums');
		const adjNums = numArray(b, 'adjNums');
		if (!procNums.length && !adjNums.length) throw bad('procNums and/or adjNums is required.');
		for (const n of procNums) {
			const p = state.procedures.find((x) => x.ProcNum === n);
			if (!p || p.PatNum !== pat.PatNum)
				throw bad(`Procedure ${n} is not associated with the patient.`);
			if (openLink(state, 'Procedure', n))
				throw bad(`Procedure ${n} is already attached to a payment plan.`);
		}
		for (const n of adjNums) {
			const a = state.adjustments.find((x) => x.AdjNum === n);
			if (!a || a.PatNum !== pat.PatNum)
				throw bad(`Adjustment ${n} is not associated with the patient.`);
			if (openLink(state, 'Adjustment', n))
				throw bad(`Adjustment ${n} is already attached to a payment plan.`);
		}
		const guarantor = given(b, 'Guarantor')
			? patient(state, integer(b, 'Guarantor'), 'Guarantor').PatNum
			: pat.PatNum;
		const payPlanDate = date(b, 'PayPlanDate') ?? today(ctx);
		const apr = number(b, 'APR') ?? 0;
		if (apr < 0 || apr > 100) throw bad('APR is invalid.');
		const isLocked = stringBool(b, 'IsLocked') ?? true;
		if (apr > 0 && !isLocked) throw bad('IsLocked must be "true" when APR is above 0.');
		const frequency = oneOf(b, 'ChargeFrequency', FREQUENCIES) ?? 'Monthly';
		const down = cents(b, 'DownPayment') ?? 0;
		if (down < 0) throw bad('DownPayment cannot be negative.');
		const category = integer(b, 'PlanCategory') ?? 0;
		if (category !== 0 && def(state, category)?.Category !== 47)
			throw bad('PlanCategory is invalid.');
		const plan: OdPayPlan = {
			PayPlanNum: ctx.nextId('openDental.PayPlanNum', 1001),
			PatNum: pat.PatNum,
			Guarantor: guarantor,
			PayPlanDate: payPlanDate,
			APR: apr,
			Note: '',
			PayAmtCents: 0,
			DownPaymentCents: down,
			IsClosed: false,
			PlanCategory: category,
			ChargeFrequency: frequency,
			DatePayPlanStart: date(b, 'DatePayPlanStart') ?? addMonths(payPlanDate, 1),
			IsLocked: isLocked,
			DateInterestStart: date(b, 'DateInterestStart') ?? EMPTY_DATE,
			DynamicPayPlanTPOption:
				oneOf(b, 'DynamicPayPlanTPOption', ['AwaitComplete', 'TreatAsComplete'] as const) ??
				'AwaitComplete',
			SecDateTEntry: dateTime(ctx.now()),
		};
		const links = [
			...procNums.map((FKey) => ({ LinkType: 'Procedure' as const, FKey })),
			...adjNums.map((FKey) => ({ LinkType: 'Adjustment' as const, FKey })),
		];
		const principal = links.reduce((s, l) => {
			const p = state.procedures.find((x) => l.LinkType === 'Procedure' && x.ProcNum === l.FKey);
			const a = state.adjustments.find((x) => l.LinkType === 'Adjustment' && x.AdjNum === l.FKey);
			return s + (p ? p.ProcFeeCents - p.InsEstCents : (a?.AdjAmtCents ?? 0));
		}, 0);
		// The plan's amount is the attached production; a down payment above it cannot be scheduled (modeled).
		if (principal <= 0)
			throw bad('The attached procedures and adjustments have no amount to finance.');
		if (down > principal)
			throw bad('DownPayment cannot exceed the total amount of the attached production.');
		plan.PayAmtCents = payAmt ?? payAmtFor(principal - down, count!, apr, frequency);
		if (apr > 0 && plan.PayAmtCents <= Math.round(((principal - down) * apr) / 100 / 12))
			throw bad('PayAmt does not cover the interest.');
		state.payPlans.push(plan);
		for (const l of links) {
			state.payPlanLinks.push({
				PayPlanLinkNum: ctx.nextId('openDental.PayPlanLinkNum', 2001),
				PayPlanNum: plan.PayPlanNum,
				...l,
				AmountOverrideCents: 0,
				SecDateTEntry: plan.SecDateTEntry,
			});
		}
		// "The terms of the payment plan are stored in this field by default. Additional note text is appended" (§2.1).
		plan.Note = termsNote(state, plan, today(ctx), text(b, 'Note') ?? '');
		return created(payPlanOut(ctx, plan), `/payplans/${plan.PayPlanNum}`);
	}),
	route('PUT', '/payplans/:PayPlanNum/Dynamic', (req, ctx) => {
		const { state } = ctx;
		const plan = payPlan(state, req.params.PayPlanNum);
		const b = body(req);
		if (plan.IsClosed) throw bad('The payment plan is closed.');
		const payAmt = cents(b, 'PayAmt');
		const count = integer(b, 'NumberOfPayments');
		if (payAmt !== undefined && count !== undefined)
			throw bad('PayAmt cannot be supplied alongside NumberOfPayments.');
		if ((payAmt !== undefined && payAmt <= 0) || (count !== undefined && count <= 0))
			throw bad('PayAmt and NumberOfPayments must be greater than 0.');
		const hasCharges = issuedCharges(state, plan, today(ctx)).length > 0;
		const hasPayments = state.payments.some((p) => p.PayPlanNum === plan.PayPlanNum);
		const next = { ...plan };
		if (given(b, 'Guarantor')) {
			const g = patient(state, integer(b, 'Guarantor'), 'Guarantor').PatNum;
			if (g !== plan.Guarantor && (hasCharges || hasPayments))
				throw bad(
					'Guarantor cannot be changed if this plan has existing charges or attached payments.',
				);
			next.Guarantor = g;
		}
		const payPlanDate = date(b, 'PayPlanDate');
		if (payPlanDate !== undefined) {
			// FutureTransDatesAllowed is off in the sandbox's office (modeled preference).
			if (payPlanDate > today(ctx)) throw bad('PayPlanDate cannot be a future date.');
			next.PayPlanDate = payPlanDate;
		}
		const start = date(b, 'DatePayPlanStart');
		if (start !== undefined && start !== plan.DatePayPlanStart) {
			if (hasCharges)
				throw bad('DatePayPlanStart cannot be changed if this plan has existing charges.');
			next.DatePayPlanStart = start;
		}
		const apr = number(b, 'APR');
		const locked = stringBool(b, 'IsLocked');
		if (locked !== undefined) next.IsLocked = locked;
		if (apr !== undefined) {
			if (apr < 0 || apr > 100) throw bad('APR is invalid.');
			// PayPlanRequireLockForAPR is on in the sandbox's office (modeled preference).
			if (apr > 0 && locked !== true)
				throw bad('IsLocked must be supplied as "true" alongside an APR above 0.');
			next.APR = apr;
		}
		if (next.APR > 0 && !next.IsLocked) throw bad('IsLocked must be "true" when APR is above 0.');
		const interestStart = date(b, 'DateInterestStart');
		if (interestStart !== undefined) {
			if (next.APR <= 0)
				throw bad('DateInterestStart is only allowed if this plan has an APR above 0.');
			next.DateInterestStart = interestStart;
		}
		next.ChargeFrequency = oneOf(b, 'ChargeFrequency', FREQUENCIES) ?? plan.ChargeFrequency;
		const category = integer(b, 'PlanCategory');
		if (category !== undefined) {
			if (category !== 0 && def(state, category)?.Category !== 47)
				throw bad('PlanCategory is invalid.');
			next.PlanCategory = category;
		}
		const principal = principalOf(state, plan.PayPlanNum);
		if (payAmt !== undefined) next.PayAmtCents = payAmt;
		if (count !== undefined)
			next.PayAmtCents = payAmtFor(
				principal - next.DownPaymentCents,
				count,
				next.APR,
				next.ChargeFrequency,
			);
		// "Note: Overwrites existing note." (§2.2): the terms are not written again.
		const note = text(b, 'Note');
		if (note !== undefined) next.Note = note.replace(/\r?\n|\r/g, ' ');
		Object.assign(plan, next);
		return ok(payPlanOut(ctx, plan));
	}),
	route('PUT', '/payplans/:PayPlanNum/Close', (req, ctx) => {
		const plan = payPlan(ctx.state, req.params.PayPlanNum);
		if (!plan.IsClosed) Object.assign(plan, { IsClosed: true, DateClosed: today(ctx) });
		return ok(payPlanOut(ctx, plan));
	}),
	route('GET', '/payplans', (req, ctx) => {
		const patNum = queryNum(req, 'PatNum');
		const guarantor = queryNum(req, 'Guarantor');
		if (patNum === undefined && guarantor === undefined)
			throw bad('PatNum or Guarantor is required.');
		if (patNum !== undefined) patient(ctx.state, patNum);
		if (guarantor !== undefined) patient(ctx.state, guarantor, 'Guarantor');
		const rows = ctx.state.payPlans.filter(
			(p) =>
				(patNum === undefined || p.PatNum === patNum) &&
				(guarantor === undefined || p.Guarantor === guarantor),
		);
		return ok(paged(req, rows).map((p) => payPlanOut(ctx, p)));
	}),
	route('GET', '/payplans/:PayPlanNum', (req, ctx) =>
		ok(payPlanOut(ctx, payPlan(ctx.state, req.params.PayPlanNum))),
	),
	route('GET', '/payplancharges', (req, ctx) => {
		const num = queryNum(req, 'PayPlanNum');
		if (num === undefined) throw bad('PayPlanNum is required.');
		const plan = payPlan(ctx.state, String(num));
		const pat = patient(ctx.state, plan.PatNum);
		const charges = issuedCharges(ctx.state, plan, today(ctx));
		return ok(
			paged(req, charges).map((c, i) => ({
				PayPlanChargeNum: plan.PayPlanNum * 1000 + i + 1,
				PayPlanNum: plan.PayPlanNum,
				Guarantor: plan.Guarantor,
				PatNum: plan.PatNum,
				ChargeDate: c.date,
				Principal: dollars(c.principalCents),
				Interest: dollars(c.interestCents),
				Note: c.isDownPayment ? 'Down Payment' : '',
				ProvNum: pat.PriProv,
				ClinicNum: pat.ClinicNum,
				ChargeType: 'Debit',
				ProcNum: c.linkType === 'Procedure' ? c.fKey : 0,
				SecDateTEntry: `${c.date} 00:00:00`,
				SecDateTEdit: `${c.date} 00:00:00`,
				StatementNum: 0,
				FKey: c.fKey,
				LinkType: c.linkType,
				IsOffset: 'false',
			})),
		);
	}),
];
