import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { findReferenceTokens, localDateTimeIn } from '../../../../financing';
import { openDentalList } from '../../transport';
import type { OpenDentalOperation } from '../types';

const DAY_MS = 86_400_000;

/**
 * An audit commlog this package wrote for a CareCredit approval: its reference token has no
 * status suffix (`[cc:APP-123]`; status and review notes use `[cc:APP-123.pending]`...) and the
 * note says so (financing `auditNoteFor`: "CareCredit approved: ...").
 */
function approvalToken(note: unknown): string | null {
	if (typeof note !== 'string' || !/CareCredit approved/i.test(note)) return null;
	return findReferenceTokens(note).find((t) => !t.id.includes('.'))?.token ?? null;
}

/** The patient's latest Saved (signed) plan dated on or before the approval: its procedures. */
async function financedProcedures(
	ctx: IExecuteFunctions,
	i: number,
	patNum: IDataObject[string],
	approvedOn: string,
): Promise<{ treatmentPlanId: string | null; procedureIds: string[] }> {
	const plans = (
		await openDentalList(
			ctx,
			'/treatplans',
			{ PatNum: patNum, TPStatus: 'Saved' },
			{ itemIndex: i },
		)
	)
		.filter((p) => String(p.DateTP ?? '') <= approvedOn)
		.sort((a, b) => String(b.DateTP).localeCompare(String(a.DateTP)));
	const plan = plans[0];
	if (!plan) return { treatmentPlanId: null, procedureIds: [] };
	const rows = await openDentalList(
		ctx,
		'/proctps',
		{ TreatPlanNum: plan.TreatPlanNum },
		{ itemIndex: i },
	);
	return {
		treatmentPlanId: String(plan.TreatPlanNum),
		procedureIds: rows.map((r) => String(r.ProcNumOrig)).filter((id) => id !== '0'),
	};
}

export const getManyFinancedCases: OpenDentalOperation = {
	resource: 'financedCase',
	value: 'getMany',
	name: 'Get Many',
	action: 'Get recent financed cases',
	description:
		'CareCredit approvals this package recorded in the last N days (its audit commlogs; Open Dental 25.1.13), each with the financed procedures and the appointments holding them',
	properties: [
		{
			displayName: 'Approved Within (Days)',
			name: 'lookBackDays',
			type: 'number',
			default: 30,
			typeOptions: { minValue: 1, maxValue: 365 },
			description: 'Audit commlogs changed this many days back or less',
		},
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const days = Math.max(
			1,
			Math.min(365, Math.trunc(Number(ctx.getNodeParameter('lookBackDays', i, 30)))),
		);
		const since = localDateTimeIn(ctx.getTimezone(), new Date(Date.now() - days * DAY_MS));
		// Commlogs GET without PatNum and with DateTStamp: Open Dental 25.1.13
		// (https://www.opendental.com/site/apicommlogs.html).
		const logs = await openDentalList(ctx, '/commlogs', { DateTStamp: since }, { itemIndex: i });
		const cases = new Map<string, IDataObject>();
		for (const log of logs) {
			const token = approvalToken(log.Note);
			if (!token || cases.has(token)) continue;
			cases.set(token, log);
		}
		const out: IDataObject[] = [];
		for (const [token, log] of cases) {
			const patNum = log.PatNum;
			const approvedAt = String(log.CommDateTime ?? '');
			const financed = await financedProcedures(ctx, i, patNum, approvedAt.slice(0, 10));
			const procedures = await openDentalList(
				ctx,
				'/procedurelogs',
				{ PatNum: patNum },
				{ itemIndex: i },
			);
			const appointments = await openDentalList(
				ctx,
				'/appointments',
				{ PatNum: patNum },
				{ itemIndex: i },
			);
			out.push({
				caseId: token,
				referenceToken: token,
				patientId: String(patNum),
				approvedAt,
				auditCommlogId: String(log.CommlogNum),
				treatmentPlanId: financed.treatmentPlanId,
				procedureIds: financed.procedureIds,
				appointments: appointments.map((a) => ({
					appointmentId: String(a.AptNum),
					status: a.AptStatus,
					date: String(a.AptDateTime ?? '').slice(0, 10),
					procedureIds: procedures
						.filter((p) => String(p.AptNum) === String(a.AptNum))
						.map((p) => String(p.ProcNum)),
				})),
			});
		}
		return out;
	},
};
