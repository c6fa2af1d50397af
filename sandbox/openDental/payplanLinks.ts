// Payment plan links (https://www.opendental.com/site/apipayplanlinks.html, Version 25.3.29;
// docs/opendental-sandbox.md): what a dynamic plan's amount is made of.
import type { Route } from '../core/types';
import { openLink, payPlan } from './lookups';
import { issuedCharges } from './payplans';
import { route } from './route';
import type { OdPayPlan, OpenDentalState } from './types';
import {
	bad,
	body,
	cents,
	created,
	dateTime,
	dollars,
	given,
	integer,
	notFound,
	ok,
	oneOf,
	paged,
	queryNum,
	today,
} from './wire';

const linkOut = (l: OpenDentalState['payPlanLinks'][number]) => ({
	PayPlanLinkNum: l.PayPlanLinkNum,
	PayPlanNum: l.PayPlanNum,
	LinkType: l.LinkType,
	FKey: l.FKey,
	AmountOverride: dollars(l.AmountOverrideCents),
	SecDateTEntry: l.SecDateTEntry,
});

/** "FK to payplan.PayPlanNum for Dynamic Payment Plans that are not locked or closed." */
function openForLinks(plan: OdPayPlan): void {
	if (plan.IsClosed) throw bad('The payment plan is closed.');
	if (plan.IsLocked) throw bad('Links can only be added to a payment plan that is not locked.');
}

/** "AmountOverride ... Cannot exceed amount remaining on the production." */
function checkOverride(
	state: OpenDentalState,
	linkType: 'Procedure' | 'Adjustment',
	fKey: number,
	amountOverride: number,
): void {
	if (amountOverride < 0) throw bad('AmountOverride cannot be negative.');
	const proc = linkType === 'Procedure' ? state.procedures.find((p) => p.ProcNum === fKey) : null;
	const adj = linkType === 'Adjustment' ? state.adjustments.find((a) => a.AdjNum === fKey) : null;
	const remaining = proc ? proc.ProcFeeCents - proc.InsEstCents : (adj?.AdjAmtCents ?? 0);
	if (amountOverride > remaining)
		throw bad('AmountOverride cannot exceed the amount remaining on the production.');
}

export const payPlanLinkRoutes: Array<Route<OpenDentalState>> = [
	// "Gets a list of all payplanlinks. Can optionally filter by PayPlanNum."
	route('GET', '/payplanlinks', (req, { state }) => {
		const num = queryNum(req, 'PayPlanNum');
		if (num !== undefined) payPlan(state, String(num));
		return ok(
			paged(
				req,
				state.payPlanLinks.filter((l) => num === undefined || l.PayPlanNum === num),
			).map(linkOut),
		);
	}),
	route('POST', '/payplanlinks', (req, ctx) => {
		const { state } = ctx;
		const b = body(req);
		if (!given(b, 'PayPlanNum') || !given(b, 'LinkType') || !given(b, 'FKey'))
			throw bad('PayPlanNum, LinkType and FKey are required.');
		const plan = payPlan(state, String(integer(b, 'PayPlanNum')));
		openForLinks(plan);
		const linkType = oneOf(b, 'LinkType', ['Procedure', 'Adjustment'] as const)!;
		const fKey = integer(b, 'FKey')!;
		const owner =
			linkType === 'Procedure'
				? state.procedures.find((p) => p.ProcNum === fKey)?.PatNum
				: state.adjustments.find((a) => a.AdjNum === fKey)?.PatNum;
		if (owner !== plan.PatNum)
			throw bad(`${linkType} ${fKey} is not associated with the patient of the payment plan.`);
		if (openLink(state, linkType, fKey))
			throw bad(`${linkType} ${fKey} is already attached to a payment plan.`);
		const amountOverride = cents(b, 'AmountOverride') ?? 0;
		checkOverride(state, linkType, fKey, amountOverride);
		const link = {
			PayPlanLinkNum: ctx.nextId('openDental.PayPlanLinkNum', 2001),
			PayPlanNum: plan.PayPlanNum,
			LinkType: linkType,
			FKey: fKey,
			AmountOverrideCents: amountOverride,
			SecDateTEntry: dateTime(ctx.now()),
		};
		state.payPlanLinks.push(link);
		return created(linkOut(link), `/payplanlinks/${link.PayPlanLinkNum}`);
	}),
	route('PUT', '/payplanlinks/:PayPlanLinkNum', (req, ctx) => {
		const link = ctx.state.payPlanLinks.find(
			(l) => l.PayPlanLinkNum === Number(req.params.PayPlanLinkNum),
		);
		if (!link) throw notFound('PayPlanLink not found.');
		const b = body(req);
		const amountOverride = cents(b, 'AmountOverride');
		if (amountOverride === undefined) throw bad('AmountOverride is required.');
		const plan = payPlan(ctx.state, String(link.PayPlanNum));
		// The same plans as POST: a link changes only on a plan that is not locked or closed.
		openForLinks(plan);
		checkOverride(ctx.state, link.LinkType, link.FKey, amountOverride);
		if (issuedCharges(ctx.state, plan, today(ctx)).length > 0)
			throw bad('AmountOverride cannot be changed once the plan has charges.');
		link.AmountOverrideCents = amountOverride;
		return ok(linkOut(link));
	}),
];
