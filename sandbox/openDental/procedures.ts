// Treatment plans, their attaches and proctps, and procedures (https://www.opendental.com/site/
// apitreatplans.html, apitreatplanattaches.html, apiproctps.html, apiprocedurelogs.html).
import type { Route } from '../core/types';
import { patient, provAbbr } from './lookups';
import { route } from './route';
import type { OdProcedure, OpenDentalState } from './types';
import {
	bad,
	body,
	bool,
	dateTime,
	dollars,
	EMPTY_DATE,
	EMPTY_DATETIME,
	integer,
	isDateTime,
	notFound,
	ok,
	paged,
	queryNum,
} from './wire';

function procedureOut(state: OpenDentalState, p: OdProcedure, serverDateTime: string) {
	return {
		ProcNum: p.ProcNum,
		PatNum: p.PatNum,
		AptNum: p.AptNum ?? 0,
		ProcDate: p.ProcDate,
		ProcFee: (p.ProcFeeCents / 100).toFixed(2),
		Surf: p.Surf,
		ToothNum: p.ToothNum,
		ToothRange: '',
		Priority: 0,
		priority: '',
		ProcStatus: p.ProcStatus,
		ProvNum: p.ProvNum,
		provAbbr: provAbbr(state, p.ProvNum),
		Dx: 0,
		dxName: '',
		PlannedAptNum: p.PlannedAptNum ?? 0,
		PlaceService: 'Office',
		Prosthesis: '',
		DateOriginalProsth: EMPTY_DATE,
		ClaimNote: '',
		DateEntryC: p.ProcStatus === 'C' ? p.ProcDate : EMPTY_DATE,
		ClinicNum: p.ClinicNum,
		CodeNum: p.CodeNum,
		procCode: p.procCode,
		descript: p.descript,
		UnitQty: 1,
		BaseUnits: 0,
		DateTP: p.DateTP,
		SiteNum: 0,
		HideGraphics: 'false',
		CanadianTypeCodes: '',
		ProcTime: '00:00:00',
		ProcTimeEnd: '00:00:00',
		DateTStamp: p.DateTStamp,
		Prognosis: 0,
		IsLocked: 'false',
		BillingNote: '',
		Discount: 0,
		IsDateProsthEst: 'false',
		SecDateEntry: p.DateTP,
		serverDateTime,
	};
}

export const procedureRoutes: Array<Route<OpenDentalState>> = [
	route('GET', '/treatplans', (req, { state }) => {
		const q = req.query;
		const patNum = queryNum(req, 'PatNum');
		if (q.TPStatus && !['Saved', 'Active', 'Inactive'].includes(q.TPStatus))
			throw bad('TPStatus must be "Saved", "Active" or "Inactive".');
		if (q.SecDateTEdit && !isDateTime(q.SecDateTEdit))
			throw bad('SecDateTEdit must be in "yyyy-MM-dd HH:mm:ss" format.');
		if (patNum !== undefined) patient(state, patNum);
		const rows = state.treatPlans.filter(
			(t) =>
				(patNum === undefined || t.PatNum === patNum) &&
				(!q.TPStatus || t.TPStatus === q.TPStatus) &&
				(!q.SecDateTEdit || t.SecDateTEdit > q.SecDateTEdit),
		);
		return ok(
			paged(req, rows).map((t) => ({
				TreatPlanNum: t.TreatPlanNum,
				PatNum: t.PatNum,
				DateTP: t.DateTP,
				Heading: t.Heading,
				Note: t.Note,
				SigIsTopaz: 'false',
				ResponsParty: t.ResponsParty,
				DocNum: 0,
				TPStatus: t.TPStatus,
				SecUserNumEntry: 0,
				SecDateEntry: t.SecDateEntry,
				SecDateTEdit: t.SecDateTEdit,
				UserNumPresenter: 0,
				TPType: 'Insurance',
				DateTSigned: t.DateTSigned,
				DateTPracticeSigned: EMPTY_DATETIME,
				SignatureText: t.SignatureText,
				SignaturePracticeText: '',
				isSigned: bool(t.SignatureText !== ''),
				isSignedPractice: 'false',
			})),
		);
	}),
	route('GET', '/treatplanattaches', (req, { state }) => {
		const num = queryNum(req, 'TreatPlanNum');
		if (num === undefined) throw bad('TreatPlanNum is required.');
		if (!state.treatPlans.some((t) => t.TreatPlanNum === num))
			throw notFound('TreatPlan not found.');
		return ok(
			paged(
				req,
				state.treatPlanAttaches.filter((a) => a.TreatPlanNum === num),
			).map((a) => ({ ...a, Priority: 0, priority: '' })),
		);
	}),
	route('GET', '/proctps', (req, { state }) => {
		const num = queryNum(req, 'TreatPlanNum');
		if (num === undefined) throw bad('TreatPlanNum is required.');
		if (!state.treatPlans.some((t) => t.TreatPlanNum === num))
			throw notFound('TreatPlan not found.');
		return ok(
			paged(
				req,
				state.procTPs.filter((p) => p.TreatPlanNum === num),
			).map((p) => ({
				ProcTPNum: p.ProcTPNum,
				TreatPlanNum: p.TreatPlanNum,
				PatNum: p.PatNum,
				ProcNumOrig: p.ProcNumOrig,
				ItemOrder: p.ItemOrder,
				Priority: 0,
				priority: '',
				ToothNumTP: p.ToothNumTP,
				Surf: p.Surf,
				ProcCode: p.ProcCode,
				Descript: p.Descript,
				FeeAmt: dollars(p.FeeAmtCents),
				PriInsAmt: dollars(p.PriInsAmtCents),
				SecInsAmt: 0,
				PatAmt: dollars(p.PatAmtCents),
				Discount: 0,
				Prognosis: '',
				Dx: '',
				ProcAbbr: p.ProcCode,
				SecUserNumEntry: 0,
				SecDateEntry: p.SecDateEntry,
				SecDateTEdit: `${p.SecDateEntry} 00:00:00`,
				FeeAllowed: -1,
				TaxAmt: 0,
				ProvNum: p.ProvNum,
				DateTP: p.DateTP,
				ClinicNum: p.ClinicNum,
				CatPercUCR: 0,
			})),
		);
	}),
	route('GET', '/procedurelogs', (req, { state, now }) => {
		const q = req.query;
		const patNum = queryNum(req, 'PatNum');
		const clinic = queryNum(req, 'ClinicNum');
		const codeNum = queryNum(req, 'CodeNum');
		const aptNum = queryNum(req, 'AptNum');
		const plannedAptNum = queryNum(req, 'PlannedAptNum');
		if (q.ProcStatus && !['TP', 'C', 'EC', 'EO', 'R', 'D', 'Cn', 'TPi'].includes(q.ProcStatus))
			throw bad('ProcStatus is invalid.');
		if (q.DateTStamp && !isDateTime(q.DateTStamp))
			throw bad('DateTStamp must be in "yyyy-MM-dd HH:mm:ss" format.');
		if (patNum !== undefined) patient(state, patNum);
		const rows = state.procedures.filter(
			(p) =>
				(patNum === undefined || p.PatNum === patNum) &&
				(!q.ProcStatus || p.ProcStatus === q.ProcStatus) &&
				(clinic === undefined || p.ClinicNum === clinic) &&
				(codeNum === undefined || p.CodeNum === codeNum) &&
				(aptNum === undefined || (p.AptNum ?? 0) === aptNum) &&
				(plannedAptNum === undefined || (p.PlannedAptNum ?? 0) === plannedAptNum) &&
				(!q.DateTStamp || p.DateTStamp >= q.DateTStamp),
		);
		const serverDateTime = dateTime(now());
		return ok(paged(req, rows).map((p) => procedureOut(state, p, serverDateTime)));
	}),
	route('GET', '/procedurelogs/:ProcNum', (req, { state, now }) => {
		const p = state.procedures.find((x) => x.ProcNum === Number(req.params.ProcNum));
		if (!p) throw notFound('Procedure not found.');
		return ok(procedureOut(state, p, dateTime(now())));
	}),
	// Only the scheduling fields are modeled: attaching a procedure to an appointment or a planned one.
	route('PUT', '/procedurelogs/:ProcNum', (req, ctx) => {
		const { state } = ctx;
		const p = state.procedures.find((x) => x.ProcNum === Number(req.params.ProcNum));
		if (!p) throw notFound('Procedure not found.');
		const b = body(req);
		const other = Object.keys(b).filter((k) => !['AptNum', 'PlannedAptNum'].includes(k));
		if (other.length)
			throw bad(
				`The sandbox models only AptNum and PlannedAptNum on this method, not ${other.join(', ')}.`,
			);
		const aptNum = integer(b, 'AptNum');
		const planned = integer(b, 'PlannedAptNum');
		const check = (num: number | undefined, field: string, wantPlanned: boolean) => {
			if (!num) return;
			const a = state.appointments.find((x) => x.AptNum === num);
			if (!a || a.PatNum !== p.PatNum || (a.AptStatus === 'Planned') !== wantPlanned)
				throw bad(
					`${field} ${num} is not ${wantPlanned ? 'a planned' : 'an'} appointment of this patient.`,
				);
		};
		check(aptNum, 'AptNum', false);
		check(planned, 'PlannedAptNum', true);
		if (aptNum !== undefined) p.AptNum = aptNum;
		if (planned !== undefined) p.PlannedAptNum = planned;
		p.DateTStamp = dateTime(ctx.now());
		for (const a of state.appointments.filter((x) => x.AptNum === aptNum || x.AptNum === planned))
			a.ProcDescript = state.procedures
				.filter((x) => x.AptNum === a.AptNum || x.PlannedAptNum === a.AptNum)
				.map((x) => x.procCode)
				.join(', ');
		return ok({
			...procedureOut(state, p, ''),
			AptNum: String(p.AptNum ?? 0),
			PlannedAptNum: String(p.PlannedAptNum ?? 0),
		});
	}),
];
