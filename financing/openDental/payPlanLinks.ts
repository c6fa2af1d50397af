import { z } from 'zod/v3';

import {
	centsField,
	checkShape,
	fail,
	ok,
	openDentalNumberField,
	problem,
	referenceTokenField,
	safeEcho,
	type Result,
	type WireRequest,
} from '../contract';
import { hasReferenceToken } from '../decision';
import { centsToDollars, formatMoney } from '../money';
import { checkProcedures, openDentalNumber, type OpenDentalPlanFacts } from './shared';

/**
 * The links of a payment plan (https://www.opendental.com/site/apipayplanlinks.html, 25.3.29+):
 * POST /payplanlinks adds a procedure to "Dynamic Payment Plans that are not locked or closed";
 * AmountOverride "cannot exceed amount remaining on the production" (0 is no override). And the
 * plan close (PUT /payplans/{PayPlanNum}/Close, apipayplans.html), for a plan this case created.
 */
export const openDentalPayPlanLinksShape = {
	payPlanNum: openDentalNumberField('PayPlanNum'),
	totalCents: centsField(1),
	links: z
		.array(
			z.object({ procNum: openDentalNumberField('ProcNum'), amountCents: centsField(1) }).strict(),
		)
		.min(1, 'needs at least one procedure'),
};

/** The plan and its links as Open Dental holds them, read before the links are written. */
export interface OpenDentalLinkFacts extends OpenDentalPlanFacts {
	plan: { payPlanNum: string; isDynamic: boolean; isLocked: boolean; isClosed: boolean };
	existingLinks: Array<{
		payPlanLinkNum: string;
		linkType: string;
		fKey: string;
		amountOverrideCents: number;
	}>;
}

export type OpenDentalLinkRequest =
	| WireRequest<{ PayPlanNum: number; LinkType: 'Procedure'; FKey: number; AmountOverride: number }>
	| WireRequest<{ AmountOverride: number }>;

/**
 * The requests that make the plan's links carry exactly the wanted parts: a PUT for a link that
 * differs, a POST for a missing one; nothing for a link already right (safe to repeat). A part
 * equal to its procedure's production needs no override. Changes go only on a dynamic plan that
 * is not locked or closed (apipayplanlinks.html).
 */
export function checkOpenDentalPayPlanLinks(
	input: unknown,
	facts: OpenDentalLinkFacts,
	prefix = '',
): Result<OpenDentalLinkRequest[]> {
	const checked = checkShape(
		input,
		openDentalPayPlanLinksShape,
		[
			{
				reads: ['links', 'totalCents'],
				check: (v, report) => {
					const sum = v.links.reduce((s, l) => s + l.amountCents, 0);
					if (sum !== v.totalCents)
						report(
							'links',
							'linksDoNotSumToTotal',
							`add up to ${formatMoney(sum)}, not the plan total ${formatMoney(v.totalCents)}`,
						);
					checkProcedures(report, 'links', v.links, facts);
				},
			},
			{
				reads: ['payPlanNum'],
				check: (v, report) => {
					if (facts.plan.payPlanNum !== v.payPlanNum)
						report(
							'payPlanNum',
							'planMismatch',
							`the plan read is ${safeEcho(facts.plan.payPlanNum)}, not ${safeEcho(v.payPlanNum)}`,
						);
				},
			},
		],
		prefix,
	);
	if (!checked.ok) return checked;
	const v = checked.value;
	const at = (field: string) => (prefix ? `${prefix}.${field}` : field);
	const requests: OpenDentalLinkRequest[] = [];
	const wanted = new Set(v.links.map((l) => l.procNum));
	for (const link of facts.existingLinks) {
		if (link.linkType !== 'Procedure' || !wanted.has(link.fKey))
			return fail(
				problem(
					prefix || 'links',
					'unexpectedLink',
					`the plan has a link this case did not ask for (${safeEcho(link.linkType)} ${safeEcho(link.fKey)}); review the plan in Open Dental`,
				),
			);
	}
	const production = new Map(facts.planProcedures.map((p) => [p.procNum, p.productionCents]));
	for (const l of v.links) {
		const existing = facts.existingLinks.find((e) => e.fKey === l.procNum);
		// A link carries its production when it has no override (0.0, "no override").
		const carries = existing
			? existing.amountOverrideCents > 0
				? existing.amountOverrideCents
				: production.get(l.procNum)
			: undefined;
		if (carries === l.amountCents) continue;
		const override = l.amountCents === production.get(l.procNum) ? 0 : l.amountCents;
		requests.push(
			existing
				? {
						method: 'PUT',
						path: `/payplanlinks/${encodeURIComponent(existing.payPlanLinkNum)}`,
						body: { AmountOverride: centsToDollars(override) },
					}
				: {
						method: 'POST',
						path: '/payplanlinks',
						body: {
							PayPlanNum: openDentalNumber(v.payPlanNum),
							LinkType: 'Procedure',
							FKey: openDentalNumber(l.procNum),
							AmountOverride: centsToDollars(override),
						},
					},
		);
	}
	const plan = facts.plan;
	if (requests.length > 0 && (!plan.isDynamic || plan.isClosed || plan.isLocked))
		return fail(
			problem(
				at('payPlanNum'),
				'planNotOpenForLinks',
				'links can be set only on a dynamic plan that is not locked or closed (Open Dental rule); this plan cannot be limited to the shortfall any more',
			),
		);
	return ok(requests);
}

export const openDentalPayPlanCloseShape = {
	payPlanNum: openDentalNumberField('PayPlanNum'),
	patNum: openDentalNumberField('PatNum'),
	referenceToken: referenceTokenField(),
};

/** The plan as Open Dental holds it (`GET /payplans/{PayPlanNum}`), read before closing. */
export interface OpenDentalCloseFacts {
	plan: { payPlanNum: string; patNum: string; note: string; isClosed: boolean };
}

/**
 * Closing a plan: only the plan this case created (its Note carries the case reference), of this
 * patient. Open Dental charges outstanding interest at once when it closes a plan.
 */
export function checkOpenDentalPayPlanClose(
	input: unknown,
	facts: OpenDentalCloseFacts,
	prefix = '',
): Result<{ request: WireRequest; alreadyClosed: boolean }> {
	const checked = checkShape(
		input,
		openDentalPayPlanCloseShape,
		[
			{
				reads: ['payPlanNum', 'patNum', 'referenceToken'],
				check: (v, report) => {
					const plan = facts.plan;
					if (plan.payPlanNum !== v.payPlanNum || plan.patNum !== v.patNum)
						report(
							'payPlanNum',
							'planMismatch',
							"is not this patient's plan as Open Dental answered it",
						);
					else if (!hasReferenceToken(plan.note, v.referenceToken))
						report(
							'payPlanNum',
							'notThisCasesPlan',
							`the plan's note does not carry ${v.referenceToken}; only the plan this case created is closed`,
						);
				},
			},
		],
		prefix,
	);
	if (!checked.ok) return checked;
	return ok({
		request: {
			method: 'PUT',
			path: `/payplans/${encodeURIComponent(checked.value.payPlanNum)}/Close`,
		},
		alreadyClosed: facts.plan.isClosed,
	});
}
