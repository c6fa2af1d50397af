// The outreach, insurance and "financed but not booked" patients of the seeded practice (issues
// 13-15), described once and neutrally like ./practice.ts: each stand-in maps them to its own
// ids and shapes. Dates are day offsets from the seed's anchor day (the sandbox clock's day when
// the state was seeded), so the appointments are always "next week". Fixed data, no randomness;
// names, phones (555-02xx) and e-mails (example.com) are fictional, tax ids fake (9xx).
import type { LocationKey, SeedPerson, SeedPlan, SeedProcedure } from './types';
import { CDT } from './practice';

/** Open Dental's ContactMethod names (apipatients.html); Dentrix maps them to its own words. */
export type ContactMethod =
	| 'None'
	| 'DoNotCall'
	| 'HmPhone'
	| 'WkPhone'
	| 'WirelessPh'
	| 'Email'
	| 'SeeNotes'
	| 'Mail'
	| 'TextMessage';

export interface SeedContact {
	textOk: 'Unknown' | 'Yes' | 'No';
	recallMethod: ContactMethod;
	contactMethod: ContactMethod;
	confirmMethod: ContactMethod;
}

export type PatientStatus = 'Patient' | 'Inactive' | 'Deceased';

export interface ScenarioPerson extends SeedPerson {
	/** What this patient exercises, for docs and the report. */
	scenario: string;
	status: PatientStatus;
	contact: SeedContact;
}

/** Contact preferences of the 30 original patients: Open Dental's defaults. */
export const DEFAULT_CONTACT: SeedContact = {
	textOk: 'Unknown',
	recallMethod: 'None',
	contactMethod: 'None',
	confirmMethod: 'None',
};

const c = (
	textOk: SeedContact['textOk'],
	recallMethod: ContactMethod,
	contactMethod: ContactMethod = recallMethod,
): SeedContact => ({ textOk, recallMethod, contactMethod, confirmMethod: contactMethod });

/** [key, first, last, gender, dob, location, provider, cell, home, e-mail, status, contact, scenario] */
type Row = [
	number,
	string,
	string,
	'Male' | 'Female',
	string,
	LocationKey,
	string,
	string,
	string,
	string,
	PatientStatus,
	SeedContact,
	string,
];

const ROWS: Row[] = [
	// Insurance verification before the visit (issue 13): each has an appointment next week.
	[
		31,
		'Rosa',
		'Delgado',
		'Female',
		'1983-02-14',
		'downtown',
		'patel',
		'(217) 555-0301',
		'',
		'rosa.delgado@example.com',
		'Patient',
		c('Yes', 'TextMessage'),
		'insurance: active PPO, deductible met, maximum mostly left, verified 5 days ago (all good)',
	],
	[
		32,
		'Victor',
		'Lindqvist',
		'Male',
		'1971-08-03',
		'downtown',
		'chen',
		'(217) 555-0302',
		'',
		'victor.lindqvist@example.com',
		'Patient',
		c('Yes', 'WirelessPh'),
		'insurance: active, deductible not met, verification 200 days old',
	],
	[
		33,
		'Priya',
		'Raman',
		'Female',
		'1988-05-21',
		'lakeside',
		'rossi',
		'(217) 555-0303',
		'',
		'priya.raman@example.com',
		'Patient',
		c('Yes', 'TextMessage'),
		'insurance: primary and secondary coverage; primary annual maximum nearly used up',
	],
	[
		34,
		'Walter',
		'Osei',
		'Male',
		'1962-11-30',
		'lakeside',
		'okafor',
		'(217) 555-0304',
		'',
		'walter.osei@example.com',
		'Patient',
		c('No', 'Email'),
		'insurance: plan terminated two months ago',
	],
	[
		35,
		'Hannah',
		'Becker',
		'Female',
		'1994-07-09',
		'downtown',
		'patel',
		'(217) 555-0305',
		'',
		'hannah.becker@example.com',
		'Patient',
		c('Yes', 'TextMessage'),
		'insurance: coverage pending (IsPending)',
	],
	[
		36,
		'Tomas',
		'Quintero',
		'Male',
		'1979-03-17',
		'lakeside',
		'rossi',
		'(217) 555-0306',
		'',
		'tomas.quintero@example.com',
		'Patient',
		c('Yes', 'TextMessage'),
		'insurance: plan with no carrier',
	],
	[
		37,
		'Ingrid',
		'Sato',
		'Female',
		'1990-12-02',
		'downtown',
		'chen',
		'(217) 555-0307',
		'',
		'ingrid.sato@example.com',
		'Patient',
		c('Yes', 'TextMessage'),
		'insurance: benefit rows with -1 empty amounts, never verified',
	],
	[
		38,
		'Gordon',
		'Pike',
		'Male',
		'1968-04-25',
		'lakeside',
		'okafor',
		'(217) 555-0308',
		'',
		'gordon.pike@example.com',
		'Patient',
		c('Yes', 'TextMessage'),
		'insurance: no coverage at all',
	],
	// Recall outreach (issue 14): every contact preference.
	[
		39,
		'Lena',
		'Marsh',
		'Female',
		'1985-09-12',
		'downtown',
		'patel',
		'(217) 555-0309',
		'(217) 555-0319',
		'lena.marsh@example.com',
		'Patient',
		c('Yes', 'TextMessage'),
		'recall: Prophy due in 10 days; text OK, prefers text',
	],
	[
		40,
		'Omar',
		'Haddad',
		'Male',
		'1977-01-28',
		'lakeside',
		'rossi',
		'(217) 555-0310',
		'',
		'omar.haddad@example.com',
		'Patient',
		c('No', 'Email'),
		'recall: Prophy overdue 30 days; text not OK, prefers e-mail',
	],
	[
		41,
		'Beatrice',
		'Lowe',
		'Female',
		'1959-06-04',
		'downtown',
		'chen',
		'',
		'',
		'beatrice.lowe@example.com',
		'Patient',
		c('Unknown', 'Email'),
		'recall: Perio overdue 45 days, already reminded twice; e-mail only (no phone)',
	],
	[
		42,
		'Curtis',
		'Vale',
		'Male',
		'1981-10-19',
		'lakeside',
		'okafor',
		'(217) 555-0312',
		'(217) 555-0322',
		'curtis.vale@example.com',
		'Patient',
		c('No', 'DoNotCall'),
		'recall: Prophy due in 5 days; do not contact',
	],
	[
		43,
		'Nadia',
		'Ferris',
		'Female',
		'1992-02-23',
		'downtown',
		'patel',
		'',
		'(217) 555-0323',
		'',
		'Patient',
		c('Unknown', 'HmPhone'),
		'recall: Prophy due in 12 days; no wireless phone, no e-mail (home phone only)',
	],
	[
		44,
		'Felix',
		'Morrow',
		'Male',
		'1987-08-08',
		'lakeside',
		'rossi',
		'555-02',
		'',
		'felix.morrow@example',
		'Patient',
		c('Yes', 'TextMessage'),
		'recall: Prophy overdue 10 days; malformed wireless phone and e-mail',
	],
	[
		45,
		'Agnes',
		'Pryor',
		'Female',
		'1949-03-03',
		'downtown',
		'chen',
		'(217) 555-0315',
		'',
		'agnes.pryor@example.com',
		'Inactive',
		c('Yes', 'TextMessage'),
		'recall: Prophy overdue 60 days; patient Inactive',
	],
	[
		46,
		'Harold',
		'Vance',
		'Male',
		'1938-12-12',
		'lakeside',
		'okafor',
		'(217) 555-0316',
		'',
		'harold.vance@example.com',
		'Deceased',
		c('Yes', 'TextMessage'),
		'recall: Prophy due in 3 days; patient Deceased',
	],
	[
		47,
		'Sofia',
		'Ruiz',
		'Female',
		'1996-05-30',
		'downtown',
		'patel',
		'(217) 555-0317',
		'',
		'sofia.ruiz@example.com',
		'Patient',
		c('Yes', 'TextMessage'),
		'recall: Prophy with no due date (never completed)',
	],
	[
		48,
		'Edwin',
		'Clarke',
		'Male',
		'1973-07-14',
		'lakeside',
		'rossi',
		'(217) 555-0318',
		'',
		'edwin.clarke@example.com',
		'Patient',
		c('Yes', 'TextMessage'),
		'recall: a recall whose recall type does not exist; also a Prophy due in 8 days',
	],
	// Reactivation (issue 14): planned, unscheduled and broken appointments; the ASAP list.
	[
		49,
		'Dmitri',
		'Volkov',
		'Male',
		'1966-01-09',
		'downtown',
		'chen',
		'(217) 555-0320',
		'',
		'dmitri.volkov@example.com',
		'Patient',
		c('Yes', 'TextMessage'),
		'reactivation: planned implant appointment 40 days old (largest value)',
	],
	[
		50,
		'Gloria',
		'Stein',
		'Female',
		'1958-09-27',
		'lakeside',
		'okafor',
		'(217) 555-0321',
		'',
		'gloria.stein@example.com',
		'Patient',
		c('No', 'Email'),
		'reactivation: broken crown appointment 20 days ago',
	],
	[
		51,
		'Ray',
		'Donnelly',
		'Male',
		'1990-04-11',
		'downtown',
		'patel',
		'(217) 555-0324',
		'',
		'ray.donnelly@example.com',
		'Patient',
		c('Yes', 'TextMessage'),
		'reactivation: fillings on the unscheduled list 30 days; also on the ASAP list',
	],
	// Financed cases (issue 14 "financed but not booked", issue 15 numbers).
	[
		52,
		'Marta',
		'Kovacs',
		'Female',
		'1980-10-05',
		'downtown',
		'chen',
		'(217) 555-0325',
		'',
		'marta.kovacs@example.com',
		'Patient',
		c('Yes', 'TextMessage'),
		'financed: CareCredit approved 6 days ago, audit note written, not booked',
	],
	[
		53,
		'Jerome',
		'Tate',
		'Male',
		'1975-12-20',
		'lakeside',
		'okafor',
		'(217) 555-0326',
		'',
		'jerome.tate@example.com',
		'Patient',
		c('Yes', 'TextMessage'),
		'financed: CareCredit approved 9 days ago, audit note written, booked in 4 days',
	],
	[
		54,
		'Yuki',
		'Tanaka',
		'Female',
		'1989-03-08',
		'lakeside',
		'rossi',
		'(217) 555-0327',
		'',
		'yuki.tanaka@example.com',
		'Patient',
		c('No', 'Email'),
		'financed: CareCredit approved 2 days ago, audit note written, not booked yet',
	],
];

export const SCENARIO_PEOPLE: ScenarioPerson[] = ROWS.map(
	([
		key,
		firstName,
		lastName,
		gender,
		dob,
		locationKey,
		providerKey,
		cell,
		home,
		email,
		status,
		contact,
		scenario,
	]) => ({
		key,
		firstName,
		lastName,
		middleInitial: '',
		preferredName: '',
		gender,
		dateOfBirth: dob,
		taxId: `9${60 + (key % 40)}-${String(key).padStart(2, '0')}-${4000 + key}`,
		address: {
			line1: `${100 + key * 7} Oak Hollow Rd`,
			line2: '',
			city: locationKey === 'downtown' ? 'Springfield' : 'Chatham',
			state: 'IL',
			zip: locationKey === 'downtown' ? '62704' : '62629',
		},
		homePhone: home,
		cellPhone: cell,
		workPhone: '',
		email,
		guarantorKey: key,
		relationship: 'self',
		maritalStatus: 'Single',
		locationKey,
		providerKey,
		scenario,
		status,
		contact,
	}),
);

// ---------- insurance (issue 13) ----------

export interface SeedCarrier {
	key: string;
	name: string;
	city: string;
	state: string;
	zip: string;
	phone: string;
	electId: string;
}

export const CARRIERS: SeedCarrier[] = [
	{
		key: 'midwest',
		name: 'Midwest Dental Mutual',
		city: 'Peoria',
		state: 'IL',
		zip: '61602',
		phone: '(309) 555-0140',
		electId: '60054',
	},
	{
		key: 'greatLakes',
		name: 'Great Lakes Dental Benefits',
		city: 'Chicago',
		state: 'IL',
		zip: '60601',
		phone: '(312) 555-0177',
		electId: '47009',
	},
	{
		key: 'cornbelt',
		name: 'Cornbelt Dental PPO',
		city: 'Bloomington',
		state: 'IL',
		zip: '61701',
		phone: '(309) 555-0199',
		electId: '39026',
	},
];

/** Coverage categories the seed's percentages use (Open Dental's defaults, apicovcats.html). */
export const COVERAGE_CATEGORIES = [
	['General', -1, 'General'],
	['Diagnostic', 100, 'Diagnostic'],
	['X-Ray', 100, 'DiagnosticXRay'],
	['Preventive', 100, 'RoutinePreventive'],
	['Restorative', 80, 'Restorative'],
	['Endo', 80, 'Endodontics'],
	['Perio', 80, 'Periodontics'],
	['Oral Surgery', 80, 'OralSurgery'],
	['Crowns', 50, 'Crowns'],
	['Prosth', 50, 'Prosthodontics'],
	['Ortho', 50, 'Orthodontics'],
] as const;
export type CoverageCategory = (typeof COVERAGE_CATEGORIES)[number][0];

export interface SeedInsPlan {
	key: string;
	/** null: the plan names no carrier that exists (bad data a verification must flag). */
	carrierKey: string | null;
	groupName: string;
	groupNum: string;
	planType: '' | 'p';
	/** null: the benefit rows exist but carry Open Dental's -1 "empty" amounts. */
	annualMaxCents: number | null;
	deductibleCents: number | null;
	percents: Partial<Record<CoverageCategory, number>>;
}

const PPO = {
	Diagnostic: 100,
	'X-Ray': 100,
	Preventive: 100,
	Restorative: 80,
	Endo: 80,
	Perio: 80,
	'Oral Surgery': 80,
	Crowns: 50,
	Prosth: 50,
};

export const INS_PLANS: SeedInsPlan[] = [
	{
		key: 'stateEmployees',
		carrierKey: 'midwest',
		groupName: 'State of Illinois Employees',
		groupNum: 'SOI-2210',
		planType: 'p',
		annualMaxCents: 150_000,
		deductibleCents: 5_000,
		percents: PPO,
	},
	{
		key: 'railway',
		carrierKey: 'greatLakes',
		groupName: 'Prairie Railway Co',
		groupNum: 'PRC-0077',
		planType: '',
		annualMaxCents: 150_000,
		deductibleCents: 5_000,
		percents: { ...PPO, Crowns: 60 },
	},
	{
		key: 'university',
		carrierKey: 'cornbelt',
		groupName: 'Sangamon University',
		groupNum: 'SU-5540',
		planType: 'p',
		annualMaxCents: 200_000,
		deductibleCents: 7_500,
		percents: PPO,
	},
	{
		key: 'retailer',
		carrierKey: 'midwest',
		groupName: 'Lincoln Retail Group',
		groupNum: 'LRG-1180',
		planType: 'p',
		annualMaxCents: 100_000,
		deductibleCents: 5_000,
		percents: PPO,
	},
	{
		key: 'orphan',
		carrierKey: null,
		groupName: 'Capitol Builders Local 12',
		groupNum: 'CB-0012',
		planType: 'p',
		annualMaxCents: 120_000,
		deductibleCents: 5_000,
		percents: PPO,
	},
	{
		key: 'emptyAmounts',
		carrierKey: 'greatLakes',
		groupName: 'Riverbend Clinic Staff',
		groupNum: 'RCS-3003',
		planType: '',
		annualMaxCents: null,
		deductibleCents: null,
		percents: PPO,
	},
];

export interface SeedCoverage {
	personKey: number;
	planKey: string;
	/** The subscriber (policy holder); another person for a spouse's plan. */
	subscriberKey: number;
	subscriberId: string;
	ordinal: number;
	pending: boolean;
	relationship: 'Self' | 'Spouse' | 'Child';
	/** Day offsets from the anchor; null: no date (0001-01-01). */
	effectiveDay: number | null;
	termDay: number | null;
}

export const COVERAGES: SeedCoverage[] = [
	{
		personKey: 31,
		planKey: 'stateEmployees',
		subscriberKey: 31,
		subscriberId: 'MDM31000451',
		ordinal: 1,
		pending: false,
		relationship: 'Self',
		effectiveDay: -900,
		termDay: null,
	},
	{
		personKey: 32,
		planKey: 'railway',
		subscriberKey: 32,
		subscriberId: 'GLD32007710',
		ordinal: 1,
		pending: false,
		relationship: 'Self',
		effectiveDay: -400,
		termDay: null,
	},
	{
		personKey: 33,
		planKey: 'university',
		subscriberKey: 33,
		subscriberId: 'CBP33009981',
		ordinal: 1,
		pending: false,
		relationship: 'Self',
		effectiveDay: -700,
		termDay: null,
	},
	// Priya's secondary: her spouse Gordon Pike's retail plan would be typical; the seed keeps it hers.
	{
		personKey: 33,
		planKey: 'retailer',
		subscriberKey: 33,
		subscriberId: 'MDM33118002',
		ordinal: 2,
		pending: false,
		relationship: 'Self',
		effectiveDay: -300,
		termDay: null,
	},
	{
		personKey: 34,
		planKey: 'retailer',
		subscriberKey: 34,
		subscriberId: 'MDM34118017',
		ordinal: 1,
		pending: false,
		relationship: 'Self',
		effectiveDay: -800,
		termDay: -60,
	},
	{
		personKey: 35,
		planKey: 'stateEmployees',
		subscriberKey: 35,
		subscriberId: 'MDM35000822',
		ordinal: 1,
		pending: true,
		relationship: 'Self',
		effectiveDay: -3,
		termDay: null,
	},
	{
		personKey: 36,
		planKey: 'orphan',
		subscriberKey: 36,
		subscriberId: 'CB36001200',
		ordinal: 1,
		pending: false,
		relationship: 'Self',
		effectiveDay: -500,
		termDay: null,
	},
	{
		personKey: 37,
		planKey: 'emptyAmounts',
		subscriberKey: 37,
		subscriberId: 'GLD37003003',
		ordinal: 1,
		pending: false,
		relationship: 'Self',
		effectiveDay: -200,
		termDay: null,
	},
	// Financed and recall patients have ordinary coverage too.
	{
		personKey: 52,
		planKey: 'stateEmployees',
		subscriberKey: 52,
		subscriberId: 'MDM52000919',
		ordinal: 1,
		pending: false,
		relationship: 'Self',
		effectiveDay: -1000,
		termDay: null,
	},
	{
		personKey: 53,
		planKey: 'railway',
		subscriberKey: 53,
		subscriberId: 'GLD53007702',
		ordinal: 1,
		pending: false,
		relationship: 'Self',
		effectiveDay: -1000,
		termDay: null,
	},
];

/** Insurance paid and deductible applied earlier this benefit year (Open Dental's claimprocs). */
export interface SeedClaimUsage {
	personKey: number;
	planKey: string;
	code: string;
	/** Day of the year's procedure, as an offset from January 1 of the anchor's year, capped at the anchor. */
	dayOfYear: number;
	feeCents: number;
	insPaidCents: number;
	deductibleCents: number;
}

export const CLAIM_USAGE: SeedClaimUsage[] = [
	{
		personKey: 31,
		planKey: 'stateEmployees',
		code: 'D2392',
		dayOfYear: 40,
		feeCents: 26_000,
		insPaidCents: 16_800,
		deductibleCents: 5_000,
	},
	{
		personKey: 31,
		planKey: 'stateEmployees',
		code: 'D1110',
		dayOfYear: 150,
		feeCents: 11_500,
		insPaidCents: 11_500,
		deductibleCents: 0,
	},
	{
		personKey: 32,
		planKey: 'railway',
		code: 'D1110',
		dayOfYear: 60,
		feeCents: 11_500,
		insPaidCents: 11_500,
		deductibleCents: 0,
	},
	{
		personKey: 33,
		planKey: 'university',
		code: 'D2740',
		dayOfYear: 30,
		feeCents: 135_000,
		insPaidCents: 67_500,
		deductibleCents: 7_500,
	},
	{
		personKey: 33,
		planKey: 'university',
		code: 'D3330',
		dayOfYear: 90,
		feeCents: 135_000,
		insPaidCents: 126_500,
		deductibleCents: 0,
	},
	{
		personKey: 33,
		planKey: 'retailer',
		code: 'D3330',
		dayOfYear: 90,
		feeCents: 135_000,
		insPaidCents: 8_500,
		deductibleCents: 0,
	},
];

export interface SeedVerification {
	personKey: number;
	planKey: string;
	/** Days before the anchor; null: never verified (0001-01-01). */
	enrollmentDaysAgo: number | null;
	benefitsDaysAgo: number | null;
}

export const VERIFICATIONS: SeedVerification[] = [
	{ personKey: 31, planKey: 'stateEmployees', enrollmentDaysAgo: 5, benefitsDaysAgo: 5 },
	{ personKey: 32, planKey: 'railway', enrollmentDaysAgo: 200, benefitsDaysAgo: 200 },
	{ personKey: 33, planKey: 'university', enrollmentDaysAgo: 12, benefitsDaysAgo: 12 },
	{ personKey: 33, planKey: 'retailer', enrollmentDaysAgo: 12, benefitsDaysAgo: 95 },
	{ personKey: 34, planKey: 'retailer', enrollmentDaysAgo: 150, benefitsDaysAgo: 150 },
	{ personKey: 35, planKey: 'stateEmployees', enrollmentDaysAgo: null, benefitsDaysAgo: 5 },
	{ personKey: 36, planKey: 'orphan', enrollmentDaysAgo: 20, benefitsDaysAgo: 20 },
	{ personKey: 37, planKey: 'emptyAmounts', enrollmentDaysAgo: null, benefitsDaysAgo: null },
	{ personKey: 52, planKey: 'stateEmployees', enrollmentDaysAgo: 30, benefitsDaysAgo: 5 },
	{ personKey: 53, planKey: 'railway', enrollmentDaysAgo: 9, benefitsDaysAgo: 200 },
];

// ---------- appointments (issues 13 and 14) ----------

export type SeedAptStatus = 'Scheduled' | 'Complete' | 'UnschedList' | 'Broken' | 'Planned';

export interface SeedAppointment {
	key: number;
	personKey: number;
	status: SeedAptStatus;
	/** Scheduled: business days after the anchor (1 = next business day); others: calendar days (negative: past). */
	day: number;
	businessDays: boolean;
	time: string;
	minutes: number;
	codes: string[];
	asap?: boolean;
	hygiene?: boolean;
	/** Procedures of a financed case or a treatment plan this appointment carries (case key). */
	caseKey?: number;
}

export const APPOINTMENTS: SeedAppointment[] = [
	{
		key: 1,
		personKey: 31,
		status: 'Scheduled',
		day: 1,
		businessDays: true,
		time: '08:00',
		minutes: 60,
		codes: ['D0120', 'D1110'],
		hygiene: true,
	},
	{
		key: 2,
		personKey: 32,
		status: 'Scheduled',
		day: 1,
		businessDays: true,
		time: '10:00',
		minutes: 60,
		codes: ['D2391'],
	},
	{
		key: 3,
		personKey: 37,
		status: 'Scheduled',
		day: 1,
		businessDays: true,
		time: '13:00',
		minutes: 40,
		codes: ['D0120'],
	},
	{
		key: 4,
		personKey: 33,
		status: 'Scheduled',
		day: 2,
		businessDays: true,
		time: '09:00',
		minutes: 90,
		codes: ['D2740'],
	},
	{
		key: 5,
		personKey: 34,
		status: 'Scheduled',
		day: 2,
		businessDays: true,
		time: '14:00',
		minutes: 60,
		codes: ['D1110'],
		hygiene: true,
	},
	{
		key: 6,
		personKey: 35,
		status: 'Scheduled',
		day: 3,
		businessDays: true,
		time: '08:30',
		minutes: 60,
		codes: ['D0150', 'D0330'],
	},
	{
		key: 7,
		personKey: 36,
		status: 'Scheduled',
		day: 3,
		businessDays: true,
		time: '11:00',
		minutes: 60,
		codes: ['D2392'],
	},
	{
		key: 8,
		personKey: 38,
		status: 'Scheduled',
		day: 4,
		businessDays: true,
		time: '15:00',
		minutes: 40,
		codes: ['D0120'],
	},
	{
		key: 9,
		personKey: 53,
		status: 'Scheduled',
		day: 4,
		businessDays: true,
		time: '09:00',
		minutes: 120,
		codes: [],
		caseKey: 22,
	},
	{
		key: 10,
		personKey: 31,
		status: 'Complete',
		day: -170,
		businessDays: false,
		time: '09:00',
		minutes: 60,
		codes: ['D1110'],
		hygiene: true,
	},
	{
		key: 11,
		personKey: 49,
		status: 'Planned',
		day: -40,
		businessDays: false,
		time: '00:00',
		minutes: 90,
		codes: [],
		caseKey: 24,
	},
	{
		key: 12,
		personKey: 50,
		status: 'Broken',
		day: -20,
		businessDays: false,
		time: '10:00',
		minutes: 90,
		codes: [],
		caseKey: 25,
	},
	{
		key: 13,
		personKey: 51,
		status: 'UnschedList',
		day: -30,
		businessDays: false,
		time: '13:00',
		minutes: 60,
		codes: [],
		caseKey: 26,
		asap: true,
	},
	{
		key: 14,
		personKey: 39,
		status: 'Scheduled',
		day: 5,
		businessDays: true,
		time: '16:00',
		minutes: 30,
		codes: ['D0140'],
		asap: true,
	},
];

// ---------- recall (issue 14) ----------

export interface SeedRecall {
	personKey: number;
	/** A recall type description, or null for a recall whose type does not exist. */
	type: 'Prophy' | 'Perio' | '4BW' | null;
	/** Days from the anchor (negative: overdue); null: no due date. */
	dueDay: number | null;
	previousDay: number | null;
	interval: string;
	/** Reminders sent since the previous recall visit, days before the anchor. */
	remindedDaysAgo: number[];
}

export const RECALLS: SeedRecall[] = [
	{
		personKey: 39,
		type: 'Prophy',
		dueDay: 10,
		previousDay: -173,
		interval: '6m1d',
		remindedDaysAgo: [],
	},
	{
		personKey: 40,
		type: 'Prophy',
		dueDay: -30,
		previousDay: -213,
		interval: '6m1d',
		remindedDaysAgo: [],
	},
	{
		personKey: 41,
		type: 'Perio',
		dueDay: -45,
		previousDay: -137,
		interval: '3m1d',
		remindedDaysAgo: [40, 20],
	},
	{
		personKey: 42,
		type: 'Prophy',
		dueDay: 5,
		previousDay: -178,
		interval: '6m1d',
		remindedDaysAgo: [],
	},
	{
		personKey: 43,
		type: 'Prophy',
		dueDay: 12,
		previousDay: -171,
		interval: '6m1d',
		remindedDaysAgo: [],
	},
	{
		personKey: 44,
		type: 'Prophy',
		dueDay: -10,
		previousDay: -193,
		interval: '6m1d',
		remindedDaysAgo: [],
	},
	{
		personKey: 45,
		type: 'Prophy',
		dueDay: -60,
		previousDay: -243,
		interval: '6m1d',
		remindedDaysAgo: [],
	},
	{
		personKey: 46,
		type: 'Prophy',
		dueDay: 3,
		previousDay: -180,
		interval: '6m1d',
		remindedDaysAgo: [],
	},
	{
		personKey: 47,
		type: 'Prophy',
		dueDay: null,
		previousDay: null,
		interval: '6m1d',
		remindedDaysAgo: [],
	},
	{ personKey: 48, type: null, dueDay: 2, previousDay: -363, interval: '1y', remindedDaysAgo: [] },
	{
		personKey: 48,
		type: 'Prophy',
		dueDay: 8,
		previousDay: -175,
		interval: '6m1d',
		remindedDaysAgo: [],
	},
	{
		personKey: 31,
		type: 'Prophy',
		dueDay: 13,
		previousDay: -170,
		interval: '6m1d',
		remindedDaysAgo: [],
	},
	{
		personKey: 31,
		type: '4BW',
		dueDay: 200,
		previousDay: -165,
		interval: '1y',
		remindedDaysAgo: [],
	},
];

// ---------- treatment cases of the new patients (financed, planned, broken, unscheduled) ----------

const proc = (code: string, tooth: string, fee: number, insurance: number): SeedProcedure => ({
	code,
	description: CDT[code] ?? code,
	tooth,
	surface: '',
	feeCents: Math.round(fee * 100),
	insuranceEstimateCents: Math.round(insurance * 100),
});

/** Accepted treatment plans of the scenario patients: keys continue practice.ts's 1..20. */
export interface ScenarioPlan extends Omit<SeedPlan, 'createdOn' | 'acceptedAt'> {
	/** Days before the anchor the plan was created and (if accepted) signed. */
	createdDaysAgo: number;
	acceptedDaysAgo: number | null;
}

export const SCENARIO_PLANS: ScenarioPlan[] = [
	{
		key: 21,
		patientKey: 52,
		locationKey: 'downtown',
		providerKey: 'chen',
		caseName: 'Crown and buildup #14',
		status: 'accepted',
		fundingMethod: 'CareCredit',
		createdDaysAgo: 8,
		acceptedDaysAgo: 6,
		procedures: [proc('D2740', '14', 1350, 675), proc('D2950', '14', 295, 147.5)],
	},
	{
		key: 22,
		patientKey: 53,
		locationKey: 'lakeside',
		providerKey: 'okafor',
		caseName: 'Implant #19',
		status: 'accepted',
		fundingMethod: 'CareCredit',
		createdDaysAgo: 12,
		acceptedDaysAgo: 9,
		procedures: [
			proc('D6010', '19', 2250, 750),
			proc('D6057', '19', 950, 300),
			proc('D6058', '19', 1550, 450),
		],
	},
	{
		key: 23,
		patientKey: 54,
		locationKey: 'lakeside',
		providerKey: 'rossi',
		caseName: 'Root canal #30',
		status: 'accepted',
		fundingMethod: 'CareCredit',
		createdDaysAgo: 3,
		acceptedDaysAgo: 2,
		procedures: [proc('D3330', '30', 1350, 0)],
	},
	{
		key: 24,
		patientKey: 49,
		locationKey: 'downtown',
		providerKey: 'chen',
		caseName: 'Implant #30',
		status: 'proposed',
		fundingMethod: null,
		createdDaysAgo: 40,
		acceptedDaysAgo: null,
		procedures: [
			proc('D6010', '30', 2250, 0),
			proc('D6057', '30', 950, 0),
			proc('D6058', '30', 1550, 0),
		],
	},
	{
		key: 25,
		patientKey: 50,
		locationKey: 'lakeside',
		providerKey: 'okafor',
		caseName: 'Crown #3',
		status: 'proposed',
		fundingMethod: null,
		createdDaysAgo: 35,
		acceptedDaysAgo: null,
		procedures: [proc('D2740', '3', 1350, 675)],
	},
	{
		key: 26,
		patientKey: 51,
		locationKey: 'downtown',
		providerKey: 'patel',
		caseName: 'Fillings',
		status: 'proposed',
		fundingMethod: null,
		createdDaysAgo: 45,
		acceptedDaysAgo: null,
		procedures: [proc('D2391', '19', 210, 168), proc('D2392', '30', 260, 208)],
	},
];

/** The CareCredit decisions behind the financed plans, as this package's audit notes record them. */
export interface SeedFinancedCase {
	planKey: number;
	applicationId: string;
	promoCode: string;
	approvedCents: number;
	/** The Open Dental commlog / Dentrix ledger note the package wrote, minutes after the decision. */
	minutesToArrangement: number;
}

export const FINANCED_CASES: SeedFinancedCase[] = [
	{
		planKey: 21,
		applicationId: 'APP-520614',
		promoCode: 'DI12',
		approvedCents: 300_000,
		minutesToArrangement: 4,
	},
	{
		planKey: 22,
		applicationId: 'APP-530919',
		promoCode: 'DI18',
		approvedCents: 500_000,
		minutesToArrangement: 7,
	},
	{
		planKey: 23,
		applicationId: 'APP-540202',
		promoCode: 'DI6',
		approvedCents: 200_000,
		minutesToArrangement: 3,
	},
];

// ---------- day arithmetic on the anchor ----------

export const addDays = (date: string, days: number): string =>
	new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The n-th business day (Mon-Fri) after `date` (n >= 1). */
export function addBusinessDays(date: string, n: number): string {
	let d = date;
	for (let left = n; left > 0; ) {
		d = addDays(d, 1);
		const day = new Date(`${d}T00:00:00Z`).getUTCDay();
		if (day !== 0 && day !== 6) left -= 1;
	}
	return d;
}

/** The anchor day of a seed: the sandbox clock's UTC date. */
export const anchorDay = (now: Date): string => now.toISOString().slice(0, 10);
