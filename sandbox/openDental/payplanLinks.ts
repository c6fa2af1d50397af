// Payment plan links (modeled: the docs list PayPlanLinks only in the permissions table;
// docs/opendental-sandbox.md): what a dynamic plan's amount is made of.
import type { Route } from '../core/types';
import { openLink, payPlan } from './lookups';
import { issuedCharges } from './payplans';
import { route } from './route';
import type { OpenDentalState } from './types';
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

export const payPlanLinkRoutes: Array<Route<OpenDentalState>> = [
	route('GET', '/payplanlinks', (req, { state }) => {
		const num = queryNum(req, 'PayPlanNum');
		if (num === undefined) throw bad('PayPlanNum is required.');
		payPlan(state, String(num));
		return ok(
			paged(
				req,
				state.payPlanLinks.filter((l) => l.PayPlanNum === num),
			).map(linkOut),
		);
	}),
	route('POST', '/payplanlinks', (req, ctx) => {
		const { state } = ctx;
		const b = body(req);
		if (!given(b, 'PayPlanNum') || !given(b, 'LinkType') || !given(b, 'FKey'))
			throw bad('PayPlanNum, LinkType and FKey are required.');
		const plan = payPlan(state, String(integer(b, 'PayPlanNum')));
		if (plan.IsClosed) throw bad('The payment plan is closed.');
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
		if (amountOverride < 0) throw bad('AmountOverride cannot be negative.');
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
		if (amountOverride < 0) throw bad('AmountOverride cannot be negative.');
		const plan = payPlan(ctx.state, String(link.PayPlanNum));
		if (issuedCharges(ctx.state, plan, today(ctx)).length > 0)
			throw bad('AmountOverride cannot be changed once the plan has charges.');
		link.AmountOverrideCents = amountOverride;
		return ok(linkOut(link));
	}),
];
