import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	centsFromWireOrNull,
	fail,
	ok,
	problem,
	readArrangement,
	validateForOpenDental,
	type ArrangementView,
	type OpenDentalPlanFacts,
	type OpenDentalSettings,
	type Result,
	type WriteContext,
} from '../../../financing';
import { problemsError } from '../../shared/parameters';
import { openDentalList, openDentalListOrAbsent, openDentalRequest } from '../transport';

/** What the Open Dental writers read before their first write, and the context they check in. */

/**
 * A built arrangement for a writer: the whole case passes `validateForOpenDental` first (the
 * verdict Payment Arrangement: Validate gives), before the writer reads anything with its ids.
 */
export function arrangementFor(
	arrangement: unknown,
	context: WriteContext,
	settings: OpenDentalSettings,
	transactionId?: string,
): Result<ArrangementView> {
	const verdict = validateForOpenDental(
		arrangement,
		context,
		settings,
		undefined,
		transactionId === undefined ? {} : { transactionId },
	);
	return verdict.ok ? readArrangement(arrangement) : verdict;
}

/** Open Dental knows no patient by this PatNum (its reads answer 404): a problem of `field`. */
export const patientNotFound = (field: string) =>
	problem(
		field,
		'patientNotFound',
		'Open Dental has no patient with this PatNum; map the PatNum Open Dental shows',
	);

/**
 * A writer's lookup of its record in the patient's list (the `find` of the write path). A patient
 * Open Dental does not know stops the write there, named as a problem of `field`.
 */
export async function findOnPatient(
	ctx: IExecuteFunctions,
	i: number,
	stop: { notWritten: string; field: string },
	path: string,
	qs: IDataObject,
	matches: (record: IDataObject) => boolean,
): Promise<IDataObject | null> {
	const rows = await openDentalListOrAbsent(ctx, path, qs, { itemIndex: i });
	if (rows === null) throw problemsError(ctx, i, stop.notWritten, [patientNotFound(stop.field)]);
	return rows.find(matches) ?? null;
}

/** The patient's guarantor, as Open Dental answers it (`GET /patients/{PatNum}`); null: no patient. */
export async function guarantorOf(
	ctx: IExecuteFunctions,
	i: number,
	patNum: string,
): Promise<string | null> {
	const patient = await openDentalRequest<IDataObject | null>(
		ctx,
		{ method: 'GET', path: `/patients/${patNum}` },
		{ itemIndex: i, absent: true, shareInRun: true },
	);
	if (!patient) return null;
	const guarantor = patient.Guarantor;
	return guarantor === undefined || guarantor === null || guarantor === 0
		? patNum
		: String(guarantor);
}

/**
 * The facts of a shortfall plan: the guarantor, and the treatment plan's procedures with their
 * remaining production. A signed (Saved) plan's proctps carry the patient amount (`PatAmt`,
 * docs/opendental-api-notes.md §2.14); an Active plan's procedures carry only their fee, which
 * then stands in (§2.13, §2.15).
 */
export async function planFacts(
	ctx: IExecuteFunctions,
	i: number,
	view: ArrangementView,
	treatPlanNum: string,
): Promise<Result<OpenDentalPlanFacts>> {
	const patNum = view.treatmentPlan.patientId;
	const accountGuarantorId = await guarantorOf(ctx, i, patNum);
	if (accountGuarantorId === null) return fail(patientNotFound('treatmentPlan.patientId'));
	const planProcedures = await proceduresOf(ctx, i, patNum, treatPlanNum);
	if (planProcedures === null)
		return fail(
			problem(
				'treatmentPlan.treatmentPlanId',
				'treatmentPlanNotFound',
				'Open Dental has no treatment plan with this TreatPlanNum',
			),
		);
	return ok({
		accountGuarantorId,
		planProcedures,
		// A treatment plan holds its patient's procedures only; the guarantor is the family's head.
		familyPatNums: [...new Set([patNum, accountGuarantorId])],
	});
}

async function proceduresOf(
	ctx: IExecuteFunctions,
	i: number,
	patNum: string,
	treatPlanNum: string,
): Promise<OpenDentalPlanFacts['planProcedures'] | null> {
	const plan = { TreatPlanNum: treatPlanNum };
	const shared = { itemIndex: i, shareInRun: true };
	const saved = await openDentalListOrAbsent(ctx, '/proctps', plan, shared);
	if (saved === null) return null;
	if (saved.length > 0)
		return saved.map((p) => ({
			procNum: String(p.ProcNumOrig),
			patNum: String(p.PatNum),
			productionCents: centsFromWireOrNull(p.PatAmt) ?? 0,
		}));
	const attached = await openDentalList(ctx, '/treatplanattaches', plan, shared);
	if (attached.length === 0) return [];
	const logs = await openDentalList(ctx, '/procedurelogs', { PatNum: patNum }, shared);
	return attached.map((a) => {
		const log = logs.find((l) => String(l.ProcNum) === String(a.ProcNum));
		return {
			procNum: String(a.ProcNum),
			patNum: String(log?.PatNum ?? ''),
			productionCents: centsFromWireOrNull(log?.ProcFee) ?? 0,
		};
	});
}
