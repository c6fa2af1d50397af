import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

// The one per-run cache of the package (it lives beside the Open Dental node, which added it first).
import { oncePerRun } from '../../../shared/runCache';
import { dentrixRead } from '../../transport';

/** The practice's continuing care types (`GET /v1/practice`), read once per node run. */
export async function careTypes(ctx: IExecuteFunctions, i: number): Promise<string[]> {
	return await oncePerRun(ctx, 'continuingCareTypes', async () => {
		const p = await dentrixRead<IDataObject>(
			ctx,
			{ method: 'GET', path: '/practice' },
			{ itemIndex: i },
		);
		return Array.isArray(p.continuingCareTypes) ? p.continuingCareTypes.map(String) : [];
	});
}

/** A continuing care record (modeled, docs/dentrix-api.md "Continuing care") as outreach reads it. */
export function toContinuingCare(c: IDataObject, known: string[] | null): IDataObject {
	const type = String(c.type ?? '');
	const due = typeof c.dueDate === 'string' ? c.dueDate : null;
	const patient = (c.patient ?? {}) as IDataObject;
	return {
		careId: c.id,
		patientId: c.patientId,
		patientName: [patient.firstName, patient.lastName].filter(Boolean).join(' '),
		locationId: c.locationId,
		recallType: type,
		recallTypeId: known ? (known.includes(type) ? type : null) : undefined,
		dueDate: due,
		priorVisit: c.priorVisit ?? null,
		intervalMonths: c.intervalMonths,
		status: c.status,
		remindersSent: Number(c.timesContacted ?? 0),
		lastReminder: c.lastContactedOn ?? null,
		subjectId: `${type.replace(/[^A-Za-z0-9._-]+/g, '-') || 'care'}.${due ?? 'noDueDate'}`,
		patientStatus: c.deceased === true ? 'deceased' : c.patientStatus,
	};
}
