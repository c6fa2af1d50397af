// Insurance verifications (https://www.opendental.com/site/apiinsverifies.html): the "Eligibility
// Last Verified" (PatientEnrollment, FKey = PatPlanNum) and "Benefits Last Verified"
// (InsuranceBenefit, FKey = PlanNum) dates. PUT updates the row of that VerifyType and FKey; every
// earlier version is kept, as Open Dental keeps them in insverifyhist.
import type { Route } from '../core/types';
import { def } from './lookups';
import { route } from './route';
import type { OdInsVerify, OpenDentalState } from './types';
import {
	bad,
	body,
	date,
	dateTime,
	given,
	integer,
	isDateTime,
	notFound,
	ok,
	oneOf,
	paged,
	queryNum,
	text,
} from './wire';

const VERIFY_TYPES = ['PatientEnrollment', 'InsuranceBenefit'] as const;

const out = (v: OdInsVerify) => ({
	InsVerifyNum: v.InsVerifyNum,
	DateLastVerified: v.DateLastVerified,
	UserNum: 0,
	VerifyType: v.VerifyType,
	FKey: v.FKey,
	DefNum: v.DefNum,
	Note: v.Note,
	DateLastAssigned: v.DateLastAssigned,
	SecDateTEdit: v.SecDateTEdit,
});

function checkFKey(state: OpenDentalState, type: OdInsVerify['VerifyType'], fKey: number) {
	const exists =
		type === 'PatientEnrollment'
			? state.patPlans.some((p) => p.PatPlanNum === fKey)
			: state.insPlans.some((p) => p.PlanNum === fKey);
	if (!exists)
		throw bad(
			type === 'PatientEnrollment'
				? 'FKey must be a valid PatPlanNum when VerifyType is "PatientEnrollment".'
				: 'FKey must be a valid PlanNum when VerifyType is "InsuranceBenefit".',
		);
}

export const insVerifyRoutes: Array<Route<OpenDentalState>> = [
	route('GET', '/insverifies', (req, { state }) => {
		const type = req.query.VerifyType;
		if (type !== undefined && !VERIFY_TYPES.includes(type as OdInsVerify['VerifyType']))
			throw bad('VerifyType must be either "PatientEnrollment" or "InsuranceBenefit".');
		const fKey = queryNum(req, 'FKey');
		// "VerifyType: Required if FKey is specified."
		if (fKey !== undefined && type === undefined)
			throw bad('VerifyType is required if FKey is specified.');
		const since = req.query.SecDateTEdit;
		if (since && !isDateTime(since))
			throw bad('SecDateTEdit must be in "yyyy-MM-dd HH:mm:ss" format.');
		const rows = state.insVerifies.filter(
			(v) =>
				(type === undefined || v.VerifyType === type) &&
				(fKey === undefined || v.FKey === fKey) &&
				// "Only include InsVerifies with a SecDateTEdit altered after the specified date and time."
				(!since || v.SecDateTEdit > since),
		);
		return ok(paged(req, rows).map(out));
	}),
	route('GET', '/insverifies/:InsVerifyNum', (req, { state }) => {
		const v = state.insVerifies.find((x) => x.InsVerifyNum === Number(req.params.InsVerifyNum));
		if (!v) throw notFound('InsVerify not found.');
		return ok(out(v));
	}),
	route('PUT', '/insverifies', (req, ctx) => {
		const { state } = ctx;
		const b = body(req);
		if (!given(b, 'VerifyType')) throw bad('VerifyType is required.');
		if (!given(b, 'FKey')) throw bad('FKey is required.');
		const type = oneOf(b, 'VerifyType', VERIFY_TYPES)!;
		const fKey = integer(b, 'FKey')!;
		checkFKey(state, type, fKey);
		const verified = date(b, 'DateLastVerified');
		const defNum = integer(b, 'DefNum');
		if (defNum !== undefined && defNum !== 0 && def(state, defNum)?.Category !== 38)
			throw bad('DefNum must be a valid DefNum where definition.Category=38.');
		const note = text(b, 'Note');
		const stamp = dateTime(ctx.now());
		let row = state.insVerifies.find((v) => v.VerifyType === type && v.FKey === fKey);
		if (row) {
			state.insVerifyHist.push({
				...row,
				InsVerifyHistNum: ctx.nextId('openDental.InsVerifyHistNum', 1),
			});
		} else {
			row = {
				InsVerifyNum: ctx.nextId('openDental.InsVerifyNum', 601),
				DateLastVerified: '0001-01-01',
				VerifyType: type,
				FKey: fKey,
				DefNum: 0,
				Note: '',
				DateLastAssigned: '0001-01-01',
				SecDateTEdit: stamp,
			};
			state.insVerifies.push(row);
		}
		// A field left out of a PUT keeps its value (apispecification.html).
		if (verified !== undefined) row.DateLastVerified = verified;
		if (defNum !== undefined) row.DefNum = defNum;
		if (note !== undefined) row.Note = note.replace(/\r?\n|\r/g, ' ');
		row.SecDateTEdit = stamp;
		return ok(out(row));
	}),
];
