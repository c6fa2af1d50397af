import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	hasReferenceToken,
	todayIn,
	validateForOpenDental,
	type OpenDentalDynamicPayPlanBody,
	type OpenDentalPayPlanLink,
} from '../../../../financing';
import { cents, toPayPlan } from '../../shapes';
import { openDentalList, openDentalRequest, type OpenDentalRequest } from '../../transport';
import { testModeField } from '../fields';
import { openDentalSettingsField, readSettings } from '../settings';
import type { OpenDentalOperation } from '../types';
import { findInList, idempotentWrite, wouldWrite } from '../write';
import { objectParameter, problemsError } from '../../../shared/parameters';

interface Difference {
	field: string;
	expected: unknown;
	actual: unknown;
}

/**
 * Sets each link's AmountOverride to the procedure's share of the plan (payplanlinks, Open Dental
 * 25.3.29+): Open Dental makes a plan's amount its attached production, so a plan for part of the
 * patient portion is limited there (docs/opendental.md, "Shortfall plans"). Safe to repeat: it
 * only sends what differs, so a run resumed after a fault finishes the job.
 */
async function limitToShortfall(
	ctx: IExecuteFunctions,
	i: number,
	payPlanNum: number,
	wanted: OpenDentalPayPlanLink[],
): Promise<{ changed: number; differences: Difference[] }> {
	const links = await openDentalList(
		ctx,
		'/payplanlinks',
		{ PayPlanNum: payPlanNum },
		{
			itemIndex: i,
		},
	);
	const differences: Difference[] = [];
	let changed = 0;
	for (const w of wanted) {
		const link = links.find((l) => l.LinkType === 'Procedure' && Number(l.FKey) === w.ProcNum);
		if (!link) {
			differences.push({ field: `link.${w.ProcNum}`, expected: w.AmountOverride, actual: null });
			continue;
		}
		if (cents(link.AmountOverride) === cents(w.AmountOverride)) continue;
		await openDentalRequest(
			ctx,
			{
				method: 'PUT',
				path: `/payplanlinks/${String(link.PayPlanLinkNum)}`,
				body: { AmountOverride: w.AmountOverride },
			},
			{ itemIndex: i },
		);
		changed++;
	}
	return { changed, differences };
}

/** The plan as Open Dental holds it, field by field against what was built. */
function compare(
	body: OpenDentalDynamicPayPlanBody,
	ourPayAmtCents: number,
	totalCents: number,
	token: string,
	plan: IDataObject,
): Difference[] {
	const expected: Array<[string, unknown, unknown]> = [
		['PatNum', body.PatNum, Number(plan.PatNum)],
		['Guarantor', body.Guarantor, Number(plan.Guarantor)],
		['PayPlanDate', body.PayPlanDate, plan.PayPlanDate],
		['APR', body.APR, Number(plan.APR)],
		['DownPayment', Math.round(body.DownPayment * 100), cents(plan.DownPayment)],
		['ChargeFrequency', body.ChargeFrequency, plan.ChargeFrequency],
		['DatePayPlanStart', body.DatePayPlanStart, plan.DatePayPlanStart],
		['IsLocked', body.IsLocked, String(plan.IsLocked)],
		['DynamicPayPlanTPOption', body.DynamicPayPlanTPOption, plan.DynamicPayPlanTPOption],
		['PlanCategory', body.PlanCategory, Number(plan.PlanCategory)],
		['IsClosed', 'false', String(plan.IsClosed)],
		['principalAmount', totalCents, cents(plan.principalAmount)],
		['PayAmt', ourPayAmtCents, cents(plan.PayAmt)],
		['Note', token, hasReferenceToken(plan.Note, token) ? token : plan.Note],
	];
	return expected
		.filter(([, e, a]) => e !== a)
		.map(([field, e, a]) => ({ field, expected: e, actual: a }));
}

export const createPaymentPlan: OpenDentalOperation = {
	resource: 'paymentPlan',
	value: 'create',
	name: 'Create',
	action: 'Create a payment plan',
	description:
		'Write the in-house plan of a financed case as a dynamic payment plan, once: validated again, read back and checked',
	properties: [
		{
			displayName: 'Arrangement',
			name: 'arrangement',
			type: 'json',
			default: '={{ $json.arrangement ?? $json }}',
			required: true,
			description: 'The arrangement the Payment Arrangement node built (Build or Validate output)',
		},
		openDentalSettingsField(['sendTermAs', 'planCategory', 'dynamicPayPlanTPOption']),
		testModeField,
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const arrangement = objectParameter(ctx, i, 'arrangement', 'Arrangement');
		const settings = readSettings(ctx, i);
		const today = { today: todayIn(ctx.getTimezone(), new Date()) };
		const checked = validateForOpenDental(arrangement, today, settings);
		if (!checked.ok)
			throw problemsError(ctx, i, 'The payment plan was not written', checked.problems);
		const body = checked.value.payPlan?.create.body ?? null;
		const payPlanLinks = checked.value.payPlan?.links ?? [];
		const token = String(arrangement.referenceToken);
		if (!body) {
			// Fully financed: Open Dental plans always bill, so the commlog is the record (domain.md §7).
			return {
				created: false,
				outcome: 'nothingToWrite',
				referenceToken: token,
				paymentPlan: null,
				arrangement,
			};
		}
		const shortfall = arrangement.shortfallPlan as IDataObject;
		const totalCents = Number(shortfall.totalCents);
		const ourPayAmtCents = Number(shortfall.paymentAmountCents);
		const request: OpenDentalRequest = {
			method: 'POST',
			path: '/payplans/Dynamic',
			body: body as unknown as IDataObject,
		};
		const find = () =>
			findInList(
				ctx,
				i,
				'/payplans',
				{ PatNum: body.PatNum },
				(p) => p.IsClosed !== 'true' && hasReferenceToken(p.Note, token),
			);
		const result = await idempotentWrite(ctx, i, {
			request,
			find,
			testMode: ctx.getNodeParameter('testMode', i, false) as boolean,
		});
		const base = {
			created: result.created,
			outcome: result.outcome,
			referenceToken: token,
			patientId: String(body.PatNum),
			guarantorId: String(body.Guarantor),
		};
		if (result.outcome === 'testMode') {
			return {
				...base,
				wouldWrite: [
					wouldWrite(request),
					...payPlanLinks.map((l) => ({
						method: 'PUT',
						path: '/payplanlinks/{PayPlanLinkNum}',
						procNum: l.ProcNum,
						body: { AmountOverride: l.AmountOverride },
					})),
				],
				arrangement,
			};
		}
		const payPlanNum = Number(result.record?.PayPlanNum);
		const links = await limitToShortfall(ctx, i, payPlanNum, payPlanLinks);
		if (links.changed > 0 && body.NumberOfPayments !== undefined) {
			// Open Dental worked PayAmt out on the full production: again, on the plan's own amount.
			await openDentalRequest(
				ctx,
				{
					method: 'PUT',
					path: `/payplans/${payPlanNum}/Dynamic`,
					body: { NumberOfPayments: body.NumberOfPayments },
				},
				{ itemIndex: i },
			);
		}
		const plans = await openDentalList(
			ctx,
			'/payplans',
			{ PatNum: body.PatNum },
			{
				itemIndex: i,
			},
		);
		const stored = plans.find((p) => Number(p.PayPlanNum) === payPlanNum) ?? {};
		const differences = [
			...links.differences,
			...compare(body, ourPayAmtCents, totalCents, token, stored),
		];
		return {
			...base,
			paymentPlan: toPayPlan(stored),
			readBack: {
				matches: differences.length === 0,
				payAmtMatches: cents(stored.PayAmt) === ourPayAmtCents,
				differences,
			},
			needsReview: differences.length > 0,
			arrangement,
		};
	},
};
