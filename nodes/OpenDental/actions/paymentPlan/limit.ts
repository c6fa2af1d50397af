import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
} from 'n8n-workflow';

import {
	centsFromWireOrNull,
	checkOpenDentalCommlog,
	checkOpenDentalPayPlanClose,
	checkOpenDentalPayPlanLinks,
	formatMoney,
	hasReferenceToken,
	localDateTimeIn,
	openDentalLinkFromResponse,
	openDentalPayPlanFromResponse,
	problem,
	type OpenDentalPayPlanRequests,
	type OpenDentalPlanFacts,
	type Problem,
} from '../../../../financing';
import { problemsError } from '../../../shared/parameters';
import { findInList, openDentalList, openDentalRequest, writeOnce } from '../../transport';

/**
 * After the plan's POST (docs/opendental.md, "Shortfall plans"): limit its link to the shortfall
 * (`PUT /payplanlinks/{n}`, only while the plan is unlocked and open), then read it back. If any
 * step fails, the plan is closed (`PUT /payplans/{n}/Close`: with APR 0 nothing is charged), a
 * commlog says what exists, and the item fails with the plan's number for review.
 */
export interface Built {
	plan: OpenDentalPayPlanRequests;
	facts: OpenDentalPlanFacts;
	token: string;
	commType: string;
	/** The workflow's time zone and today in it (the commlog's date). */
	timeZone: string;
	today: string;
}

/** How the plan Open Dental holds differs from the one built (empty: it reads as built). */
export function differences(record: IDataObject, built: Built): Problem[] {
	const body = built.plan.create.body!;
	const read = openDentalPayPlanFromResponse(record);
	const r = read.ok ? read.value : null;
	const expected: Array<[string, unknown, unknown]> = [
		['PatNum', String(body.PatNum), r?.patNum],
		['Guarantor', String(body.Guarantor), r?.guarantor],
		['PayPlanDate', body.PayPlanDate, r?.payPlanDate],
		['DatePayPlanStart', body.DatePayPlanStart, r?.firstPaymentDate],
		['APR', body.APR, r?.aprPercent],
		['DownPayment', centsFromWireOrNull(body.DownPayment), r?.downPaymentCents],
		['PayAmt', centsFromWireOrNull(body.PayAmt), r?.payAmtCents],
		['principalAmount', built.plan.totalCents, r?.totalCents],
		['IsClosed', false, r?.isClosed],
		['ChargeFrequency', body.ChargeFrequency, record.ChargeFrequency],
		['DynamicPayPlanTPOption', body.DynamicPayPlanTPOption, record.DynamicPayPlanTPOption],
		['Note', true, hasReferenceToken(record.Note, built.token)],
	];
	return expected
		.filter(([, e, a]) => e !== a)
		.map(([field, e, a]) =>
			problem(
				`paymentPlan.${field}`,
				'readBackMismatch',
				field === 'Note'
					? `does not carry ${built.token}`
					: `Open Dental holds ${JSON.stringify(a ?? null)}, automation built ${JSON.stringify(e)}`,
			),
		);
}

/** Sets the plan's links to their parts (at most one AmountOverride), then reads the plan back. */
export async function limitToShortfall(
	ctx: IExecuteFunctions,
	i: number,
	record: IDataObject,
	built: Built,
): Promise<IDataObject> {
	const payPlanNum = String(record.PayPlanNum);
	const links = await openDentalList(
		ctx,
		'/payplanlinks',
		{ PayPlanNum: payPlanNum },
		{ itemIndex: i },
	);
	const plan = openDentalPayPlanFromResponse(record);
	const requests = checkOpenDentalPayPlanLinks(
		{ payPlanNum, totalCents: built.plan.totalCents, links: built.plan.parts },
		{
			...built.facts,
			plan: {
				payPlanNum,
				isDynamic: plan.ok && plan.value.isDynamic !== false,
				isLocked: plan.ok && plan.value.isLocked === true,
				isClosed: plan.ok && plan.value.isClosed === true,
			},
			existingLinks: links.map((l) => {
				const link = openDentalLinkFromResponse(l);
				return {
					payPlanLinkNum: String(l.PayPlanLinkNum),
					linkType: String(l.LinkType),
					fKey: String(l.FKey),
					amountOverrideCents: link.ok ? (link.value.amountOverrideCents ?? 0) : 0,
				};
			}),
		},
		'paymentPlan.links',
	);
	if (!requests.ok)
		throw problemsError(ctx, i, 'The payment plan could not be limited', requests.problems);
	for (const request of requests.value) {
		const sent = { method: request.method, path: request.path, body: request.body as IDataObject };
		if (request.method === 'PUT') await openDentalRequest(ctx, sent, { itemIndex: i });
		else
			await writeOnce(
				ctx,
				sent,
				() =>
					findInList(
						ctx,
						i,
						'/payplanlinks',
						{ PayPlanNum: payPlanNum },
						(l) => String(l.FKey) === String((request.body as IDataObject).FKey),
					),
				{ itemIndex: i },
			);
	}
	const stored = await openDentalRequest<IDataObject>(
		ctx,
		{ method: 'GET', path: `/payplans/${payPlanNum}` },
		{ itemIndex: i },
	);
	const differ = differences(stored, built);
	if (differ.length > 0)
		throw problemsError(ctx, i, 'The payment plan does not read back as built', differ);
	return stored;
}

/** What a failed step was, in a few words that never quote Open Dental's text. */
function reasonOf(error: unknown): string {
	if (error instanceof NodeApiError)
		return error.httpCode
			? `Open Dental answered ${error.httpCode}`
			: 'Open Dental could not be reached';
	// Our own problems (a link that cannot be set, a plan that does not read back as built).
	const problems = (error as { context?: { problems?: Problem[] } }).context?.problems ?? [];
	return problems.length > 0 ? problems.map((p) => p.message).join('; ') : 'an unexpected error';
}

/**
 * The plan exists but is not what was built: close it so it bills nothing, record that in a
 * commlog, and fail the item with the plan's number (review). Each step is tried on its own.
 */
export async function closeAndRecord(
	ctx: IExecuteFunctions,
	i: number,
	record: IDataObject,
	built: Built,
	failure: unknown,
): Promise<never> {
	const payPlanNum = String(record.PayPlanNum);
	const patNum = String(built.plan.create.body!.PatNum);
	const total = formatMoney(built.plan.totalCents);
	let closed = false;
	const close = checkOpenDentalPayPlanClose(
		{ payPlanNum, patNum, referenceToken: built.token },
		{
			plan: {
				payPlanNum,
				patNum: String(record.PatNum),
				note: String(record.Note ?? ''),
				isClosed: record.IsClosed === 'true',
			},
		},
	);
	if (close.ok) {
		try {
			await openDentalRequest(
				ctx,
				{ method: close.value.request.method, path: close.value.request.path },
				{ itemIndex: i },
			);
			closed = true;
		} catch {
			// Said below: the plan could not be closed.
		}
	}
	const reason = reasonOf(failure);
	const whatExists = closed
		? `Payment plan ${payPlanNum} was created for this case but could not be limited to the ${total} shortfall (${reason}); it was closed, so it bills nothing.`
		: `Payment plan ${payPlanNum} was created for this case but could not be limited to the ${total} shortfall (${reason}), and it could not be closed: close it in Open Dental, it may bill more than the shortfall.`;
	const token = built.token.replace(/\]$/, '.planClosed]');
	let commlogId: string | null = null;
	const note = checkOpenDentalCommlog(
		{
			patNum,
			referenceToken: token,
			note: `${whatExists} Written by automation; the case is held for review. ${token}`,
			commDateTime: localDateTimeIn(built.timeZone, new Date()),
			commType: built.commType,
			mode: 'None',
			sentOrReceived: 'Neither',
		},
		{ today: built.today },
	);
	if (note.ok) {
		try {
			const written = await writeOnce<IDataObject>(
				ctx,
				note.value.request,
				() =>
					findInList(ctx, i, '/commlogs', { PatNum: patNum }, (c) =>
						hasReferenceToken(c.Note, token),
					),
				{ itemIndex: i },
			);
			commlogId = String(written.record.CommlogNum ?? '') || null;
		} catch {
			// Said below: no commlog records it.
		}
	}
	const error = new NodeOperationError(
		ctx.getNode(),
		`The payment plan was not completed: ${whatExists}`,
		{
			itemIndex: i,
			description: `${commlogId ? `Commlog ${commlogId} records this on the patient's account.` : 'No commlog could be written to record this.'} Check the plan in Open Dental, then finish the case by hand.`,
		},
	);
	error.context.problems = (failure as { context?: { problems?: Problem[] } }).context
		?.problems ?? [problem('paymentPlan', 'notCompleted', reason)];
	error.context.details = { payPlanId: payPlanNum, planClosed: closed, commlogId, whatExists };
	throw error;
}
