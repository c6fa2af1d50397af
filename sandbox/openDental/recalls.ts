// Recalls, the recall list and recall types (https://www.opendental.com/site/apirecalls.html,
// apirecalltypes.html). A reminder is a commlog of the Recall commlog type: PUT /recalls/Status
// writes one, and the recall list counts them since the recall's previous visit (NumRemind,
// LastRemind). What the pages leave open is modeled: docs/opendental-sandbox.md.
import type { Route } from '../core/types';
import { def, patient } from './lookups';
import { route } from './route';
import type { OdPatient, OdRecall, OpenDentalState } from './types';
import {
	bad,
	body,
	bool,
	dateTime,
	given,
	integer,
	isDate,
	notFound,
	ok,
	oneOf,
	paged,
	queryNum,
	text,
	today,
} from './wire';

const EMPTY = '0001-01-01';
/** Recalls PUT Status's commlogMode values, and the commlog Mode_ each becomes. */
const COMMLOG_MODES: Record<string, string> = {
	None: 'None',
	Email: 'Email',
	Mail: 'Mail',
	Phone: 'Phone',
	InPerson: 'In Person',
	Text: 'Text',
	EmailAndText: 'Email and Text',
	PhoneAndText: 'Phone and Text',
};

const usDate = (iso: string) =>
	iso === EMPTY ? '' : `${Number(iso.slice(5, 7))}/${Number(iso.slice(8, 10))}/${iso.slice(0, 4)}`;

function recallOut(state: OpenDentalState, r: OdRecall) {
	return {
		RecallNum: r.RecallNum,
		PatNum: r.PatNum,
		DateDue: r.DateDue,
		DatePrevious: r.DatePrevious,
		RecallInterval: r.RecallInterval,
		RecallStatus: r.RecallStatus,
		recallStatus: def(state, r.RecallStatus)?.ItemName ?? '',
		Note: r.Note.replace(/\r?\n|\r/g, ' '),
		IsDisabled: bool(r.IsDisabled),
		DateTStamp: r.DateTStamp,
		RecallTypeNum: r.RecallTypeNum,
		DisableUntilBalance: 0,
		DisableUntilDate: r.DisableUntilDate,
		DateScheduled: r.DateScheduled,
		Priority: r.Priority,
		TimePatternOverride: '',
	};
}

const recallCommType = (state: OpenDentalState) =>
	state.definitions.find((d) => d.Category === 27 && d.ItemValue === 'RECALL')?.DefNum;

/** Reminders (Recall commlogs) since the recall's previous visit, oldest first. */
function reminders(state: OpenDentalState, r: OdRecall) {
	const type = recallCommType(state);
	return state.commlogs
		.filter(
			(c) =>
				c.PatNum === r.PatNum &&
				c.CommType === type &&
				c.CommDateTime.slice(0, 10) > r.DatePrevious,
		)
		.sort((a, b) => a.CommDateTime.localeCompare(b.CommDateTime));
}

/** The list's Contact column: the patient's Preferred Recall Method as the office would dial it (modeled). */
function contact(p: OdPatient): string {
	switch (p.PreferRecallMethod) {
		case 'TextMessage':
			return `Text:${p.WirelessPhone}`;
		case 'Email':
			return p.Email;
		case 'WirelessPh':
			return p.WirelessPhone;
		case 'WkPhone':
			return p.WkPhone;
		case 'HmPhone':
			return p.HmPhone;
		case 'DoNotCall':
			return 'Do Not Contact';
		case 'SeeNotes':
			return 'See Notes';
		case 'Mail':
			return 'Mail';
		default:
			return p.HmPhone || p.WirelessPhone;
	}
}

function age(birthdate: string, on: string): string {
	if (birthdate === EMPTY) return '';
	const years = Number(on.slice(0, 4)) - Number(birthdate.slice(0, 4));
	return String(on.slice(5) < birthdate.slice(5) ? years - 1 : years);
}

export const recallRoutes: Array<Route<OpenDentalState>> = [
	route('GET', '/recalls/List', (req, ctx) => {
		const { state } = ctx;
		const q = req.query;
		for (const k of ['DateStart', 'DateEnd'])
			if (q[k] !== undefined && q[k] !== '' && !isDate(q[k]))
				throw bad(`${k} must be in "yyyy-MM-dd" format.`);
		if (
			q.IncludeReminded !== undefined &&
			q.IncludeReminded !== 'true' &&
			q.IncludeReminded !== 'false'
		)
			throw bad('IncludeReminded must be either "true" or "false".');
		const day = today(ctx);
		const shift = (days: number) =>
			new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
		// Defaults from the RecallDaysPast / RecallDaysFuture preferences (modeled values).
		const from = q.DateStart || shift(-state.preferences.recallDaysPast);
		const to = q.DateEnd || shift(state.preferences.recallDaysFuture);
		const prov = queryNum(req, 'ProvNum');
		const clinic = queryNum(req, 'ClinicNum');
		let types = state.preferences.recallTypesShowingInList;
		if (q.RecallType) {
			const t = state.recallTypes.find(
				(x) => x.Description.toLowerCase() === q.RecallType.toLowerCase(),
			);
			if (!t) throw bad(`RecallType "${q.RecallType}" is not a recall type of this office.`);
			types = [t.RecallTypeNum];
		}
		const includeReminded = q.IncludeReminded === 'true';
		const rows = state.recalls
			.filter((r) => !r.IsDisabled && types.includes(r.RecallTypeNum))
			// A recall never completed has no due date and is listed with a blank DueDate.
			.filter((r) => r.DateDue === EMPTY || (r.DateDue >= from && r.DateDue <= to))
			.map((r) => ({
				r,
				p: state.patients.find((x) => x.PatNum === r.PatNum)!,
				sent: reminders(state, r),
			}))
			.filter(
				({ p, sent }) =>
					p &&
					(prov === undefined || p.PriProv === prov) &&
					(clinic === undefined || p.ClinicNum === clinic) &&
					(includeReminded || sent.length === 0),
			)
			.sort((a, b) => a.r.DateDue.localeCompare(b.r.DateDue) || a.r.RecallNum - b.r.RecallNum);
		return ok(
			paged(req, rows).map(({ r, p, sent }) => ({
				DueDate: usDate(r.DateDue),
				PatNum: p.PatNum,
				Patient: `${p.LName}, ${p.Preferred ? `'${p.Preferred}' ` : ''}${p.FName}`,
				Age: age(p.Birthdate, day),
				Type: state.recallTypes.find((t) => t.RecallTypeNum === r.RecallTypeNum)?.Description ?? '',
				Interval: r.RecallInterval,
				NumRemind: sent.length ? String(sent.length) : '',
				LastRemind: sent.length ? usDate(sent[sent.length - 1].CommDateTime.slice(0, 10)) : '',
				Contact: contact(p),
				Status: def(state, r.RecallStatus)?.ItemName ?? '',
				ClinicNum: p.ClinicNum,
				Note: r.Note.replace(/\r?\n|\r/g, ' '),
			})),
		);
	}),
	route('PUT', '/recalls/Status', (req, ctx) => {
		const { state } = ctx;
		const b = body(req);
		if (!given(b, 'PatNum')) throw bad('PatNum is required.');
		if (!given(b, 'recallType')) throw bad('recallType is required.');
		const pat = patient(state, integer(b, 'PatNum'));
		const typeName = text(b, 'recallType')!;
		const type = state.recallTypes.find(
			(t) => t.Description.toLowerCase() === typeName.toLowerCase(),
		);
		if (!type) throw bad(`recallType "${typeName}" is not a recall type of this office.`);
		const status = integer(b, 'RecallStatus');
		if (status !== undefined && status !== 0 && def(state, status)?.Category !== 13)
			throw bad('RecallStatus must be 0 or a DefNum where definition.Category=13.');
		const mode = oneOf(b, 'commlogMode', Object.keys(COMMLOG_MODES));
		const note = text(b, 'commlogNote');
		const recall = state.recalls.find(
			(r) => r.PatNum === pat.PatNum && r.RecallTypeNum === type.RecallTypeNum,
		);
		if (!recall) throw notFound(`The patient has no ${type.Description} recall.`);
		const stamp = dateTime(ctx.now());
		if (status !== undefined) recall.RecallStatus = status;
		recall.DateTStamp = stamp;
		const statusName = def(state, recall.RecallStatus)?.ItemName ?? 'None';
		// "A commlog for the patient is also created with CommType.Recall, Mode_.None, and note with
		// 'Recall reminder' and the new RecallStatus" (the exact wording is modeled).
		state.commlogs.push({
			CommlogNum: ctx.nextId('openDental.CommlogNum', 1001),
			PatNum: pat.PatNum,
			CommDateTime: stamp,
			CommType: recallCommType(state)!,
			Note: (note ?? `Recall reminder. Status: ${statusName}`).replace(/\r?\n|\r/g, ' '),
			Mode_: COMMLOG_MODES[mode ?? 'None'],
			SentOrReceived: 'Sent',
			DateTStamp: stamp,
			DateTEntry: stamp,
		});
		return { status: 200 };
	}),
	route('GET', '/recalls', (req, { state }) => {
		const patNum = queryNum(req, 'PatNum');
		if (patNum !== undefined) patient(state, patNum);
		const rows = state.recalls.filter((r) => patNum === undefined || r.PatNum === patNum);
		return ok(paged(req, rows).map((r) => recallOut(state, r)));
	}),
	route('GET', '/recalltypes', (req, { state }) =>
		ok(
			paged(req, state.recallTypes).map((t) => ({
				...t,
				AppendToSpecial: bool(t.AppendToSpecial),
			})),
		),
	),
	route('GET', '/recalltypes/:RecallTypeNum', (req, { state }) => {
		const t = state.recallTypes.find((x) => x.RecallTypeNum === Number(req.params.RecallTypeNum));
		if (!t) throw notFound('RecallType not found.');
		return ok({ ...t, AppendToSpecial: bool(t.AppendToSpecial) });
	}),
];
