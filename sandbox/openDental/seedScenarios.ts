// The insurance, scheduling, recall and financed-case rows of the seed (sandbox/seed/scenarios.ts)
// as Open Dental holds them, dated from the anchor day. Numbering: CarrierNum 1-3, PlanNum 11+,
// InsSubNum 21+, PatPlanNum 31+, BenefitNum 101+, ClaimProcNum 901+, InsVerifyNum 501+, AptNum
// 701+ (seed appointment key + 700), RecallNum 801+, ProcNum 2001+ for the scenario procedures.
import {
	addBusinessDays,
	addDays,
	APPOINTMENTS,
	CARRIERS,
	CDT,
	CLAIM_USAGE,
	COVERAGES,
	COVERAGE_CATEGORIES,
	FINANCED_CASES,
	INS_PLANS,
	RECALLS,
	SCENARIO_PEOPLE,
	SCENARIO_PLANS,
	VERIFICATIONS,
	openDentalIds as ids,
} from '../seed';
import { describeApr, describePayments } from '../../financing/notes';
import type { OdBenefit, OdProcTP, OdProcedure, OpenDentalState } from './types';

/** The proctp copy of a procedure on a Saved treatment plan (apiproctps.html). */
export const procTPOf = (
	p: OdProcedure,
	row: Pick<OdProcTP, 'ProcTPNum' | 'TreatPlanNum' | 'ItemOrder' | 'DateTP' | 'SecDateEntry'>,
): OdProcTP => ({
	...row,
	PatNum: p.PatNum,
	ProcNumOrig: p.ProcNum,
	ToothNumTP: p.ToothNum,
	Surf: p.Surf,
	ProcCode: p.procCode,
	Descript: p.descript,
	FeeAmtCents: p.ProcFeeCents,
	PriInsAmtCents: p.InsEstCents,
	PatAmtCents: p.ProcFeeCents - p.InsEstCents,
	ProvNum: p.ProvNum,
	ClinicNum: p.ClinicNum,
});

const EMPTY = '0001-01-01';
/** Where Open Dental keeps the recall commlog type and the recall and verify statuses. */
export const SCENARIO_DEFS = {
	commTypeRecall: 237,
	recallStatus: { leftMsg: 131, texted: 132, emailed: 133, mailedPostcard: 134 },
	insVerifyStatus: { verified: 381, needsAttention: 382 },
	confirmed: { notCalled: 21, unconfirmed: 22, confirmed: 23 },
};
export const RECALL_TYPE_NUMS = { Prophy: 1, 'Child Prophy': 2, Perio: 3, '4BW': 4, Pano: 5 };
/** The recall type a seeded recall names but no recalltype row has (bad data). */
export const MISSING_RECALL_TYPE = 9;

const planNum = (key: string) => 11 + INS_PLANS.findIndex((p) => p.key === key);
const codeNumOf = (state: OpenDentalState, code: string) =>
	state.procedures.find((p) => p.procCode === code)?.CodeNum ?? 500 + (Number(code.slice(1)) % 500);

export function seedScenarios(state: OpenDentalState, anchor: string): void {
	const stamp = `${anchor} 07:00:00`;
	const day = (n: number | null) => (n === null ? EMPTY : addDays(anchor, n));
	const year = anchor.slice(0, 4);
	const person = (key: number) => SCENARIO_PEOPLE.find((p) => p.key === key)!;

	state.definitions.push(
		{ DefNum: 21, Category: 2, ItemName: 'Not Called', ItemValue: '', isHidden: false },
		{ DefNum: 22, Category: 2, ItemName: 'Unconfirmed', ItemValue: '', isHidden: false },
		{ DefNum: 23, Category: 2, ItemName: 'Appointment Confirmed', ItemValue: '', isHidden: false },
		{ DefNum: 131, Category: 13, ItemName: 'Left Msg', ItemValue: '', isHidden: false },
		{ DefNum: 132, Category: 13, ItemName: 'Texted', ItemValue: '', isHidden: false },
		{ DefNum: 133, Category: 13, ItemName: 'E-mailed', ItemValue: '', isHidden: false },
		{ DefNum: 134, Category: 13, ItemName: 'Mailed Postcard', ItemValue: '', isHidden: false },
		{ DefNum: 237, Category: 27, ItemName: 'Recall', ItemValue: 'RECALL', isHidden: false },
		{ DefNum: 381, Category: 38, ItemName: 'Verified', ItemValue: '', isHidden: false },
		{ DefNum: 382, Category: 38, ItemName: 'Needs attention', ItemValue: '', isHidden: false },
	);

	// ----- insurance -----
	state.carriers = CARRIERS.map((c, i) => ({
		CarrierNum: i + 1,
		CarrierName: c.name,
		Address: `${100 + i * 250} Main St`,
		Address2: '',
		City: c.city,
		State: c.state,
		Zip: c.zip,
		Phone: c.phone,
		ElectID: c.electId,
		NoSendElect: 'SendElect',
		IsHidden: false,
	}));
	state.covCats = COVERAGE_CATEGORIES.map(([Description, DefaultPercent, EbenefitCat], i) => ({
		CovCatNum: i + 1,
		Description,
		DefaultPercent,
		CovOrder: i,
		IsHidden: false,
		EbenefitCat,
	}));
	const covCat = (name: string) => state.covCats.find((c) => c.Description === name)!.CovCatNum;
	state.insPlans = INS_PLANS.map((p) => ({
		PlanNum: planNum(p.key),
		GroupName: p.groupName,
		GroupNum: p.groupNum,
		PlanNote: '',
		PlanType: p.planType,
		EmployerNum: 0,
		// A plan whose carrier row is gone: CarrierNum points at nothing.
		CarrierNum: p.carrierKey ? CARRIERS.findIndex((c) => c.key === p.carrierKey) + 1 : 99,
		MonthRenew: 0,
		SecDateEntry: '2024-01-15',
		SecDateTEdit: '2024-01-15 09:00:00',
	}));
	let benefitNum = 100;
	for (const p of INS_PLANS) {
		const base = {
			PlanNum: planNum(p.key),
			PatPlanNum: 0,
			Percent: -1,
			MonetaryAmtCents: -100,
			TimePeriod: 'CalendarYear',
			QuantityQualifier: 'None',
			Quantity: 0,
			CodeNum: 0,
			procCode: '',
			CoverageLevel: 'None',
			SecDateTEntry: '2024-01-15 09:00:00',
		} as const;
		const add = (row: Partial<OdBenefit> & Pick<OdBenefit, 'BenefitType'>) =>
			state.benefits.push({ ...base, CovCatNum: 0, ...row, BenefitNum: (benefitNum += 1) });
		// Annual maximum and deductible: general Limitations / Deductible rows (-1 when empty).
		add({
			BenefitType: 'Limitations',
			CovCatNum: covCat('General'),
			CoverageLevel: 'Individual',
			MonetaryAmtCents: p.annualMaxCents ?? -100,
		});
		add({
			BenefitType: 'Deductible',
			CovCatNum: covCat('General'),
			CoverageLevel: 'Individual',
			MonetaryAmtCents: p.deductibleCents ?? -100,
		});
		// Deductible waived on diagnostic and preventive care.
		for (const cat of ['Diagnostic', 'X-Ray', 'Preventive'])
			add({
				BenefitType: 'Deductible',
				CovCatNum: covCat(cat),
				CoverageLevel: 'Individual',
				MonetaryAmtCents: 0,
			});
		for (const [cat, percent] of Object.entries(p.percents))
			add({ BenefitType: 'CoInsurance', CovCatNum: covCat(cat), Percent: percent! });
		// Frequency limits: two cleanings per calendar year, bitewings once every 12 months.
		add({
			BenefitType: 'Limitations',
			QuantityQualifier: 'NumberOfServices',
			Quantity: 2,
			CodeNum: codeNumOf(state, 'D1110'),
			procCode: 'D1110',
		});
		add({
			BenefitType: 'Limitations',
			TimePeriod: 'NumberInLast12Months',
			QuantityQualifier: 'NumberOfServices',
			Quantity: 1,
			CodeNum: codeNumOf(state, 'D0274'),
			procCode: 'D0274',
		});
	}
	COVERAGES.forEach((c, i) => {
		const InsSubNum = 21 + i;
		state.insSubs.push({
			InsSubNum,
			PlanNum: planNum(c.planKey),
			Subscriber: ids.patient(c.subscriberKey),
			DateEffective: day(c.effectiveDay),
			DateTerm: day(c.termDay),
			SubscriberID: c.subscriberId,
			BenefitNotes: '',
			SubscNote: '',
			SecDateTEdit: `${day(c.effectiveDay === null ? 0 : c.effectiveDay)} 09:00:00`,
		});
		state.patPlans.push({
			PatPlanNum: 31 + i,
			PatNum: ids.patient(c.personKey),
			Ordinal: c.ordinal,
			IsPending: c.pending,
			Relationship: c.relationship,
			InsSubNum,
			SecDateTEntry: `${day(c.effectiveDay ?? 0)} 09:00:00`,
			SecDateTEdit: `${day(c.effectiveDay ?? 0)} 09:00:00`,
		});
	});
	const patPlanOf = (personKey: number, planKey: string) =>
		state.patPlans.find(
			(pp) =>
				pp.PatNum === ids.patient(personKey) &&
				state.insSubs.find((s) => s.InsSubNum === pp.InsSubNum)?.PlanNum === planNum(planKey),
		)!;

	// ----- procedures of the scenario patients -----
	let procNum = 2000;
	const addProc = (row: Omit<OdProcedure, 'ProcNum' | 'CodeNum' | 'DateTStamp'>) => {
		const p: OdProcedure = {
			...row,
			ProcNum: (procNum += 1),
			CodeNum: codeNumOf(state, row.procCode),
			DateTStamp: `${row.ProcDate === EMPTY ? row.DateTP : row.ProcDate} 12:00:00`,
			AptNum: 0,
			PlannedAptNum: 0,
		};
		state.procedures.push(p);
		return p;
	};
	let claimProcNum = 900;
	CLAIM_USAGE.forEach((u, i) => {
		const who = person(u.personKey);
		const date = [`${year}-01-01`, addDays(`${year}-01-01`, u.dayOfYear), anchor].sort()[1];
		const pp = patPlanOf(u.personKey, u.planKey);
		const proc =
			state.procedures.find(
				(p) =>
					p.PatNum === ids.patient(u.personKey) && p.procCode === u.code && p.ProcDate === date,
			) ??
			addProc({
				PatNum: ids.patient(u.personKey),
				ProcDate: date,
				ProcFeeCents: u.feeCents,
				InsEstCents: u.insPaidCents,
				ToothNum: '',
				Surf: '',
				ProcStatus: 'C',
				ProvNum: ids.provider(who.providerKey),
				ClinicNum: ids.clinic(who.locationKey),
				procCode: u.code,
				descript: CDT[u.code] ?? u.code,
				DateTP: date,
			});
		state.claimProcs.push({
			ClaimProcNum: (claimProcNum += 1),
			ProcNum: proc.ProcNum,
			ClaimNum: 300 + i,
			PatNum: ids.patient(u.personKey),
			ProvNum: proc.ProvNum,
			FeeBilledCents: u.feeCents,
			InsPayEstCents: u.insPaidCents,
			DedAppliedCents: u.deductibleCents,
			Status: 'Received',
			InsPayAmtCents: u.insPaidCents,
			PlanNum: planNum(u.planKey),
			InsSubNum: pp.InsSubNum,
			DateCP: addDays(date, 21) > anchor ? anchor : addDays(date, 21),
			WriteOffCents: 0,
			CodeSent: u.code,
			Percentage: Math.round(((u.insPaidCents + u.deductibleCents) / u.feeCents) * 100),
			ProcDate: date,
			ClinicNum: proc.ClinicNum,
			SecDateEntry: date,
			SecDateTEdit: `${date} 16:00:00`,
		});
	});
	let verifyNum = 500;
	for (const v of VERIFICATIONS) {
		const pp = patPlanOf(v.personKey, v.planKey);
		const rows = [
			['PatientEnrollment', pp.PatPlanNum, v.enrollmentDaysAgo],
			['InsuranceBenefit', planNum(v.planKey), v.benefitsDaysAgo],
		] as const;
		for (const [VerifyType, FKey, ago] of rows) {
			if (state.insVerifies.some((x) => x.VerifyType === VerifyType && x.FKey === FKey)) continue;
			state.insVerifies.push({
				InsVerifyNum: (verifyNum += 1),
				DateLastVerified: ago === null ? EMPTY : addDays(anchor, -ago),
				VerifyType,
				FKey,
				DefNum: ago === null ? 0 : SCENARIO_DEFS.insVerifyStatus.verified,
				Note: '',
				DateLastAssigned: EMPTY,
				SecDateTEdit: `${ago === null ? anchor : addDays(anchor, -ago)} 10:15:00`,
			});
		}
	}

	// ----- operatories, treatment cases, appointments -----
	state.operatories = [
		[1, 'Downtown Op 1', 'DT-1', 1, 'patel'],
		[2, 'Downtown Op 2', 'DT-2', 1, 'chen'],
		[3, 'Lakeside Op 1', 'LS-1', 2, 'rossi'],
		[4, 'Lakeside Op 2', 'LS-2', 2, 'okafor'],
	].map(([OperatoryNum, OpName, Abbrev, ClinicNum, prov], i) => ({
		OperatoryNum: OperatoryNum as number,
		OpName: OpName as string,
		Abbrev: Abbrev as string,
		ItemOrder: i,
		ProvDentist: ids.provider(prov as string),
		ProvHygienist: 0,
		IsHygiene: false,
		ClinicNum: ClinicNum as number,
	}));
	const caseProcs = new Map<number, OdProcedure[]>();
	for (const plan of SCENARIO_PLANS) {
		const PatNum = ids.patient(plan.patientKey);
		const created = addDays(anchor, -plan.createdDaysAgo);
		const procs = plan.procedures.map((p) =>
			addProc({
				PatNum,
				ProcDate: created,
				ProcFeeCents: p.feeCents,
				InsEstCents: p.insuranceEstimateCents,
				ToothNum: p.tooth,
				Surf: p.surface,
				ProcStatus: 'TP',
				ProvNum: ids.provider(plan.providerKey),
				ClinicNum: ids.clinic(plan.locationKey),
				procCode: p.code,
				descript: p.description,
				DateTP: created,
			}),
		);
		caseProcs.set(plan.key, procs);
		const TreatPlanNum =
			plan.acceptedDaysAgo === null ? ids.treatPlan(plan.key) : ids.savedTreatPlan(plan.key);
		const signed =
			plan.acceptedDaysAgo === null
				? '0001-01-01 00:00:00'
				: `${addDays(anchor, -plan.acceptedDaysAgo)} 15:00:00`;
		const who = person(plan.patientKey);
		state.treatPlans.push({
			TreatPlanNum,
			PatNum,
			DateTP: created,
			Heading: plan.acceptedDaysAgo === null ? plan.caseName : `${plan.caseName} (signed)`,
			Note: plan.fundingMethod ? `Patient accepted.\nFunding: ${plan.fundingMethod}` : '',
			TPStatus: plan.acceptedDaysAgo === null ? 'Active' : 'Saved',
			ResponsParty: 0,
			DateTSigned: signed,
			SignatureText: plan.acceptedDaysAgo === null ? '' : `${who.firstName} ${who.lastName}`,
			SecDateEntry: created,
			SecDateTEdit: plan.acceptedDaysAgo === null ? `${created} 10:00:00` : signed,
		});
		procs.forEach((p, i) => {
			if (plan.acceptedDaysAgo === null) {
				state.treatPlanAttaches.push({
					TreatPlanAttachNum: 7900 + p.ProcNum - 2000,
					TreatPlanNum,
					ProcNum: p.ProcNum,
				});
				return;
			}
			state.procTPs.push(
				procTPOf(p, {
					ProcTPNum: 5900 + p.ProcNum - 2000,
					TreatPlanNum,
					ItemOrder: i,
					DateTP: created,
					SecDateEntry: signed.slice(0, 10),
				}),
			);
		});
	}
	for (const a of APPOINTMENTS) {
		const who = person(a.personKey);
		const prov = ids.provider(who.providerKey);
		const op = state.operatories.find((o) => o.ProvDentist === prov)!;
		const date = a.businessDays ? addBusinessDays(anchor, a.day) : addDays(anchor, a.day);
		const AptNum = 700 + a.key;
		const procs = a.caseKey ? caseProcs.get(a.caseKey)! : [];
		for (const p of procs) {
			if (a.status === 'Planned') p.PlannedAptNum = AptNum;
			else if (a.status === 'Scheduled' || a.status === 'UnschedList') p.AptNum = AptNum;
		}
		const codes = a.codes.length ? a.codes : procs.map((p) => p.procCode);
		const pp = state.patPlans
			.filter((x) => x.PatNum === ids.patient(a.personKey))
			.sort((x, y) => x.Ordinal - y.Ordinal)
			.map((x) => state.insSubs.find((s) => s.InsSubNum === x.InsSubNum)!.PlanNum);
		state.appointments.push({
			AptNum,
			PatNum: ids.patient(a.personKey),
			AptStatus: a.status,
			Pattern: `/${'X'.repeat(Math.max(1, a.minutes / 5 - 2))}/`,
			Confirmed: SCENARIO_DEFS.confirmed.notCalled,
			Op: op.OperatoryNum,
			Note: '',
			ProvNum: prov,
			ProvHyg: 0,
			AptDateTime: a.status === 'Planned' ? '0001-01-01 00:00:00' : `${date} ${a.time}:00`,
			NextAptNum: 0,
			IsNewPatient: false,
			ProcDescript: codes.join(', '),
			ClinicNum: op.ClinicNum,
			IsHygiene: a.hygiene === true,
			DateTStamp: stamp,
			InsPlan1: pp[0] ?? 0,
			InsPlan2: pp[1] ?? 0,
			AppointmentTypeNum: 0,
			SecDateTEntry: `${a.day < 0 ? date : addDays(anchor, -14)} 09:00:00`,
			Priority: a.asap ? 'ASAP' : 'Normal',
		});
	}
	state.apptFieldDefs = [
		{
			ApptFieldDefNum: 1,
			FieldName: 'Ins Verified',
			FieldType: 'PickList',
			PickList: 'Yes\r\nNo\r\nNeeds review',
		},
		{ ApptFieldDefNum: 2, FieldName: 'Outreach', FieldType: 'Text', PickList: '' },
	];
	state.apptFields = [{ AptNum: 701, FieldName: 'Ins Verified', FieldValue: 'Yes' }];

	// ----- recall -----
	state.recallTypes = [
		[1, 'Prophy', '6m1d', '/XXXX/', 'D0120,D1110'],
		[2, 'Child Prophy', '6m1d', '/XXX/', 'D0120,D1120,D1208'],
		[3, 'Perio', '3m1d', '/XXXXXX/', 'D4910'],
		[4, '4BW', '1y', '', 'D0274'],
		[5, 'Pano', '5y', '', 'D0330'],
	].map(([RecallTypeNum, Description, DefaultInterval, TimePattern, Procedures]) => ({
		RecallTypeNum: RecallTypeNum as number,
		Description: Description as string,
		DefaultInterval: DefaultInterval as string,
		TimePattern: TimePattern as string,
		Procedures: Procedures as string,
		AppendToSpecial: false,
	}));
	state.preferences.recallTypesShowingInList = [1, 2, 3, 4];
	let commlogNum = 650; // below the API sequence (1001+)
	RECALLS.forEach((r, i) => {
		const PatNum = ids.patient(r.personKey);
		const previous = day(r.previousDay);
		state.recalls.push({
			RecallNum: 801 + i,
			PatNum,
			DateDue: day(r.dueDay),
			DatePrevious: previous,
			RecallInterval: r.interval,
			RecallStatus: r.remindedDaysAgo.length ? SCENARIO_DEFS.recallStatus.emailed : 0,
			Note: '',
			IsDisabled: false,
			DateTStamp: stamp,
			RecallTypeNum: r.type ? RECALL_TYPE_NUMS[r.type] : MISSING_RECALL_TYPE,
			DisableUntilDate: EMPTY,
			DateScheduled: EMPTY,
			Priority: 'Normal',
		});
		// Each earlier reminder is the commlog PUT /recalls/Status writes.
		for (const ago of r.remindedDaysAgo) {
			const at = `${addDays(anchor, -ago)} 10:00:00`;
			state.commlogs.push({
				CommlogNum: (commlogNum += 1),
				PatNum,
				CommDateTime: at,
				CommType: SCENARIO_DEFS.commTypeRecall,
				Note: 'Recall reminder. Status: E-mailed',
				Mode_: 'Email',
				SentOrReceived: 'Sent',
				DateTStamp: at,
				DateTEntry: at,
			});
		}
	});

	// ----- financed cases: the audit commlog the package writes when CareCredit approves -----
	for (const f of FINANCED_CASES) {
		const plan = SCENARIO_PLANS.find((p) => p.key === f.planKey)!;
		const procs = caseProcs.get(plan.key)!;
		const portion = procs.reduce((s, p) => s + p.ProcFeeCents - p.InsEstCents, 0);
		const decided = new Date(`${addDays(anchor, -plan.acceptedDaysAgo!)}T15:30:00Z`);
		const at = new Date(decided.getTime() + f.minutesToArrangement * 60_000)
			.toISOString()
			.slice(0, 19)
			.replace('T', ' ');
		state.commlogs.push({
			CommlogNum: (commlogNum += 1),
			PatNum: ids.patient(plan.patientKey),
			CommDateTime: at,
			CommType: 235,
			Note: financedNote(f, plan.patientKey, portion, at),
			Mode_: 'None',
			SentOrReceived: 'Neither',
			DateTStamp: at,
			DateTEntry: at,
		});
	}
}

const money = (cents: number) =>
	`$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** The audit note text in the shape financing/arrangement.ts writes (reference token last). */
export function financedNote(
	f: { applicationId: string; promoCode: string; approvedCents: number },
	patientId: number | string,
	portionCents: number,
	at: string,
	inHouse: { count: number; paymentCents: number; firstPayment: string } | null = null,
): string {
	const financed = Math.min(portionCents, f.approvedCents);
	const shortfall = portionCents - financed;
	return [
		`${at.slice(0, 16)} CareCredit approved: application ${f.applicationId} for patient ${patientId} (guarantor ${patientId}).`,
		`Promotional plan ${f.promoCode}.`,
		`Approved ${money(f.approvedCents)}; patient portion ${money(portionCents)}; financed by CareCredit ${money(financed)}.`,
		inHouse
			? // In the words the package's audit note uses (financing/arrangement/texts.ts), so the
				// practice numbers read the recorded terms back.
				`In-house balance after CareCredit ${money(shortfall)}: down payment $0.00, ${describePayments(inHouse.count, inHouse.paymentCents, shortfall - inHouse.paymentCents * (inHouse.count - 1), 'monthly', inHouse.firstPayment)}, ${describeApr(0)}.`
			: 'No in-house balance.',
		`Written by automation. [cc:${f.applicationId}]`,
	].join(' ');
}
