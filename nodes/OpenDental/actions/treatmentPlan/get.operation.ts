import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import {
	describeOffer,
	estimatePatientPortion,
	financingOffer,
	centsFromWireOrNull,
	formatMoney,
	problem,
} from '../../../../financing';
import { planCatalogFor, planCatalogProperty } from '../../../CareCredit/actions/fields';
import { fullName } from '../../shapes';
import { paced } from '../../pacing';
import { openDentalList, openDentalRequest } from '../../transport';
import { numberParameter, patientLocator } from '../fields';
import type { OpenDentalOperation } from '../types';
import { CASES_AT_ONCE } from '../../../shared/financedCase';
import { problemsError } from '../../../shared/parameters';

const sum = (values: Array<number | null>) => values.reduce<number>((s, v) => s + (v ?? 0), 0);
const tooth = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

/**
 * A Saved plan's proctps are frozen copies that carry the patient amount (docs/opendental-api-notes.md
 * §2.14); the procedure id is the original ProcNum, which the payment plan attaches to.
 */
async function savedProcedures(ctx: IExecuteFunctions, i: number, treatPlanNum: number) {
	// Shared in the execution: Financed Case: Write checks the same procedures before it writes.
	const rows = await openDentalList(
		ctx,
		'/proctps',
		{ TreatPlanNum: treatPlanNum },
		{ itemIndex: i, shareInRun: true },
	);
	return rows
		.sort((a, b) => Number(a.ItemOrder) - Number(b.ItemOrder))
		.map((p) => ({
			procedureId: String(p.ProcNumOrig),
			cdtCode: p.ProcCode,
			description: p.Descript,
			tooth: tooth(p.ToothNumTP),
			surface: p.Surf,
			feeCents: centsFromWireOrNull(p.FeeAmt),
			insuranceEstimateCents: sum([
				centsFromWireOrNull(p.PriInsAmt),
				centsFromWireOrNull(p.SecInsAmt),
			]),
			// Open Dental's own estimate when the plan was saved: FeeAmt − PriInsAmt − SecInsAmt − Discount = PatAmt.
			primaryInsuranceCents: centsFromWireOrNull(p.PriInsAmt),
			secondaryInsuranceCents: centsFromWireOrNull(p.SecInsAmt),
			discountCents: centsFromWireOrNull(p.Discount),
			patientPortionCents: centsFromWireOrNull(p.PatAmt),
		}));
}

/**
 * An Active or Inactive plan points at live procedures (treatplanattaches, §2.13); procedurelogs
 * carry the fee but no patient amount (§2.15): the fee stands in, and the output says so.
 */
async function activeProcedures(
	ctx: IExecuteFunctions,
	i: number,
	treatPlanNum: number,
	patNum: number,
) {
	const shared = { itemIndex: i, shareInRun: true };
	const attaches = await openDentalList(
		ctx,
		'/treatplanattaches',
		{ TreatPlanNum: treatPlanNum },
		shared,
	);
	const logs = await openDentalList(ctx, '/procedurelogs', { PatNum: patNum }, shared);
	return attaches.map((a) => {
		const p = logs.find((l) => l.ProcNum === a.ProcNum) ?? {};
		const fee = centsFromWireOrNull(p.ProcFee);
		return {
			procedureId: String(a.ProcNum),
			cdtCode: p.procCode,
			description: p.descript,
			tooth: tooth(p.ToothNum),
			surface: p.Surf,
			procedureStatus: p.ProcStatus,
			feeCents: fee,
			insuranceEstimateCents: null,
			patientPortionCents: fee,
		};
	});
}

export const getTreatmentPlan: OpenDentalOperation = {
	resource: 'treatmentPlan',
	value: 'get',
	name: 'Get',
	action: 'Get a treatment plan',
	description:
		'Get a treatment plan: procedures with CDT codes, fees and ProcNums, patient portion, patient and guarantor',
	properties: [
		patientLocator('patient', 'Patient', 'The patient whose treatment plan to get'),
		{
			displayName: 'Treatment Plan',
			name: 'treatmentPlan',
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			required: true,
			description: "One of the patient's treatment plans; a signed plan is Saved",
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					placeholder: "Choose one of the patient's plans…",
					typeOptions: { searchListMethod: 'searchTreatmentPlans', searchable: true },
				},
				{
					displayName: 'By TreatPlanNum',
					name: 'id',
					type: 'string',
					placeholder: 'e.g. 419',
				},
			],
		},
		{
			displayName: 'Active Plan Patient Portion',
			name: 'activePlanPortion',
			type: 'options',
			default: 'review',
			description:
				'Open Dental gives an Active plan only its fees, not what the patient owes after insurance: a Saved (signed) plan has both',
			options: [
				{
					name: 'Send to Review',
					value: 'review',
					description: 'Fail the item (or send it to the error output): a person checks the amount',
				},
				{
					name: 'Use the Fee Total',
					value: 'fee',
					description:
						'The fees stand in for the patient portion; the output says so (patientPortionSource "fee")',
				},
			],
		},
		{
			displayName: 'Financing Offer',
			name: 'financingOffer',
			type: 'boolean',
			default: false,
			description:
				"Whether to add the promotional plans the patient portion qualifies for, with each plan's estimated monthly payment (no call to CareCredit)",
		},
		{ ...planCatalogProperty, displayOptions: { show: { financingOffer: [true] } } },
	],
	// A poll's plans are read at the same time within the run's request slots, in turn when paced.
	atOnce: async (ctx) => ((await paced(ctx)) ? 1 : CASES_AT_ONCE),
	async execute(ctx: IExecuteFunctions, i: number) {
		const patNum = numberParameter(ctx, 'patient', i, { locator: true });
		const treatPlanNum = numberParameter(ctx, 'treatmentPlan', i, { locator: true });
		// TreatPlans GET has no single-plan form (docs/opendental-api-notes.md §2.12): the patient's list.
		const plans = await openDentalList(
			ctx,
			'/treatplans',
			{ PatNum: patNum },
			{
				itemIndex: i,
			},
		);
		const plan = plans.find((p) => Number(p.TreatPlanNum) === treatPlanNum);
		if (!plan) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Patient ${patNum} has no treatment plan ${treatPlanNum}`,
				{
					itemIndex: i,
					description: "Pick one of the patient's treatment plans (TreatPlanNum).",
				},
			);
		}
		const saved = plan.TPStatus === 'Saved';
		if (!saved && ctx.getNodeParameter('activePlanPortion', i, 'review') === 'review') {
			throw problemsError(ctx, i, 'The treatment plan was not written', [
				problem(
					'patientPortionCents',
					'patientPortionUnknown',
					`plan ${treatPlanNum} is ${String(plan.TPStatus)}: Open Dental gives its fees but not the patient portion. Save (sign) the plan in Open Dental, or choose "Use the Fee Total".`,
				),
			]);
		}
		const procedures = saved
			? await savedProcedures(ctx, i, treatPlanNum)
			: await activeProcedures(ctx, i, treatPlanNum, patNum);
		const catalog = ctx.getNodeParameter('financingOffer', i, false)
			? planCatalogFor(ctx, i)
			: null;
		const patient = (await openDentalRequest(
			ctx,
			{ method: 'GET', path: `/patients/${patNum}` },
			{ itemIndex: i, shareInRun: true },
		)) as IDataObject;
		return {
			treatmentPlanId: String(treatPlanNum),
			patientId: String(patNum),
			guarantorId: String(patient.Guarantor ?? patNum),
			locationId: patient.ClinicNum ? String(patient.ClinicNum) : null,
			patientName: fullName(patient),
			caseName: plan.Heading,
			status: plan.TPStatus,
			createdOn: plan.DateTP,
			signedAt: String(plan.DateTSigned ?? '').startsWith('0001') ? null : plan.DateTSigned,
			patientPortionSource: saved ? 'patAmt' : 'fee',
			totalCents: sum(procedures.map((p) => p.feeCents)),
			patientPortionCents: sum(procedures.map((p) => p.patientPortionCents)),
			procedures,
			...(saved ? portionOf(procedures as Awaited<ReturnType<typeof savedProcedures>>) : {}),
			...(catalog ? offerFor(sum(procedures.map((p) => p.patientPortionCents)), catalog) : {}),
		};
	},
};

/**
 * The patient portion after insurance with the reason for each figure and the "estimate only"
 * caveat (financing `estimatePatientPortion`), from Open Dental's saved figures; a plan whose
 * figures do not add up gets the problems instead, and its PatAmt total stays as it is.
 */
function portionOf(procedures: Awaited<ReturnType<typeof savedProcedures>>): IDataObject {
	const estimate = estimatePatientPortion({
		procedures: procedures.map((p) => ({
			procedureId: p.procedureId,
			cdtCode: typeof p.cdtCode === 'string' ? p.cdtCode : null,
			description: typeof p.description === 'string' ? p.description : '',
			feeCents: p.feeCents,
			discountCents: p.discountCents ?? 0,
			insuranceEstimate: {
				primaryCents: p.primaryInsuranceCents,
				secondaryCents: p.secondaryInsuranceCents ?? 0,
				patientCents: p.patientPortionCents,
			},
		})),
	});
	return estimate.ok
		? { portionEstimate: estimate.value as unknown as IDataObject }
		: {
				portionEstimate: null,
				portionEstimateProblems: estimate.problems as unknown as IDataObject[],
			};
}

/** The plans the portion qualifies for, with monthly figures and one line each for a message. */
function offerFor(portionCents: number, catalog: ReturnType<typeof planCatalogFor>): IDataObject {
	const offer = financingOffer(portionCents, catalog);
	if (!offer.ok) return { financingOffer: null };
	return {
		financingOffer: {
			...offer.value,
			amountText: formatMoney(offer.value.amountCents),
			lines: describeOffer(offer.value),
		} as unknown as IDataObject,
	};
}
