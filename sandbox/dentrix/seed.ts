// The seeded practice as Dentrix holds it.
import {
	AGREEMENTS,
	anchorDay,
	LOCATIONS,
	PEOPLE,
	PLANS,
	PRACTICE,
	PROVIDERS,
	SCENARIO_PEOPLE,
	type ScenarioPerson,
	type SeedPerson,
	dentrixIds as ids,
} from '../seed';
import {
	contactPreferences,
	dentrixProcedure,
	patientStatus,
	seedScenarios,
} from './seedScenarios';
import type { DentrixPaymentAgreement, DentrixState, DentrixTreatmentPlan } from './types';

export const DENTRIX_API_KEY = 'sandbox-dentrix-key';

/** The seeded practice; scenario rows (appointments, continuing care, coverage) are dated from `now`'s day. */
export function seedDentrix(now: Date = new Date()): DentrixState {
	let procedureId = 5000;
	const accepted = PLANS.filter((p) => p.acceptedAt)
		.map((p) => p.acceptedAt as string)
		.sort();
	const treatmentPlans: DentrixTreatmentPlan[] = PLANS.map((plan) => ({
		id: ids.plan(plan.key),
		patientId: ids.patient(plan.patientKey),
		caseName: plan.caseName,
		status: plan.status,
		fundingMethod: plan.fundingMethod,
		locationId: ids.location(plan.locationKey),
		providerId: ids.provider(plan.providerKey),
		createdOn: plan.createdOn,
		acceptedAt: plan.acceptedAt,
		acceptSequence: plan.acceptedAt ? accepted.indexOf(plan.acceptedAt) + 1 : null,
		procedures: plan.procedures.map((p) => dentrixProcedure(p, `proc_${(procedureId += 1)}`)),
	}));
	const paymentAgreements: DentrixPaymentAgreement[] = AGREEMENTS.map((a, i) => {
		const { guarantorKey, ...fields } = a;
		return {
			id: `pa_${3001 + i}`,
			guarantorId: ids.patient(guarantorKey),
			status: 'active',
			billingType: fields.billingType,
			agreementDate: fields.agreementDate,
			interval: fields.interval,
			annualFinanceChargePercent: fields.annualFinanceChargePercent,
			annualLateChargePercent: fields.annualLateChargePercent,
			gracePeriodDays: fields.gracePeriodDays,
			minimumLateChargeCents: fields.minimumLateChargeCents,
			minimumBalanceToChargeCents: fields.minimumBalanceToChargeCents,
			totalAgreedAmountCents: fields.totalAgreedAmountCents,
			downPaymentCents: fields.downPaymentCents,
			firstPaymentDue: fields.firstPaymentDue,
			paymentAmountCents: fields.paymentAmountCents,
			numberOfPayments: fields.numberOfPayments,
			note: fields.note,
			statementNote: fields.statementNote,
			createdAt: `${fields.agreementDate}T15:00:00.000Z`,
			createdBy: 'console',
			updatedAt: `${fields.agreementDate}T15:00:00.000Z`,
			closedAt: null,
			edits: [],
		};
	});
	// An older agreement, paid off and closed: closed agreements never block a new one.
	paymentAgreements.push({
		...paymentAgreements[0],
		id: 'pa_3004',
		guarantorId: ids.patient(12),
		status: 'closed',
		agreementDate: '2025-01-10',
		firstPaymentDue: '2025-02-10',
		totalAgreedAmountCents: 60000,
		downPaymentCents: 0,
		paymentAmountCents: 10000,
		numberOfPayments: 6,
		note: 'Crown #3 balance. Paid in full.',
		statementNote: '',
		createdAt: '2025-01-10T16:00:00.000Z',
		updatedAt: '2025-07-10T16:00:00.000Z',
		closedAt: '2025-07-10T16:00:00.000Z',
	});
	const state: DentrixState = {
		practice: {
			id: 'practice_prairie',
			name: PRACTICE.name,
			locations: LOCATIONS.map((l) => ({
				id: ids.location(l.key),
				name: l.name,
				address: l.address,
				phone: l.phone,
			})),
			providers: PROVIDERS.map((p) => ({
				id: ids.provider(p.key),
				firstName: p.firstName,
				lastName: p.lastName,
				title: p.title,
				locationId: ids.location(p.locationKey),
			})),
			billingTypes: [
				'Standard Billing',
				'Payment Agreement',
				'Third-Party Financing - No Statements',
				'Collections',
				// Lakeside's policy override (sandbox/seed/locations.ts).
				'Payment Agreement - Lakeside',
			],
			paymentTypes: ['Cash', 'Check', 'Credit Card', 'CareCredit Payment'],
			adjustmentTypes: [
				{ name: 'CareCredit Refund', direction: 'debit' },
				{ name: 'CareCredit Merchant Fee', direction: 'credit' },
				{ name: 'Professional Courtesy', direction: 'credit' },
			],
			continuingCareTypes: [],
		},
		apiKeys: [DENTRIX_API_KEY],
		patients: [...PEOPLE, ...SCENARIO_PEOPLE].map((p: SeedPerson & Partial<ScenarioPerson>) => ({
			id: ids.patient(p.key),
			firstName: p.firstName,
			lastName: p.lastName,
			middleInitial: p.middleInitial,
			preferredName: p.preferredName,
			gender: p.gender,
			dateOfBirth: p.dateOfBirth,
			taxId: p.taxId,
			chartNumber: `${p.lastName
				.replace(/[^A-Za-z]/g, '')
				.slice(0, 2)
				.toUpperCase()}${String(p.key).padStart(4, '0')}`,
			address: p.address,
			phones: { home: p.homePhone, cell: p.cellPhone, work: p.workPhone },
			email: p.email,
			guarantorId: ids.patient(p.guarantorKey),
			relationshipToGuarantor: p.relationship,
			locationId: ids.location(p.locationKey),
			primaryProviderId: ids.provider(p.providerKey),
			...patientStatus(p.status),
			contactPreferences: contactPreferences(p.contact),
		})),
		treatmentPlans,
		paymentAgreements,
		futureDuePlans: [
			{
				id: 'fdp_8001',
				guarantorId: ids.patient(20),
				patientId: ids.patient(22),
				providerId: ids.provider('patel'),
				dateOfAgreement: '2026-02-01',
				firstPaymentDueDate: '2026-03-01',
				totalPlanAmountCents: 540000,
				downPayChargeCents: 100000,
				numberOfCharges: 22,
				chargeAmountCents: 20000,
				chargeProcedureCode: 'D8670',
				autoInsuranceClaim: true,
				autoCharge: true,
				createdAt: '2026-02-01T15:30:00.000Z',
				createdBy: 'console',
			},
		],
		ledgerNotes: [
			{
				id: 'note_4001',
				guarantorId: ids.patient(17),
				patientId: ids.patient(17),
				date: '2026-10-02',
				kind: 'guarantorNote',
				text: 'CareCredit approved $1,500 line, DI12. Posted CareCredit payment $1,297.50. Agreement keyed by hand. -KM',
				createdAt: '2026-10-02T15:40:00.000Z',
				createdBy: 'console',
			},
		],
		payments: [
			{
				id: 'pay_6001',
				guarantorId: ids.patient(17),
				patientId: ids.patient(17),
				paymentType: 'CareCredit Payment',
				amountCents: 129750,
				date: '2026-10-02',
				reference: 'TXN-090417',
				note: 'CareCredit DI12',
				createdAt: '2026-10-02T15:35:00.000Z',
				createdBy: 'console',
			},
		],
		adjustments: [],
		coverages: [],
		continuingCare: [],
		appointments: [],
	};
	seedScenarios(state, anchorDay(now));
	return state;
}
