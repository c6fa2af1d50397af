import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { screened } from '../../appointmentShapes';
import { readCoverage, type VerifyType } from '../../insurance';
import { openDentalList } from '../../transport';

/**
 * A patient's verification rows, one read each (VerifyType and FKey, Open Dental 24.4.17):
 * "Eligibility Last Verified" is PatientEnrollment (FKey = PatPlanNum), "Benefits Last Verified"
 * InsuranceBenefit (FKey = PlanNum), https://www.opendental.com/site/apiinsverifies.html.
 */
export interface VerificationRow {
	verifyType: VerifyType;
	fKey: string;
	insVerifyId: string | null;
	verifiedOn: string | null;
	statusDefNum: number;
	note: string;
	changedAt: string | null;
}

const day = (v: unknown) =>
	typeof v === 'string' && !v.startsWith('0001-01-01') ? v.slice(0, 10) : null;

export async function rowOf(
	ctx: IExecuteFunctions,
	i: number,
	verifyType: VerifyType,
	fKey: string,
): Promise<VerificationRow> {
	const [row] = await openDentalList(
		ctx,
		'/insverifies',
		{ VerifyType: verifyType, FKey: fKey },
		{ itemIndex: i },
	);
	return {
		verifyType,
		fKey,
		insVerifyId: row ? String(row.InsVerifyNum) : null,
		verifiedOn: day(row?.DateLastVerified),
		statusDefNum: Number(row?.DefNum ?? 0),
		note: screened(row?.Note),
		changedAt: typeof row?.SecDateTEdit === 'string' ? row.SecDateTEdit : null,
	};
}

/** Each of the patient's plans with its eligibility and benefit verification. */
export async function patientVerifications(ctx: IExecuteFunctions, i: number, patNum: number) {
	const plans = await readCoverage(ctx, i, patNum);
	const out: IDataObject[] = [];
	for (const p of plans) {
		out.push({
			patPlanId: p.patPlanId,
			planId: p.planId,
			ordinal: p.ordinal,
			carrierName: p.carrier?.name ?? null,
			enrollment: { ...(await rowOf(ctx, i, 'PatientEnrollment', p.patPlanId)) },
			benefits: p.planId ? { ...(await rowOf(ctx, i, 'InsuranceBenefit', p.planId)) } : null,
		});
	}
	return out;
}
