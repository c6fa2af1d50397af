import { NodeApiError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import {
	addDays,
	localClockIn,
	openDentalPracticeRecords,
	parseInstantIn,
	recordedTermsFromAuditNote,
	findReferenceToken,
} from '../../../../financing';
import {
	getPracticeNumbers,
	pagesOf,
	practiceNumbersProperties,
	type NumbersRequest,
} from '../../../shared/practiceNumbers';
import { openDentalList, PAGE_SIZE } from '../../transport';
import type { OpenDentalOperation } from '../types';
import { asNodeError } from '../../../shared/execute';

/**
 * Reads Open Dental (its public API; each endpoint's page is cited in
 * financing/numbers/fromOpenDental.ts) in as few calls as its filters allow, since the remote
 * API takes one request a second:
 * - in bulk, 100 rows a call: the commlogs changed since the look-back day
 *   (`GET /commlogs?DateTStamp=`, PatNum optional from 25.1.13) and, per clinic asked for, the
 *   appointments changed since the day before the first week reported
 *   (`GET /appointments?ClinicNum=&DateTStamp=`);
 * - per case approved in the weeks reported (only `PatNum` or `TreatPlanNum` select them): the
 *   plan's procedures (`GET /proctps?TreatPlanNum=`) and the patient's procedures with the
 *   appointment each is on (`GET /procedurelogs?PatNum=`);
 * - per patient whose audit note, written in those weeks for a case of the locations asked for,
 *   records an in-house plan: the patient's payment plans (`GET /payplans?PatNum=`), for the
 *   corrections.
 * Calls = commlog pages + appointment pages + 2 × approved cases + in-house plans.
 */
async function read(ctx: IExecuteFunctions, req: NumbersRequest) {
	const { window, timeZone, locations } = req;
	const calls = { commlogs: 0, appointments: 0, procTPs: 0, procedures: 0, payPlans: 0 };
	const list = async (key: keyof typeof calls, path: string, qs: IDataObject) => {
		try {
			const rows = await openDentalList(ctx, path, qs, { itemIndex: 0 });
			calls[key] += pagesOf(rows.length, PAGE_SIZE, true);
			return rows;
		} catch (error) {
			// A plan or patient deleted since the decision answers 404: nothing to read there (the
			// numbers then list the case as unclassified); any other failure stops the run.
			if (error instanceof NodeApiError && error.httpCode === '404' && key !== 'commlogs') {
				calls[key] += 1;
				return [];
			}
			throw asNodeError(ctx, error, 0);
		}
	};
	const wanted = (locationId: unknown) =>
		!locations.ids || locationId === undefined || locationId === null || locationId === ''
			? true
			: locations.ids.includes(String(locationId));
	const local = (at: unknown) => {
		const parsed = parseInstantIn(at, timeZone, 'at');
		return parsed.ok ? localClockIn(timeZone, parsed.value).date : null;
	};
	const since = addDays(window.from, -1);
	const after = (at: unknown, to = '9999-12-31') => {
		const day = local(at);
		return day !== null && day >= since && day <= to;
	};

	const commlogs = await list('commlogs', '/commlogs', {
		DateTStamp: `${window.readFrom} 00:00:00`,
	});
	const appointments: IDataObject[] = [];
	for (const clinic of locations.ids ?? [null]) {
		appointments.push(
			...(await list('appointments', '/appointments', {
				DateTStamp: `${addDays(window.from, -1)} 00:00:00`,
				...(clinic === null ? {} : { ClinicNum: clinic }),
			})),
		);
	}

	// The approved cases of the weeks reported (a case starts at its decision), once each; and
	// the reference tokens of the wanted locations' cases, whatever their week.
	const cases = new Map<string, { patNum: string; planNum: string }>();
	const tokens = new Set<string>();
	for (const d of req.decisions) {
		const pms = (d.pms ?? {}) as IDataObject;
		const patNum = String(pms.patientId ?? '');
		const planNum = String(pms.treatmentPlanId ?? '');
		if (d.status !== 'approved' || !wanted(pms.locationId)) continue;
		for (const id of [d.applicationId, d.referenceId]) if (id) tokens.add(String(id).toLowerCase());
		if (!/^\d+$/.test(patNum) || !/^\d+$/.test(planNum)) continue;
		if (!after(d.decidedAt, addDays(window.to, 1))) continue;
		cases.set(`${patNum}:${planNum}`, { patNum, planNum });
	}
	const procTPs: IDataObject[] = [];
	const procedures: IDataObject[] = [];
	const proceduresOf = new Set<string>();
	for (const { patNum, planNum } of cases.values()) {
		procTPs.push(...(await list('procTPs', '/proctps', { TreatPlanNum: planNum })));
		if (proceduresOf.has(patNum)) continue;
		proceduresOf.add(patNum);
		procedures.push(...(await list('procedures', '/procedurelogs', { PatNum: patNum })));
	}

	// Payment plans only where an audit note of those weeks says the package wrote one.
	const payPlans: IDataObject[] = [];
	const planPatients = new Set<string>();
	for (const c of commlogs) {
		const patNum = String(c.PatNum ?? '');
		if (planPatients.has(patNum) || !/^\d+$/.test(patNum) || !after(c.CommDateTime, window.to))
			continue;
		const token = findReferenceToken(c.Note);
		if (!token || !tokens.has(token.id.toLowerCase())) continue;
		if (!recordedTermsFromAuditNote(String(c.Note)).shortfallPlan) continue;
		planPatients.add(patNum);
		payPlans.push(...(await list('payPlans', '/payplans', { PatNum: patNum })));
	}

	return {
		records: openDentalPracticeRecords(
			{ procTPs, commlogs, payPlans, appointments, procedures, proceduresOf: [...proceduresOf] },
			req.decisions,
		),
		calls,
	};
}

export const getPracticeNumbersOperation: OpenDentalOperation = {
	resource: 'practiceNumbers',
	value: 'get',
	name: 'Get',
	action: 'Get the practice numbers',
	description:
		"Time-to-arrangement, financed case acceptance and ledger corrections per clinic, from Open Dental and the input items' CareCredit decisions",
	properties: practiceNumbersProperties('1'),
	execute: async (ctx, i) => await getPracticeNumbers(ctx, i, async (req) => await read(ctx, req)),
};
