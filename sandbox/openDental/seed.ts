// The seeded practice as Open Dental holds it: a presented plan is an Active treatplan with
// treatplanattaches; an accepted one also has a signed Saved copy with proctps
// (docs/opendental-api-notes.md §2.12-2.14).
import {
	anchorDay,
	DEFAULT_CONTACT,
	PEOPLE,
	PLANS,
	PROVIDERS,
	SCENARIO_PEOPLE,
	openDentalIds as ids,
	type ScenarioPerson,
	type SeedPerson,
} from '../seed';
import { procTPOf, seedScenarios } from './seedScenarios';
import type { OdProcedure, OpenDentalState } from './types';

/** Open Dental's published test header (docs/opendental-api-notes.md §1.2), and the sandbox's own. */
export const OPEN_DENTAL_AUTH = {
	docsTestHeader: 'ODFHIR NFF6i0KrXrxDkZHt/VzkmZEaUWOjnQX2z',
	sandboxHeader: 'ODFHIR sandbox-od-developer/sandbox-od-customer',
};
const pairs = Object.values(OPEN_DENTAL_AUTH).map((h) => h.slice('ODFHIR '.length).split('/'));

/** DefNums the seed defines (GET /definitions?Category=). */
export const OD_DEFS = {
	payType: { check: 69, cash: 70, creditCard: 71, careCredit: 72 },
	adjType: {
		careCreditRefund: 180,
		careCreditMerchantFee: 181,
		professionalDiscount: 182,
		payPlanBalance: 183,
	},
	commType: { financial: 235, misc: 236, apptRelated: 239 },
	planCategory: { careCreditShortfall: 470 },
};

const CODE_NUMS: Record<string, number> = {};
const codeNum = (code: string) => (CODE_NUMS[code] ??= 100 + Object.keys(CODE_NUMS).length);

/** The seeded office; scenario rows (appointments, recalls, verifications) are dated from `now`'s day. */
export function seedOpenDental(now: Date = new Date()): OpenDentalState {
	const stamp = '2026-11-01 09:00:00';
	const procedures: OdProcedure[] = [];
	const state: OpenDentalState = {
		developerKeys: pairs.map((p) => p[0]),
		customerKeys: pairs.map((p) => p[1]),
		clinics: [
			{ ClinicNum: 1, Abbr: 'Downtown', Description: 'Prairie Smiles Dental - Downtown' },
			{ ClinicNum: 2, Abbr: 'Lakeside', Description: 'Prairie Smiles Dental - Lakeside' },
		],
		providers: PROVIDERS.map((p) => ({
			ProvNum: ids.provider(p.key),
			Abbr: `Dr${p.lastName.slice(0, 3)}`,
			FName: p.firstName,
			LName: p.lastName,
		})),
		definitions: [
			...Object.entries({ Check: 69, Cash: 70, 'Credit Card': 71, CareCredit: 72 }).map(
				([n, d]) => ({ DefNum: d, Category: 10, ItemName: n, ItemValue: '', isHidden: false }),
			),
			{ DefNum: 180, Category: 1, ItemName: 'CareCredit Refund', ItemValue: '+', isHidden: false },
			{
				DefNum: 181,
				Category: 1,
				ItemName: 'CareCredit Merchant Fee',
				ItemValue: '-',
				isHidden: false,
			},
			{
				DefNum: 182,
				Category: 1,
				ItemName: 'Professional Discount',
				ItemValue: '-',
				isHidden: false,
			},
			{
				DefNum: 183,
				Category: 1,
				ItemName: 'Payment Plan Balance',
				ItemValue: '+',
				isHidden: false,
			},
			{ DefNum: 235, Category: 27, ItemName: 'Financial', ItemValue: '', isHidden: false },
			{ DefNum: 236, Category: 27, ItemName: 'Misc', ItemValue: '', isHidden: false },
			{ DefNum: 239, Category: 27, ItemName: 'ApptRelated', ItemValue: '', isHidden: false },
			{
				DefNum: 470,
				Category: 47,
				ItemName: 'CareCredit Shortfall',
				ItemValue: '',
				isHidden: false,
			},
		],
		apiPaymentType: 69,
		patients: [...PEOPLE, ...SCENARIO_PEOPLE].map((p: SeedPerson & Partial<ScenarioPerson>) => ({
			PatNum: ids.patient(p.key),
			LName: p.lastName,
			FName: p.firstName,
			MiddleI: p.middleInitial,
			Preferred: p.preferredName,
			PatStatus: p.status ?? 'Patient',
			Gender: p.gender,
			Position: p.maritalStatus,
			Birthdate: p.dateOfBirth,
			SSN: p.taxId.replace(/-/g, ''),
			Address: p.address.line1,
			Address2: p.address.line2,
			City: p.address.city,
			State: p.address.state,
			Zip: p.address.zip,
			HmPhone: p.homePhone,
			WkPhone: p.workPhone,
			WirelessPhone: p.cellPhone,
			Guarantor: ids.patient(p.guarantorKey),
			Email: p.email,
			PriProv: ids.provider(p.providerKey),
			ClinicNum: ids.clinic(p.locationKey),
			ChartNumber: String(ids.patient(p.key)),
			DateFirstVisit: '2019-03-01',
			DateTStamp: stamp,
			SecDateEntry: '2019-03-01',
			TxtMsgOk: (p.contact ?? DEFAULT_CONTACT).textOk,
			PreferConfirmMethod: (p.contact ?? DEFAULT_CONTACT).confirmMethod,
			PreferContactMethod: (p.contact ?? DEFAULT_CONTACT).contactMethod,
			PreferRecallMethod: (p.contact ?? DEFAULT_CONTACT).recallMethod,
		})),
		procedures,
		treatPlans: [],
		treatPlanAttaches: [],
		procTPs: [],
		payPlans: [],
		payPlanLinks: [],
		commlogs: [],
		payments: [],
		adjustments: [],
		carriers: [],
		insPlans: [],
		insSubs: [],
		patPlans: [],
		covCats: [],
		benefits: [],
		claimProcs: [],
		insVerifies: [],
		insVerifyHist: [],
		operatories: [],
		appointments: [],
		apptFieldDefs: [],
		apptFields: [],
		recallTypes: [],
		recalls: [],
		preferences: {
			recallTypesShowingInList: [],
			recallDaysPast: 365,
			recallDaysFuture: 45,
			practiceDefaultProv: 1,
		},
	};
	let procNum = 1000;
	let attachNum = 7000;
	let procTpNum = 5000;
	for (const plan of PLANS) {
		const PatNum = ids.patient(plan.patientKey);
		const ProvNum = ids.provider(plan.providerKey);
		const ClinicNum = ids.clinic(plan.locationKey);
		const done = plan.status === 'completed';
		const procs = plan.procedures.map((p) => {
			const row: OdProcedure = {
				ProcNum: (procNum += 1),
				PatNum,
				ProcDate: done ? plan.acceptedAt!.slice(0, 10) : plan.createdOn,
				ProcFeeCents: p.feeCents,
				InsEstCents: p.insuranceEstimateCents,
				ToothNum: p.tooth,
				Surf: p.surface,
				ProcStatus: done ? 'C' : 'TP',
				ProvNum,
				ClinicNum,
				CodeNum: codeNum(p.code),
				procCode: p.code,
				descript: p.description,
				DateTP: plan.createdOn,
				DateTStamp: `${plan.createdOn} 10:00:00`,
			};
			procedures.push(row);
			return row;
		});
		const base = {
			PatNum,
			DateTP: plan.createdOn,
			Note: '',
			ResponsParty: 0,
			SecDateEntry: plan.createdOn,
		};
		if (!done) {
			const TreatPlanNum = ids.treatPlan(plan.key);
			state.treatPlans.push({
				...base,
				TreatPlanNum,
				Heading: plan.caseName,
				TPStatus: plan.status === 'rejected' ? 'Inactive' : 'Active',
				DateTSigned: '0001-01-01 00:00:00',
				SignatureText: '',
				SecDateTEdit: `${plan.createdOn} 10:00:00`,
			});
			for (const p of procs)
				state.treatPlanAttaches.push({
					TreatPlanAttachNum: (attachNum += 1),
					TreatPlanNum,
					ProcNum: p.ProcNum,
				});
		}
		if (plan.acceptedAt) {
			const TreatPlanNum = ids.savedTreatPlan(plan.key);
			const signed = plan.acceptedAt.replace('T', ' ').slice(0, 19);
			const person = PEOPLE.find((x) => x.key === plan.patientKey)!;
			state.treatPlans.push({
				...base,
				TreatPlanNum,
				Heading: `${plan.caseName} (signed)`,
				Note: plan.fundingMethod ? `Patient accepted.\nFunding: ${plan.fundingMethod}` : '',
				TPStatus: 'Saved',
				DateTSigned: signed,
				SignatureText: `${person.firstName} ${person.lastName}`,
				SecDateTEdit: signed,
			});
			procs.forEach((p, i) =>
				state.procTPs.push(
					procTPOf(p, {
						ProcTPNum: (procTpNum += 1),
						TreatPlanNum,
						ItemOrder: i,
						DateTP: plan.createdOn,
						SecDateEntry: signed.slice(0, 10),
					}),
				),
			);
		}
	}
	// The Brooks bridge, completed in June and financed in house: an open payment plan already exists.
	const brooks = ids.patient(9);
	const bridge = [
		['D6750', '4', 125000, 80000],
		['D6240', '5', 110000, 80000],
		['D6750', '6', 125000, 80000],
	] as const;
	for (const [code, tooth, fee, ins] of bridge) {
		procedures.push({
			ProcNum: (procNum += 1),
			PatNum: brooks,
			ProcDate: '2026-06-10',
			ProcFeeCents: fee,
			InsEstCents: ins,
			ToothNum: tooth,
			Surf: '',
			ProcStatus: 'C',
			ProvNum: ids.provider('chen'),
			ClinicNum: 1,
			CodeNum: codeNum(code),
			procCode: code,
			descript:
				code === 'D6240'
					? 'Pontic - porcelain fused to high noble metal'
					: 'Retainer crown - porcelain fused to high noble metal',
			DateTP: '2026-05-20',
			DateTStamp: '2026-06-10 15:00:00',
		});
	}
	state.payPlans.push({
		PayPlanNum: 901,
		PatNum: brooks,
		Guarantor: brooks,
		PayPlanDate: '2026-06-15',
		APR: 0,
		Note: '06/15/2026 - Date of Agreement: 06/15/2026, Total Amount: 1200.00, APR: 0, Total Cost of Loan: 1200.00, Bridge #4-#6 balance after insurance.',
		PayAmtCents: 10000,
		DownPaymentCents: 20000,
		IsClosed: false,
		PlanCategory: 0,
		ChargeFrequency: 'Monthly',
		DatePayPlanStart: '2026-07-15',
		IsLocked: false,
		DateInterestStart: '0001-01-01',
		DynamicPayPlanTPOption: 'TreatAsComplete',
		SecDateTEntry: '2026-06-15 11:00:00',
	});
	procedures.slice(-3).forEach((p, i) =>
		state.payPlanLinks.push({
			PayPlanLinkNum: 951 + i,
			PayPlanNum: 901,
			LinkType: 'Procedure',
			FKey: p.ProcNum,
			AmountOverrideCents: 0,
			SecDateTEntry: '2026-06-15 11:00:00',
		}),
	);
	state.commlogs.push({
		CommlogNum: 601,
		PatNum: ids.patient(17),
		CommDateTime: '2026-10-02 10:40:00',
		CommType: 235,
		Note: 'CareCredit approved $1,500 line, DI12. Posted CareCredit payment $1,297.50. -KM',
		Mode_: 'In Person',
		SentOrReceived: 'Received',
		DateTStamp: '2026-10-02 10:40:00',
		DateTEntry: '2026-10-02 10:40:00',
	});
	seedScenarios(state, anchorDay(now));
	return state;
}
