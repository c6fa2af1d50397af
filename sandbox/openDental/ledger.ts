// Commlogs, payments, adjustments and definitions (https://www.opendental.com/site/apicommlogs.html,
// apipayments.html, apiadjustments.html, apidefinitions.html).
import type { Route } from '../core/types';
import { def, patient, payPlan } from './lookups';
import { route } from './route';
import type { OpenDentalState } from './types';
import {
	bad,
	body,
	bool,
	cents,
	created,
	date,
	dateTime,
	dollars,
	EMPTY_DATE,
	given,
	integer,
	isDate,
	isDateTime,
	notFound,
	numArray,
	ok,
	oneOf,
	paged,
	queryNum,
	stringBool,
	text,
	today,
} from './wire';

export const MODES = [
	'None',
	'Email',
	'Mail',
	'Phone',
	'In Person',
	'Text',
	'Email and Text',
	'Phone and Text',
];

function commlogOut(state: OpenDentalState, c: OpenDentalState['commlogs'][number]) {
	return {
		CommlogNum: c.CommlogNum,
		PatNum: c.PatNum,
		CommDateTime: c.CommDateTime,
		CommType: String(c.CommType),
		commType: def(state, c.CommType)?.ItemName ?? '',
		Note: c.Note.replace(/\r?\n|\r/g, ' '),
		Mode_: c.Mode_,
		SentOrReceived: c.SentOrReceived,
		UserNum: 0,
		DateTStamp: c.DateTStamp,
		CommSource: 'User',
		ProgramNum: 0,
		DateTEntry: c.DateTEntry,
		ReferralNum: 0,
	};
}

function paymentOut(
	state: OpenDentalState,
	p: OpenDentalState['payments'][number],
	serverDateTime: string,
) {
	return {
		PayNum: p.PayNum,
		PayType: p.PayType,
		payType: def(state, p.PayType)?.ItemName ?? '',
		PayDate: p.PayDate,
		PayAmt: String(dollars(p.PayAmtCents)),
		CheckNum: p.CheckNum,
		BankBranch: p.BankBranch,
		PayNote: p.PayNote.replace(/\r\n/g, ' '),
		PatNum: p.PatNum,
		ClinicNum: String(p.ClinicNum),
		DateEntry: p.DateEntry,
		DepositNum: 0,
		Receipt: '',
		IsRecurringCC: 'false',
		SecUserNumEntry: 0,
		SecDateTEdit: p.SecDateTEdit,
		PaymentSource: 'API',
		ProcessStatus: 'OfficeProcessed',
		RecurringChargeDate: EMPTY_DATE,
		IsCcCompleted: 'false',
		serverDateTime,
	};
}

function adjustmentOut(state: OpenDentalState, a: OpenDentalState['adjustments'][number]) {
	return {
		AdjNum: a.AdjNum,
		AdjDate: a.AdjDate,
		AdjAmt: dollars(a.AdjAmtCents),
		PatNum: a.PatNum,
		AdjType: a.AdjType,
		adjType: def(state, a.AdjType)?.ItemName ?? '',
		ProvNum: a.ProvNum,
		AdjNote: a.AdjNote.replace(/\r\n/g, ' '),
		ProcDate: a.ProcDate,
		ProcNum: a.ProcNum,
		DateEntry: a.DateEntry,
		ClinicNum: a.ClinicNum,
		SecUserNumEntry: 0,
		SecDateTEdit: a.SecDateTEdit,
	};
}

export const ledgerRoutes: Array<Route<OpenDentalState>> = [
	route('POST', '/commlogs', (req, ctx) => {
		const { state } = ctx;
		const b = body(req);
		if (!given(b, 'PatNum') || !given(b, 'Note')) throw bad('PatNum and Note are required.');
		const pat = patient(state, integer(b, 'PatNum'));
		const at = given(b, 'CommDateTime') ? String(b.CommDateTime) : dateTime(ctx.now());
		if (!isDateTime(at)) throw bad('CommDateTime must be in "yyyy-MM-dd HH:mm:ss" format.');
		// "commType ... Will be used over CommType if both are specified" (§2.7).
		let commType = state.definitions.find(
			(d) => d.Category === 27 && d.ItemName === 'Misc',
		)!.DefNum;
		if (given(b, 'commType')) {
			const d = state.definitions.find(
				(x) => x.Category === 27 && x.ItemName.toLowerCase() === String(b.commType).toLowerCase(),
			);
			if (!d) throw bad('commType is invalid.');
			commType = d.DefNum;
		} else if (given(b, 'CommType')) {
			const n = integer(b, 'CommType')!;
			if (def(state, n)?.Category !== 27) throw bad('CommType is invalid.');
			commType = n;
		}
		const stamp = dateTime(ctx.now());
		const log = {
			CommlogNum: ctx.nextId('openDental.CommlogNum', 1001),
			PatNum: pat.PatNum,
			CommDateTime: at,
			CommType: commType,
			Note: text(b, 'Note')!,
			Mode_: oneOf(b, 'Mode_', MODES) ?? 'Phone',
			SentOrReceived:
				oneOf(b, 'SentOrReceived', ['Neither', 'Sent', 'Received'] as const) ?? 'Sent',
			DateTStamp: stamp,
			DateTEntry: stamp,
		};
		state.commlogs.push(log);
		return created(commlogOut(state, log), `/commlogs/${log.CommlogNum}`);
	}),
	route('GET', '/commlogs', (req, { state }) => {
		const patNum = queryNum(req, 'PatNum');
		const since = req.query.DateTStamp;
		if (since && !isDateTime(since))
			throw bad('DateTStamp must be in "yyyy-MM-dd HH:mm:ss" format.');
		if (patNum !== undefined) patient(state, patNum);
		const rows = state.commlogs.filter(
			(c) => (patNum === undefined || c.PatNum === patNum) && (!since || c.DateTStamp >= since),
		);
		return ok(paged(req, rows).map((c) => commlogOut(state, c)));
	}),
	// Commlogs PUT (Version Added 25.2.21, https://www.opendental.com/site/apicommlogs.html): the
	// fields given change, the others stay. The case claim becomes the audit note this way.
	route('PUT', '/commlogs/:CommlogNum', (req, ctx) => {
		const { state } = ctx;
		const c = state.commlogs.find((x) => x.CommlogNum === Number(req.params.CommlogNum));
		if (!c) throw notFound('Commlog not found.');
		const b = body(req);
		if (given(b, 'Note')) c.Note = text(b, 'Note')!;
		if (given(b, 'CommDateTime')) {
			if (!isDateTime(String(b.CommDateTime)))
				throw bad('CommDateTime must be in "yyyy-MM-dd HH:mm:ss" format.');
			c.CommDateTime = String(b.CommDateTime);
		}
		if (given(b, 'Mode_')) c.Mode_ = oneOf(b, 'Mode_', MODES) ?? c.Mode_;
		c.DateTStamp = dateTime(ctx.now());
		return ok(commlogOut(state, c));
	}),
	route('GET', '/commlogs/:CommlogNum', (req, { state }) => {
		const c = state.commlogs.find((x) => x.CommlogNum === Number(req.params.CommlogNum));
		if (!c) throw notFound('Commlog not found.');
		return ok(commlogOut(state, c));
	}),

	// ----- payments (§2.16) -----
	route('POST', '/payments', (req, ctx) => {
		const { state } = ctx;
		const b = body(req);
		if (!given(b, 'PayAmt') || !given(b, 'PatNum')) throw bad('PayAmt and PatNum are required.');
		const amount = cents(b, 'PayAmt')!;
		if (amount <= 0)
			throw bad('PayAmt must be greater than 0. Use Payments POST Refund for refunds.');
		const pat = patient(state, integer(b, 'PatNum'));
		const payType = integer(b, 'PayType') ?? state.apiPaymentType;
		if (def(state, payType)?.Category !== 10) throw bad('PayType is invalid.');
		const payDate = date(b, 'PayDate') ?? today(ctx);
		// The office's preference does not allow future-dated payments (modeled).
		if (payDate > today(ctx)) throw bad('PayDate cannot be in the future.');
		const isPrepayment = stringBool(b, 'isPrepayment') ?? false;
		stringBool(b, 'isPatientPreferred');
		const payPlanNum = integer(b, 'payPlanNum') ?? 0;
		if (payPlanNum) payPlan(state, String(payPlanNum));
		const family = state.patients.filter((p) => p.Guarantor === pat.Guarantor).map((p) => p.PatNum);
		const clinic = integer(b, 'ClinicNum') ?? pat.ClinicNum;
		const payment = {
			PayNum: ctx.nextId('openDental.PayNum', 3001),
			PayType: payType,
			PayDate: payDate,
			PayAmtCents: amount,
			CheckNum: text(b, 'CheckNum') ?? '',
			BankBranch: text(b, 'BankBranch') ?? '',
			PayNote: text(b, 'PayNote') ?? '',
			PatNum: pat.PatNum,
			ClinicNum: clinic,
			DateEntry: today(ctx),
			IsPrepayment: isPrepayment,
			PayPlanNum: payPlanNum,
			// "Procedures not in the Patient's family will be silently ignored" (§2.16).
			ProcNums: isPrepayment
				? []
				: numArray(b, 'procNums').filter((n) =>
						family.includes(state.procedures.find((p) => p.ProcNum === n)?.PatNum ?? -1),
					),
			SecDateTEdit: dateTime(ctx.now()),
		};
		state.payments.push(payment);
		return created(paymentOut(state, payment, ''), `/payments/${payment.PayNum}`);
	}),
	route('GET', '/payments', (req, { state, now }) => {
		const patNum = queryNum(req, 'PatNum');
		const payType = queryNum(req, 'PayType');
		const since = req.query.DateEntry;
		if (since && !isDate(since)) throw bad('DateEntry must be in "yyyy-MM-dd" format.');
		if (patNum !== undefined) patient(state, patNum);
		const rows = state.payments.filter(
			(p) =>
				(patNum === undefined || p.PatNum === patNum) &&
				(payType === undefined || p.PayType === payType) &&
				(!since || p.DateEntry >= since),
		);
		const serverDateTime = dateTime(now());
		return ok(paged(req, rows).map((p) => paymentOut(state, p, serverDateTime)));
	}),

	// ----- adjustments (§2.17) -----
	route('POST', '/adjustments', (req, ctx) => {
		const { state } = ctx;
		const b = body(req);
		for (const k of ['PatNum', 'AdjType', 'AdjAmt', 'AdjDate'])
			if (!given(b, k)) throw bad(`${k} is required.`);
		const pat = patient(state, integer(b, 'PatNum'));
		const type = def(state, integer(b, 'AdjType')!);
		if (type?.Category !== 1) throw bad('AdjType is invalid.');
		const amount = cents(b, 'AdjAmt')!;
		if ((type.ItemValue === '+' && amount <= 0) || (type.ItemValue === '-' && amount >= 0)) {
			throw bad(
				`AdjAmt must be ${type.ItemValue === '+' ? 'positive' : 'negative'} for this AdjType.`,
			);
		}
		const adjDate = date(b, 'AdjDate')!;
		if (adjDate > today(ctx)) throw bad('AdjDate cannot be a future date.');
		const procNum = integer(b, 'ProcNum') ?? 0;
		const proc = procNum ? state.procedures.find((p) => p.ProcNum === procNum) : undefined;
		if (procNum && proc?.PatNum !== pat.PatNum)
			throw bad('The procedure must be associated to the patient.');
		const provNum = integer(b, 'ProvNum') ?? pat.PriProv;
		const adjustment = {
			AdjNum: ctx.nextId('openDental.AdjNum', 4001),
			AdjDate: adjDate,
			AdjAmtCents: amount,
			PatNum: pat.PatNum,
			AdjType: type.DefNum,
			ProvNum: provNum,
			AdjNote: text(b, 'AdjNote') ?? '',
			ProcDate: date(b, 'ProcDate') ?? proc?.ProcDate ?? today(ctx),
			ProcNum: procNum,
			DateEntry: today(ctx),
			ClinicNum: integer(b, 'ClinicNum') ?? pat.ClinicNum,
			SecDateTEdit: dateTime(ctx.now()),
		};
		state.adjustments.push(adjustment);
		return created(adjustmentOut(state, adjustment), `/adjustments/${adjustment.AdjNum}`);
	}),
	route('GET', '/adjustments', (req, { state }) => {
		const patNum = queryNum(req, 'PatNum');
		if (patNum === undefined) throw bad('PatNum is required.');
		patient(state, patNum);
		const adjType = queryNum(req, 'AdjType');
		const procNum = queryNum(req, 'ProcNum');
		const rows = state.adjustments.filter(
			(a) =>
				a.PatNum === patNum &&
				(adjType === undefined || a.AdjType === adjType) &&
				(procNum === undefined || a.ProcNum === procNum),
		);
		return ok(paged(req, rows).map((a) => adjustmentOut(state, a)));
	}),

	// ----- definitions (apidefinitions.html): where the DefNums above come from -----
	route('GET', '/definitions', (req, { state }) => {
		const category = queryNum(req, 'Category');
		const rows = state.definitions.filter(
			(d) =>
				(category === undefined || d.Category === category) &&
				(req.query.includeHidden === 'true' || !d.isHidden),
		);
		return ok(
			paged(req, rows).map((d) => ({
				DefNum: d.DefNum,
				ItemName: d.ItemName,
				ItemValue: d.ItemValue,
				Category: d.Category,
				category: '',
				isHidden: bool(d.isHidden),
			})),
		);
	}),
];
