// The insurance, continuing care, appointment and financed-case patients of the seed
// (sandbox/seed/scenarios.ts) as the modeled Dentrix contract holds them (docs/dentrix-api.md).
import {
	addBusinessDays,
	addDays,
	APPOINTMENTS,
	CARRIERS,
	CLAIM_USAGE,
	COVERAGES,
	DEFAULT_CONTACT,
	FINANCED_CASES,
	INS_PLANS,
	RECALLS,
	SCENARIO_PLANS,
	type ContactMethod,
	type PatientStatus,
	type SeedContact,
	type SeedProcedure,
	VERIFICATIONS,
	dentrixIds as ids,
} from '../seed';
import { financedNote } from '../openDental/seedScenarios';
import type {
	DentrixAppointment,
	DentrixContactMethod,
	DentrixContactPreferences,
	DentrixPatient,
	DentrixProcedure,
	DentrixState,
	DentrixTreatmentPlan,
} from './types';

const METHODS: Record<ContactMethod, DentrixContactMethod> = {
	None: 'none',
	DoNotCall: 'none',
	HmPhone: 'homePhone',
	WkPhone: 'workPhone',
	WirelessPh: 'mobilePhone',
	Email: 'email',
	SeeNotes: 'none',
	Mail: 'mail',
	TextMessage: 'textMessage',
};

export function contactPreferences(
	contact: SeedContact = DEFAULT_CONTACT,
): DentrixContactPreferences {
	return {
		preferredContactMethod: METHODS[contact.recallMethod],
		textMessages:
			contact.textOk === 'Yes' ? 'optedIn' : contact.textOk === 'No' ? 'optedOut' : 'unknown',
		doNotContact: contact.recallMethod === 'DoNotCall',
	};
}

export const patientStatus = (
	status: PatientStatus = 'Patient',
): Pick<DentrixPatient, 'status' | 'deceased'> => ({
	status: status === 'Patient' ? 'patient' : 'inactive',
	deceased: status === 'Deceased',
});

/** A seed procedure as Dentrix's treatment plan lists it. */
export const dentrixProcedure = (p: SeedProcedure, id: string): DentrixProcedure => ({
	id,
	cdtCode: p.code,
	description: p.description,
	tooth: p.tooth,
	surface: p.surface,
	feeCents: p.feeCents,
	insuranceEstimateCents: p.insuranceEstimateCents,
	patientPortionCents: p.feeCents - p.insuranceEstimateCents,
});

const CC_TYPES = { Prophy: 'PROPHY', Perio: 'PERIO', '4BW': 'BWX' } as const;

export function seedScenarios(state: DentrixState, anchor: string): void {
	const day = (n: number | null) => (n === null ? null : addDays(anchor, n));
	state.practice.continuingCareTypes = ['PROPHY', 'PERIO', 'BWX', 'PANO'];

	// ----- insurance -----
	COVERAGES.forEach((c, i) => {
		const plan = INS_PLANS.find((p) => p.key === c.planKey)!;
		const carrier = CARRIERS.find((x) => x.key === plan.carrierKey);
		const usage = CLAIM_USAGE.filter((u) => u.personKey === c.personKey && u.planKey === c.planKey);
		const verified = VERIFICATIONS.find(
			(v) => v.personKey === c.personKey && v.planKey === c.planKey,
		);
		const terminated = c.termDay !== null && c.termDay < 0;
		const eligibleOn = verified?.enrollmentDaysAgo ?? null;
		state.coverages.push({
			id: `cov_${501 + i}`,
			patientId: ids.patient(c.personKey),
			coverageOrder: c.ordinal === 1 ? 'primary' : 'secondary',
			carrier: carrier
				? {
						id: `car_${carrier.key}`,
						name: carrier.name,
						phone: carrier.phone,
						payorId: carrier.electId,
					}
				: null,
			groupPlanName: plan.groupName,
			groupNumber: plan.groupNum,
			subscriberId: c.subscriberId,
			subscriberPatientId: ids.patient(c.subscriberKey),
			relationToSubscriber:
				c.relationship === 'Self' ? 'self' : c.relationship === 'Spouse' ? 'spouse' : 'child',
			effectiveDate: day(c.effectiveDay),
			terminationDate: day(c.termDay),
			benefitRenewalMonth: 0,
			eligibilityStatus: terminated
				? 'notEligible'
				: c.pending
					? 'pending'
					: eligibleOn === null
						? 'unknown'
						: 'eligible',
			eligibilityVerifiedOn: eligibleOn === null ? null : addDays(anchor, -eligibleOn),
			benefitsVerifiedOn:
				verified?.benefitsDaysAgo == null ? null : addDays(anchor, -verified.benefitsDaysAgo),
			annualMaximumCents: plan.annualMaxCents,
			individualDeductibleCents: plan.deductibleCents,
			benefitsUsedCents: usage.reduce((s, u) => s + u.insPaidCents, 0),
			deductibleMetCents: usage.reduce((s, u) => s + u.deductibleCents, 0),
			coveragePercents: Object.entries(plan.percents).map(([category, percent]) => ({
				category,
				percent: percent!,
			})),
			frequencies: [
				{ cdtCode: 'D1110', times: 2, per: 'benefitYear' },
				{ cdtCode: 'D0274', times: 1, per: 'last12Months' },
			],
			verificationHistory: [],
		});
	});

	// ----- continuing care -----
	RECALLS.forEach((r, i) => {
		state.continuingCare.push({
			id: `cc_${801 + i}`,
			patientId: ids.patient(r.personKey),
			// A type the practice does not have (bad data): not among practice.continuingCareTypes.
			type: r.type ? CC_TYPES[r.type] : 'FLUORIDE',
			dueDate: day(r.dueDay),
			priorVisit: day(r.previousDay),
			intervalMonths:
				Number(/(\d+)[my]/.exec(r.interval)?.[1] ?? 6) * (r.interval.includes('y') ? 12 : 1),
			status: r.remindedDaysAgo.length ? 'Emailed' : '',
			contacts: r.remindedDaysAgo.map((ago) => ({
				at: `${addDays(anchor, -ago)}T15:00:00.000Z`,
				method: 'email',
				note: 'Continuing care reminder',
				source: 'console' as const,
			})),
		});
	});

	// ----- treatment cases of the scenario patients -----
	let procedureId = 6000;
	const plans: DentrixTreatmentPlan[] = SCENARIO_PLANS.map((plan) => ({
		id: ids.plan(plan.key),
		patientId: ids.patient(plan.patientKey),
		caseName: plan.caseName,
		status: plan.status,
		fundingMethod: plan.fundingMethod,
		locationId: ids.location(plan.locationKey),
		providerId: ids.provider(plan.providerKey),
		createdOn: addDays(anchor, -plan.createdDaysAgo),
		acceptedAt:
			plan.acceptedDaysAgo === null
				? null
				: `${addDays(anchor, -plan.acceptedDaysAgo)}T15:00:00.000Z`,
		// Accepted before the feed's history: processed already, never replayed by the trigger.
		acceptSequence: null,
		procedures: plan.procedures.map((p) => dentrixProcedure(p, `proc_${(procedureId += 1)}`)),
	}));
	state.treatmentPlans.push(...plans);

	// ----- appointments -----
	for (const a of APPOINTMENTS) {
		const who = state.patients.find((p) => p.id === ids.patient(a.personKey))!;
		const date = a.businessDays ? addBusinessDays(anchor, a.day) : addDays(anchor, a.day);
		const plan = a.caseKey ? plans.find((p) => p.id === ids.plan(a.caseKey!)) : undefined;
		const appointment: DentrixAppointment = {
			id: `apt_${700 + a.key}`,
			patientId: who.id,
			locationId: who.locationId,
			providerId: who.primaryProviderId,
			status: (
				{
					Scheduled: 'scheduled',
					Complete: 'completed',
					Broken: 'broken',
					UnschedList: 'unscheduled',
					Planned: 'planned',
				} as const
			)[a.status],
			date: a.status === 'Planned' ? null : date,
			time: a.status === 'Planned' ? null : a.time,
			lengthMinutes: a.minutes,
			asap: a.asap === true,
			reason: (plan ? plan.procedures.map((p) => p.cdtCode) : a.codes).join(', '),
			procedureIds: plan ? plan.procedures.map((p) => p.id) : [],
			createdAt: `${a.day < 0 ? date : addDays(anchor, -14)}T14:00:00.000Z`,
			createdBy: 'console',
		};
		state.appointments.push(appointment);
	}

	// ----- financed cases: the ledger note and CareCredit payment the package writes -----
	FINANCED_CASES.forEach((f, i) => {
		const plan = plans.find((p) => p.id === ids.plan(f.planKey))!;
		const portion = plan.procedures.reduce((s, p) => s + p.patientPortionCents, 0);
		const at = new Date(Date.parse(plan.acceptedAt!) + (30 + f.minutesToArrangement) * 60_000);
		const stamp = at.toISOString();
		const local = stamp.slice(0, 19).replace('T', ' ');
		const token = `[cc:${f.applicationId}]`;
		state.ledgerNotes.push({
			id: `note_${4051 + i}`, // below the API sequence (4101+)
			guarantorId: plan.patientId,
			patientId: plan.patientId,
			date: stamp.slice(0, 10),
			kind: 'guarantorNote',
			text: financedNote(f, plan.patientId, portion, local),
			createdAt: stamp,
			createdBy: 'api',
		});
		state.payments.push({
			id: `pay_${6051 + i}`, // below the API sequence (6101+)
			guarantorId: plan.patientId,
			patientId: plan.patientId,
			paymentType: 'CareCredit Payment',
			amountCents: Math.min(portion, f.approvedCents),
			date: stamp.slice(0, 10),
			reference: `TXN-${f.applicationId.slice(4)}`,
			note: `CareCredit ${f.promoCode} purchase (gross) ${token}`,
			createdAt: stamp,
			createdBy: 'api',
		});
	});
}
