import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	checkOpenDentalPayPlanClose,
	checkShape,
	fail,
	ok,
	problem,
	openDentalPayPlanCloseShape,
	openDentalPayPlanFromResponse,
	typedText,
	type WireRequest,
} from '../../../../financing';
import { wouldWrite, write } from '../../../shared/write';
import { toPayPlan } from '../../shapes';
import { openDentalRequest } from '../../transport';
import { caseReferenceField, patNumField, testModeField } from '../fields';
import type { OpenDentalOperation } from '../types';
import { payPlanNumField } from './get.operation';

/**
 * PayPlans PUT Close (docs/opendental-api-notes.md §2.3), only for a plan this package wrote for
 * the case (its note carries the case reference) of this patient. Closing charges any outstanding
 * interest at once; with APR 0 there is none. Closing a closed plan writes nothing.
 */
export const closePaymentPlan: OpenDentalOperation = {
	resource: 'paymentPlan',
	value: 'close',
	name: 'Close',
	action: 'Close a payment plan',
	description:
		"Close a payment plan written for a case (its note carries the case reference): Open Dental charges any outstanding interest to the patient's account at once",
	properties: [
		payPlanNumField,
		{ ...patNumField, description: "The plan's patient in Open Dental" },
		{ ...caseReferenceField, description: "The case reference the plan's note carries" },
		testModeField,
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const input = {
			payPlanNum: typedText(ctx.getNodeParameter('payPlanNum', i, '')),
			patNum: typedText(ctx.getNodeParameter('patNum', i, '')),
			referenceToken: typedText(ctx.getNodeParameter('caseReference', i, '')),
		};
		let plan: IDataObject = {};
		const result = await write<WireRequest, IDataObject>(ctx, i, {
			notWritten: 'The payment plan was not closed',
			check: async () => {
				// The ids first, so nothing is read with a malformed one.
				const ids = checkShape(input, openDentalPayPlanCloseShape, [], '');
				if (!ids.ok) return ids;
				const found = await openDentalRequest<IDataObject | null>(
					ctx,
					{ method: 'GET', path: `/payplans/${ids.value.payPlanNum}` },
					{ itemIndex: i, absent: true },
				);
				if (!found)
					return fail(
						problem(
							'payPlanNum',
							'planNotFound',
							'Open Dental has no payment plan with this number',
						),
					);
				plan = found;
				const read = openDentalPayPlanFromResponse(plan);
				const checked = checkOpenDentalPayPlanClose(input, {
					plan: {
						payPlanNum: String(plan.PayPlanNum ?? ''),
						patNum: String(plan.PatNum ?? ''),
						note: String(plan.Note ?? ''),
						isClosed: read.ok && read.value.isClosed === true,
					},
				});
				return checked.ok ? ok(checked.value.request) : checked;
			},
			// A closed plan is already what this write makes.
			find: async () => (plan.IsClosed === 'true' || plan.IsClosed === true ? plan : null),
			testMode: ctx.getNodeParameter('testMode', i, false) as boolean,
			// Closing twice changes nothing, so a close is sent again like a read.
			send: async (request) => ({
				record: await openDentalRequest<IDataObject>(
					ctx,
					{ method: request.method, path: request.path },
					{ itemIndex: i },
				),
				created: true,
			}),
		});
		return {
			created: result.created,
			outcome: result.outcome,
			...(result.outcome === 'testMode'
				? { wouldWrite: wouldWrite(result.request) }
				: toPayPlan(result.record ?? {})),
		};
	},
};
