// The on-demand large practice for the practice-numbers benchmark (issue 15): thousands of
// patients and a year of CareCredit cases written into all three stand-ins as this package and
// the office would have left them: sessions and decisions in CareCredit; accepted plans, audit
// notes with the reference token, CareCredit payments, in-house plans (some corrected by staff)
// and appointments in Dentrix and Open Dental; a few records no function can interpret. One
// seeded pseudo-random generator, so the same options always give the same practice.
// Started by `POST /__sandbox/seed/large` or `startSandbox({ largeSeed })`; docs/sandbox.md.
import { localClockIn } from '../../financing/localTime';
import { pullbackBody } from '../careCredit/sessions';
import type { Session } from '../careCredit/types';
import type { StateStore } from '../core/store';
import type { DentrixPaymentAgreement } from '../dentrix/types';
import { financedNote, procTPOf } from '../openDental/seedScenarios';
import type { OdPayPlan, OdProcedure } from '../openDental/types';
import { dentrixIds, openDentalIds } from './ids';
import { LOCATION_SETUP } from './locations';
import { CDT, PROVIDERS } from './practice';
import { addDays, anchorDay } from './scenarios';
import type { LocationKey } from './types';

export interface LargeSeedOptions {
	/** Patients added (default 10,000). */
	patients?: number;
	/** Months of cases before the sandbox clock's day (default 12). */
	months?: number;
	/** CareCredit applications per month across both locations (default 60). */
	casesPerMonth?: number;
	/** Generator seed (default 1). */
	seed?: number;
	/**
	 * Whose ids CareCredit's sessions carry (recordId = patient, invoiceNumber = plan~location,
	 * as the prefill sends them), so the decisions match that system's records: `dentrix`
	 * (default) or `openDental`. Both systems hold every case either way.
	 */
	pms?: 'dentrix' | 'openDental';
}

export interface LargeSeedSummary {
	patients: number;
	cases: number;
	approved: number;
	arranged: number;
	booked: number;
	corrected: number;
	unclassified: number;
	milliseconds: number;
}

/** mulberry32: small, fast, deterministic. */
function generator(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
		pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
		chance: (p: number) => next() < p,
	};
}

const FIRST = [
	'Avery',
	'Jordan',
	'Riley',
	'Casey',
	'Morgan',
	'Quinn',
	'Harper',
	'Rowan',
	'Elliot',
	'Sage',
	'Blake',
	'Drew',
	'Emery',
	'Finley',
	'Hayden',
	'Jamie',
];
const LAST = [
	'Abernathy',
	'Bramwell',
	'Castellan',
	'Dunmore',
	'Ellery',
	'Fairbanks',
	'Greyson',
	'Hollis',
	'Ingram',
	'Jessup',
	'Kettering',
	'Langford',
	'Merriman',
	'Northcott',
	'Oakley',
	'Pembrook',
	'Quimby',
	'Redfern',
	'Stroud',
	'Thornbury',
];
const CASES: Array<Array<[string, string, number, number]>> = [
	[
		['D2740', '14', 135_000, 67_500],
		['D2950', '14', 29_500, 14_750],
	],
	[
		['D3330', '30', 135_000, 67_500],
		['D2740', '30', 135_000, 67_500],
	],
	[
		['D6010', '19', 225_000, 75_000],
		['D6057', '19', 95_000, 30_000],
		['D6058', '19', 155_000, 45_000],
	],
	[
		['D4341', '', 28_500, 22_800],
		['D4341', '', 28_500, 22_800],
		['D4342', '', 19_500, 15_600],
	],
	[['D8080', '', 580_000, 150_000]],
	[
		['D2962', '8', 140_000, 0],
		['D2962', '9', 140_000, 0],
	],
];
const PROMOS = ['DI6', 'DI12', 'DI18', 'DI24'];
const MERCHANTS: Record<LocationKey, string> = {
	downtown: '5348120100000001',
	lakeside: '5348120100000002',
};

const iso = (d: Date) => d.toISOString();
// Open Dental keeps date-times in the office's local time (the package's commlogs too): the
// seeded practice's zone, so the numbers read them as a real office's.
const pad = (n: number) => String(n).padStart(2, '0');
const local = (d: Date) => {
	// localClockIn keeps one formatter per zone: thousands of times stay fast.
	const { date, minutes: m } = localClockIn(LOCATION_SETUP[0].timeZone, d);
	return `${date} ${pad(Math.floor(m / 60))}:${pad(m % 60)}:${pad(d.getUTCSeconds())}`;
};
const minutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

export function applyLargeSeed(
	store: StateStore,
	options: LargeSeedOptions = {},
): LargeSeedSummary {
	const started = Date.now();
	const { state } = store;
	const rnd = generator(options.seed ?? 1);
	const patients = options.patients ?? 10_000;
	const months = options.months ?? 12;
	const perMonth = options.casesPerMonth ?? 60;
	const anchor = anchorDay(new Date(Date.now() + state.clockOffsetMs));
	const od = state.openDental;
	const dx = state.dentrix;
	const cc = state.careCredit;
	const summary = {
		patients,
		cases: 0,
		approved: 0,
		arranged: 0,
		booked: 0,
		corrected: 0,
		unclassified: 0,
	};

	// ----- patients: keys 1001+ (PatNum 1201+, pat_2001+) -----
	const people = Array.from({ length: patients }, (_, i) => {
		const key = 1001 + i;
		const location: LocationKey = rnd.chance(0.5) ? 'downtown' : 'lakeside';
		const provider = rnd.pick(PROVIDERS.filter((p) => p.locationKey === location)).key;
		const first = rnd.pick(FIRST);
		const last = `${rnd.pick(LAST)}${i % 7 === 0 ? '-Lane' : ''}`;
		const year = rnd.int(1940, 2008);
		const dob = `${year}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`;
		const phone = `(217) 555-${String(2000 + (i % 8000)).padStart(4, '0')}`;
		const email = `${first}.${last}.${key}@example.com`.toLowerCase();
		od.patients.push({
			PatNum: openDentalIds.patient(key),
			LName: last,
			FName: first,
			MiddleI: '',
			Preferred: '',
			PatStatus: rnd.chance(0.05) ? 'Inactive' : 'Patient',
			Gender: rnd.chance(0.5) ? 'Female' : 'Male',
			Position: 'Single',
			Birthdate: dob,
			SSN: `9${String(70 + (i % 30))}${String(key).padStart(6, '0')}`,
			Address: `${100 + (i % 900)} Prairie Ave`,
			Address2: '',
			City: location === 'downtown' ? 'Springfield' : 'Chatham',
			State: 'IL',
			Zip: location === 'downtown' ? '62704' : '62629',
			HmPhone: '',
			WkPhone: '',
			WirelessPhone: phone,
			Guarantor: openDentalIds.patient(key),
			Email: email,
			PriProv: openDentalIds.provider(provider),
			ClinicNum: openDentalIds.clinic(location),
			ChartNumber: String(openDentalIds.patient(key)),
			DateFirstVisit: '2020-01-15',
			DateTStamp: `${anchor} 06:00:00`,
			SecDateEntry: '2020-01-15',
			TxtMsgOk: rnd.chance(0.7) ? 'Yes' : 'Unknown',
			PreferConfirmMethod: 'TextMessage',
			PreferContactMethod: 'TextMessage',
			PreferRecallMethod: 'TextMessage',
		});
		const dxId = dentrixIds.patient(key);
		dx.patients.push({
			id: dxId,
			firstName: first,
			lastName: last,
			middleInitial: '',
			preferredName: '',
			gender: rnd.chance(0.5) ? 'Female' : 'Male',
			dateOfBirth: dob,
			taxId: `9${String(70 + (i % 30))}-${String(key).padStart(6, '0').slice(0, 2)}-${String(key).padStart(6, '0').slice(2)}`,
			chartNumber: `LG${String(key).padStart(5, '0')}`,
			address: {
				line1: `${100 + (i % 900)} Prairie Ave`,
				line2: '',
				city: 'Springfield',
				state: 'IL',
				zip: '62704',
			},
			phones: { home: '', cell: phone, work: '' },
			email,
			guarantorId: dxId,
			relationshipToGuarantor: 'self',
			locationId: dentrixIds.location(location),
			primaryProviderId: dentrixIds.provider(provider),
			status: 'patient',
			deceased: false,
			contactPreferences: {
				preferredContactMethod: 'textMessage',
				textMessages: 'optedIn',
				doNotContact: false,
			},
		});
		return { key, first, last, location, provider, phone, email };
	});

	// ----- a year of CareCredit cases -----
	const total = Math.min(patients, months * perMonth);
	let procNum = 100_000;
	for (let n = 0; n < total; n++) {
		const who = people[n];
		const patNum = openDentalIds.patient(who.key);
		const dxId = dentrixIds.patient(who.key);
		const daysAgo = Math.floor(((total - n) / total) * months * 30.4);
		const accepted = new Date(
			`${addDays(anchor, -daysAgo)}T${String(rnd.int(14, 22)).padStart(2, '0')}:${String(rnd.int(0, 59)).padStart(2, '0')}:00Z`,
		);
		const procs = rnd.pick(CASES);
		const portion = procs.reduce((s, p) => s + p[2] - p[3], 0);
		const outcome = rnd.next();
		const approved = outcome < 0.8;
		const status: Session['status'] = approved
			? 'Completed'
			: outcome < 0.92
				? 'Declined'
				: 'Pending';
		const decided = minutes(accepted, rnd.int(4, 90));
		const seq = store.nextId('careCredit.reference', 100001);
		const applicationId = `APP-${700000 + seq}`;
		const sessionId = `lg-${String(seq).padStart(8, '0')}`;
		const credit = approved ? rnd.pick([150_000, 250_000, 500_000, 800_000]) : 0;
		const planKey = 10_000 + n;
		const treatPlanNum = 100_000 + n;
		summary.cases += 1;
		const pmsIds =
			options.pms === 'openDental'
				? {
						recordId: String(patNum),
						plan: `${treatPlanNum}~${openDentalIds.clinic(who.location)}`,
					}
				: {
						recordId: dxId,
						plan: `${dentrixIds.plan(planKey)}~${dentrixIds.location(who.location)}`,
					};

		const session: Session = {
			sessionId,
			referenceId: `REF-${seq}`,
			merchantNumber: MERCHANTS[who.location],
			partnerCode: 'N8N',
			recordId: pmsIds.recordId,
			createdAt: iso(minutes(accepted, 1)),
			status,
			statusAt: iso(decided),
			applicants: [
				{
					firstName: who.first,
					lastName: who.last,
					middleName: '',
					taxIdLast4: String(who.key).slice(-4),
					dateOfBirthGiven: true,
					address: {},
					contactInfo: { cellPhone: who.phone.replace(/\D/g, ''), emailAddress: who.email },
					estimatedFeeCents: portion,
				},
			],
			additionalInfo: {},
			transactionInfo: {
				practiceMemo: '',
				promoCode: '',
				purchaseAmountCents: null,
				refundAmountCents: null,
				invoiceNumber: pmsIds.plan,
			},
			testApplicant: null,
			application: approved
				? {
						appResponseCode: 'APPROVED',
						applicationId,
						appEntryDate: iso(decided).slice(0, 10),
						creditLineCents: credit,
					}
				: null,
			accountNumber: null,
			pullbacks: 1,
			pendingResolve: null,
		};
		cc.sessions.push(session);
		cc.feed.push({
			cursor: String(store.nextId('careCredit.feed')),
			merchantNumber: session.merchantNumber,
			sessionId,
			referenceId: session.referenceId,
			sessionStatus: status,
			decidedAt: session.statusAt,
			pullback: pullbackBody(cc, session, `http://127.0.0.1:5170/portal/${sessionId}`),
			repeatOf: null,
		});

		// The plan as both PMSs hold it (Dentrix: accepted with CareCredit, outside the trigger's feed).
		const odProcs: OdProcedure[] = procs.map(([code, tooth, f, ins]) => ({
			ProcNum: (procNum += 1),
			PatNum: patNum,
			ProcDate: iso(accepted).slice(0, 10),
			ProcFeeCents: f,
			InsEstCents: ins,
			ToothNum: tooth,
			Surf: '',
			ProcStatus: 'TP',
			ProvNum: openDentalIds.provider(who.provider),
			ClinicNum: openDentalIds.clinic(who.location),
			CodeNum: 100 + (Number(code.slice(1)) % 900),
			procCode: code,
			descript: CDT[code] ?? code,
			DateTP: iso(accepted).slice(0, 10),
			DateTStamp: local(accepted),
			AptNum: 0,
			PlannedAptNum: 0,
		}));
		od.procedures.push(...odProcs);
		od.treatPlans.push({
			TreatPlanNum: treatPlanNum,
			PatNum: patNum,
			DateTP: iso(accepted).slice(0, 10),
			Heading: 'Treatment (signed)',
			Note: 'Patient accepted.\nFunding: CareCredit',
			TPStatus: 'Saved',
			ResponsParty: 0,
			DateTSigned: local(accepted),
			SignatureText: `${who.first} ${who.last}`,
			SecDateEntry: iso(accepted).slice(0, 10),
			SecDateTEdit: local(accepted),
		});
		odProcs.forEach((p, i) =>
			od.procTPs.push(
				procTPOf(p, {
					ProcTPNum: 200_000 + p.ProcNum,
					TreatPlanNum: treatPlanNum,
					ItemOrder: i,
					DateTP: p.DateTP,
					SecDateEntry: p.DateTP,
				}),
			),
		);
		dx.treatmentPlans.push({
			id: dentrixIds.plan(planKey),
			patientId: dxId,
			caseName: 'Treatment',
			status: 'accepted',
			fundingMethod: 'CareCredit',
			locationId: dentrixIds.location(who.location),
			providerId: dentrixIds.provider(who.provider),
			createdOn: iso(accepted).slice(0, 10),
			acceptedAt: iso(accepted),
			acceptSequence: null,
			procedures: odProcs.map((p) => ({
				id: `proc_${p.ProcNum}`,
				cdtCode: p.procCode,
				description: p.descript,
				tooth: p.ToothNum,
				surface: '',
				feeCents: p.ProcFeeCents,
				insuranceEstimateCents: p.InsEstCents,
				patientPortionCents: p.ProcFeeCents - p.InsEstCents,
			})),
		});
		if (!approved) continue;
		summary.approved += 1;

		// Most approvals were arranged by the automation minutes later: audit note, payment, in-house plan.
		if (!rnd.chance(0.92)) continue;
		summary.arranged += 1;
		const arranged = minutes(decided, rnd.int(1, 30));
		const financed = Math.min(portion, credit);
		const shortfall = portion - financed;
		const firstPayment = addDays(iso(arranged).slice(0, 10), 30);
		const inHouse =
			shortfall > 0 ? { count: 6, paymentCents: Math.ceil(shortfall / 6), firstPayment } : null;
		const promo = rnd.pick(PROMOS);
		const note = financedNote(
			{ applicationId, promoCode: promo, approvedCents: credit },
			patNum,
			portion,
			local(arranged),
			inHouse,
		);
		od.commlogs.push({
			CommlogNum: store.nextId('openDental.CommlogNum', 1001),
			PatNum: patNum,
			CommDateTime: local(arranged),
			CommType: 235,
			Note: note,
			Mode_: 'None',
			SentOrReceived: 'Neither',
			DateTStamp: local(arranged),
			DateTEntry: local(arranged),
		});
		od.payments.push({
			PayNum: store.nextId('openDental.PayNum', 3001),
			PayType: 72,
			PayDate: iso(arranged).slice(0, 10),
			PayAmtCents: financed,
			CheckNum: '',
			BankBranch: '',
			PayNote: `CareCredit ${promo} purchase [cc:${applicationId}]`,
			PatNum: patNum,
			ClinicNum: openDentalIds.clinic(who.location),
			DateEntry: iso(arranged).slice(0, 10),
			IsPrepayment: false,
			PayPlanNum: 0,
			ProcNums: [],
			SecDateTEdit: local(arranged),
		});
		const dxNote = financedNote(
			{ applicationId, promoCode: promo, approvedCents: credit },
			dxId,
			portion,
			local(arranged),
			inHouse,
		);
		dx.ledgerNotes.push({
			id: `note_${store.nextId('dentrix.ledgerNote', 4101)}`,
			guarantorId: dxId,
			patientId: dxId,
			date: iso(arranged).slice(0, 10),
			kind: 'guarantorNote',
			text: dxNote,
			createdAt: iso(arranged),
			createdBy: 'api',
		});
		dx.payments.push({
			id: `pay_${store.nextId('dentrix.payment', 6101)}`,
			guarantorId: dxId,
			patientId: dxId,
			paymentType: 'CareCredit Payment',
			amountCents: financed,
			date: iso(arranged).slice(0, 10),
			reference: `TXN-${seq}`,
			note: `CareCredit ${promo} purchase (gross) [cc:${applicationId}]`,
			createdAt: iso(arranged),
			createdBy: 'api',
		});
		if (inHouse) {
			const first = inHouse.firstPayment;
			const agreement: DentrixPaymentAgreement = {
				id: `pa_${store.nextId('dentrix.agreement', 3101)}`,
				guarantorId: dxId,
				status: 'active',
				billingType: 'Payment Agreement',
				agreementDate: iso(arranged).slice(0, 10),
				interval: 'monthly',
				annualFinanceChargePercent: 0,
				annualLateChargePercent: 0,
				gracePeriodDays: 10,
				minimumLateChargeCents: 0,
				minimumBalanceToChargeCents: 0,
				totalAgreedAmountCents: shortfall,
				downPaymentCents: 0,
				firstPaymentDue: first,
				paymentAmountCents: inHouse.paymentCents,
				numberOfPayments: inHouse.count,
				note: `CareCredit shortfall in-house plan [cc:${applicationId}]`,
				statementNote: '',
				createdAt: iso(arranged),
				createdBy: 'api',
				updatedAt: iso(arranged),
				closedAt: null,
				edits: [],
			};
			// The same in-house plan in Open Dental: a dynamic plan whose links carry the shortfall.
			const odPlan = largePayPlan(
				store,
				patNum,
				odProcs,
				shortfall,
				inHouse.paymentCents,
				arranged,
				first,
				applicationId,
			);
			// Staff corrected some: a different payment and count, days later.
			if (rnd.chance(0.12)) {
				summary.corrected += 1;
				const at = iso(minutes(arranged, rnd.int(60, 5 * 24 * 60)));
				const count = inHouse.count + 2;
				const pay = Math.ceil(shortfall / count);
				agreement.edits.push({
					at,
					source: 'console',
					changes: {
						paymentAmount: { from: agreement.paymentAmountCents, to: pay },
						numberOfPayments: { from: agreement.numberOfPayments, to: count },
					},
				});
				Object.assign(agreement, {
					paymentAmountCents: pay,
					numberOfPayments: count,
					updatedAt: at,
				});
				odPlan.PayAmtCents = pay;
			}
			dx.paymentAgreements.push(agreement);
		}

		// Booked: an appointment carrying the financed procedures, days after the decision.
		if (!rnd.chance(0.85)) continue;
		summary.booked += 1;
		const day = addDays(iso(decided).slice(0, 10), rnd.int(1, 21));
		const time = `${String(rnd.int(8, 15)).padStart(2, '0')}:00`;
		const done = day < anchor;
		const aptNum = store.nextId('openDental.AptNum', 1001);
		for (const p of odProcs)
			Object.assign(p, {
				AptNum: aptNum,
				ProcStatus: done ? 'C' : 'TP',
				ProcDate: done ? day : p.ProcDate,
			});
		const op = od.operatories.find((o) => o.ProvDentist === openDentalIds.provider(who.provider));
		od.appointments.push({
			AptNum: aptNum,
			PatNum: patNum,
			AptStatus: done ? 'Complete' : 'Scheduled',
			Pattern: '/XXXXXXXXXX/',
			Confirmed: 21,
			Op: op?.OperatoryNum ?? 1,
			Note: '',
			ProvNum: openDentalIds.provider(who.provider),
			ProvHyg: 0,
			AptDateTime: `${day} ${time}:00`,
			NextAptNum: 0,
			IsNewPatient: false,
			ProcDescript: odProcs.map((p) => p.procCode).join(', '),
			ClinicNum: openDentalIds.clinic(who.location),
			IsHygiene: false,
			DateTStamp: local(minutes(decided, 120)),
			InsPlan1: 0,
			InsPlan2: 0,
			AppointmentTypeNum: 0,
			SecDateTEntry: local(minutes(decided, 120)),
			Priority: 'Normal',
		});
		dx.appointments.push({
			id: `apt_${store.nextId('dentrix.appointment', 9101)}`,
			patientId: dxId,
			locationId: dentrixIds.location(who.location),
			providerId: dentrixIds.provider(who.provider),
			status: done ? 'completed' : 'scheduled',
			date: day,
			time,
			lengthMinutes: 60,
			asap: false,
			reason: odProcs.map((p) => p.procCode).join(', '),
			procedureIds: odProcs.map((p) => `proc_${p.ProcNum}`),
			createdAt: iso(minutes(decided, 120)),
			createdBy: 'console',
		});
	}

	// ----- what no function can interpret: a note that mentions CareCredit without a token, an
	// appointment with no procedures -----
	for (let i = 0; i < Math.max(1, Math.round(total / 100)); i++) {
		const who = people[(i * 37) % people.length];
		const at = `${addDays(anchor, -(i % 300) - 1)} 11:00:00`;
		od.commlogs.push({
			CommlogNum: store.nextId('openDental.CommlogNum', 1001),
			PatNum: openDentalIds.patient(who.key),
			CommDateTime: at,
			CommType: 235,
			Note: 'CareCredit approved, see paper file. -front desk',
			Mode_: 'None',
			SentOrReceived: 'Neither',
			DateTStamp: at,
			DateTEntry: at,
		});
		dx.ledgerNotes.push({
			id: `note_${store.nextId('dentrix.ledgerNote', 4101)}`,
			guarantorId: dentrixIds.patient(who.key),
			patientId: dentrixIds.patient(who.key),
			date: at.slice(0, 10),
			kind: 'guarantorNote',
			text: 'CareCredit approved, see paper file. -front desk',
			createdAt: `${at.slice(0, 10)}T16:00:00.000Z`,
			createdBy: 'console',
		});
		od.appointments.push({
			AptNum: store.nextId('openDental.AptNum', 1001),
			PatNum: openDentalIds.patient(who.key),
			AptStatus: 'Scheduled',
			Pattern: '/XX/',
			Confirmed: 21,
			Op: 1,
			Note: 'CareCredit case',
			ProvNum: 1,
			ProvHyg: 0,
			AptDateTime: `${addDays(anchor, (i % 20) + 1)} 16:00:00`,
			NextAptNum: 0,
			IsNewPatient: false,
			ProcDescript: '',
			ClinicNum: 1,
			IsHygiene: false,
			DateTStamp: at,
			InsPlan1: 0,
			InsPlan2: 0,
			AppointmentTypeNum: 0,
			SecDateTEntry: at,
			Priority: 'Normal',
		});
		summary.unclassified += 2;
	}
	store.save();
	return { ...summary, milliseconds: Date.now() - started };
}

/** An automated Open Dental plan for a shortfall: the first procedure's link carries it all. */
function largePayPlan(
	store: StateStore,
	patNum: number,
	procs: OdProcedure[],
	shortfall: number,
	paymentCents: number,
	arranged: Date,
	firstPayment: string,
	applicationId: string,
): OdPayPlan {
	const od = store.state.openDental;
	const day = iso(arranged).slice(0, 10);
	const plan: OdPayPlan = {
		PayPlanNum: store.nextId('openDental.PayPlanNum', 1001),
		PatNum: patNum,
		Guarantor: patNum,
		PayPlanDate: day,
		APR: 0,
		Note: `${day} - Date of Agreement: ${day}, Total Amount: ${(shortfall / 100).toFixed(2)}, APR: 0, Total Cost of Loan: ${(shortfall / 100).toFixed(2)}, CareCredit shortfall in-house plan [cc:${applicationId}]`,
		PayAmtCents: paymentCents,
		DownPaymentCents: 0,
		IsClosed: false,
		PlanCategory: 0,
		ChargeFrequency: 'Monthly',
		DatePayPlanStart: firstPayment,
		IsLocked: true,
		DateInterestStart: '0001-01-01',
		DynamicPayPlanTPOption: 'AwaitComplete',
		SecDateTEntry: local(arranged),
	};
	od.payPlans.push(plan);
	od.payPlanLinks.push({
		PayPlanLinkNum: store.nextId('openDental.PayPlanLinkNum', 2001),
		PayPlanNum: plan.PayPlanNum,
		LinkType: 'Procedure',
		FKey: procs[0].ProcNum,
		AmountOverrideCents: shortfall,
		SecDateTEntry: local(arranged),
	});
	return plan;
}
