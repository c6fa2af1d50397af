import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	fail,
	hasReferenceToken,
	ok,
	problem,
	validateForOpenDental,
	type OpenDentalPayPlanRequests,
	type OpenDentalPlanFacts,
	type Result,
} from '../../../../financing';
import { objectParameter, problemsError } from '../../../shared/parameters';
import { wouldWrite, write, writeContext } from '../../../shared/write';
import { toPayPlan } from '../../shapes';
import { openDentalList, writeOnce } from '../../transport';
import { arrangementFor, planFacts } from '../facts';
import { testModeField } from '../fields';
import { openDentalSettingsField, readSettings } from '../settings';
import type { OpenDentalOperation } from '../types';
import { closeAndRecord, differences, limitToShortfall, type Built } from './limit';

const NOT_WRITTEN = 'The payment plan was not written';

/**
 * The shortfall plan, in an order Open Dental accepts and that leaves nothing billing what it
 * should not (docs/opendental.md, "Shortfall plans"): every fact read and the whole case checked
 * first; the plan found by its reference or created unlocked on the fewest procedures that cover
 * the shortfall; its one link limited by an AmountOverride; read back. A plan that cannot be
 * finished is closed, recorded in a commlog and sent to review with its number.
 */
export const createPaymentPlan: OpenDentalOperation = {
	resource: 'paymentPlan',
	value: 'create',
	name: 'Create',
	action: 'Create a payment plan',
	description:
		'Write the in-house plan of a financed case as a dynamic payment plan limited to the shortfall, once: checked first, read back',
	properties: [
		{
			displayName: 'Arrangement',
			name: 'arrangement',
			type: 'json',
			default: '={{ $json.arrangement ?? $json }}',
			required: true,
			description: 'The arrangement the Payment Arrangement node built (Build or Validate output)',
		},
		openDentalSettingsField(['planCategory', 'dynamicPayPlanTPOption', 'commType']),
		testModeField,
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const arrangement = objectParameter(ctx, i, 'arrangement', 'Arrangement');
		const settings = readSettings(ctx, i);
		const context = writeContext(ctx);
		const view = arrangementFor(arrangement, context, settings);
		if (!view.ok) throw problemsError(ctx, i, NOT_WRITTEN, view.problems);
		const token = view.value.referenceToken;
		if (!view.value.shortfallPlan) {
			// Fully financed: Open Dental plans always bill, so the commlog is the record (§7).
			return {
				created: false,
				outcome: 'nothingToWrite',
				referenceToken: token,
				paymentPlan: null,
				arrangement,
			};
		}
		const treatPlanNum = ((arrangement.treatmentPlan ?? {}) as IDataObject).treatmentPlanId;
		let facts: OpenDentalPlanFacts | undefined;
		const result = await write<OpenDentalPayPlanRequests, IDataObject>(ctx, i, {
			notWritten: NOT_WRITTEN,
			check: async (): Promise<Result<OpenDentalPayPlanRequests>> => {
				if (typeof treatPlanNum !== 'string' || !/^[1-9]\d*$/.test(treatPlanNum))
					return fail(
						problem(
							'treatmentPlan.treatmentPlanId',
							'required',
							"is needed (the TreatPlanNum) to read the plan's procedures from Open Dental",
						),
					);
				const read = await planFacts(ctx, i, view.value, treatPlanNum);
				if (!read.ok) return read;
				facts = read.value;
				const checked = validateForOpenDental(arrangement, context, settings, facts);
				return checked.ok ? ok(checked.value.payPlan!) : checked;
			},
			find: async (plan) => {
				// Open or closed: a closed plan of this case means a run closed it (see below).
				const plans = await openDentalList(
					ctx,
					'/payplans',
					{ PatNum: plan.create.body!.PatNum },
					{ itemIndex: i },
				);
				return plans.find((p) => hasReferenceToken(p.Note, token)) ?? null;
			},
			testMode: ctx.getNodeParameter('testMode', i, false) as boolean,
			send: (plan, find) => writeOnce(ctx, plan.create, find, { itemIndex: i }),
		});
		const base = {
			created: result.created,
			outcome: result.outcome,
			referenceToken: token,
			patientId: String(result.request.create.body!.PatNum),
			guarantorId: String(result.request.create.body!.Guarantor),
		};
		if (result.outcome === 'testMode') {
			return {
				...base,
				wouldWrite: [
					wouldWrite(result.request.create),
					...result.request.links.map((l) => ({
						method: 'PUT',
						path: '/payplanlinks/{PayPlanLinkNum}',
						procNum: l.ProcNum,
						body: { AmountOverride: l.AmountOverride },
					})),
				],
				arrangement,
			};
		}
		const record = result.record!;
		if (result.outcome === 'writtenConcurrently')
			// Another execution created it this moment and finishes it.
			return { ...base, paymentPlan: toPayPlan(record), arrangement };
		if (record.IsClosed === 'true' || record.IsClosed === true)
			throw closedPlanError(ctx, i, record);
		const built: Built = {
			plan: result.request,
			facts: facts!,
			token,
			commType: settings.commType ?? 'Financial',
			timeZone: ctx.getTimezone(),
			today: context.today,
		};
		let stored = record;
		// A plan just created must be as built; a plan found (an earlier run's) is finished only when
		// it is not yet limited to the shortfall: what a person changed on it since is left alone.
		const unfinished =
			result.outcome === 'created'
				? differences(record, built).length > 0
				: differences(record, built).some((d) => d.field === 'paymentPlan.principalAmount');
		if (unfinished) {
			try {
				stored = await limitToShortfall(ctx, i, record, built);
			} catch (failure) {
				return await closeAndRecord(ctx, i, record, built, failure);
			}
		}
		return { ...base, paymentPlan: toPayPlan(stored), arrangement };
	},
};

/** A plan of this case that is closed: an earlier run closed it, or a person did. Never redone. */
function closedPlanError(ctx: IExecuteFunctions, i: number, record: IDataObject) {
	const payPlanNum = String(record.PayPlanNum);
	const error = problemsError(ctx, i, NOT_WRITTEN, [
		problem(
			'paymentPlan',
			'planClosed',
			`payment plan ${payPlanNum} of this case is closed in Open Dental (an earlier run could not finish it, or a person closed it); nothing is written again`,
		),
	]);
	error.context.details = {
		payPlanId: payPlanNum,
		planClosed: true,
		whatExists: `Payment plan ${payPlanNum} of this case exists and is closed; it bills nothing.`,
	};
	return error;
}
