import {
	defaultPracticePolicy,
	type FinancingDecision,
	type PracticePolicy,
	type TreatmentPlanInput,
} from '../../financing';

/** A $4,800 crown and implant, all of it the patient's portion (docs/financing-domain.md §1's example). */
export function crownAndImplant(overrides: Partial<TreatmentPlanInput> = {}): TreatmentPlanInput {
	return {
		treatmentPlanId: '9',
		patientId: '101',
		guarantorId: '100',
		locationId: '1',
		patientName: 'Ana Molina',
		totalCents: 480_000,
		patientPortionCents: 480_000,
		procedures: [
			{
				procedureId: '5001',
				cdtCode: 'D2740',
				description: 'Crown - porcelain/ceramic',
				tooth: '14',
				feeCents: 150_000,
				patientPortionCents: 150_000,
			},
			{
				procedureId: '5002',
				cdtCode: 'D6010',
				description: 'Implant body, endosteal',
				tooth: '14',
				feeCents: 330_000,
				patientPortionCents: 330_000,
			},
		],
		...overrides,
	};
}

export function approvedDecision(overrides: Partial<FinancingDecision> = {}): FinancingDecision {
	return {
		status: 'approved',
		rawStatus: 'Completed',
		applicationId: 'APP-123456',
		sessionId: 'sess-1',
		referenceId: null,
		accountKind: 'newApplication',
		creditLineCents: 400_000,
		approvedAmountCents: 400_000,
		promotionalPlan: null,
		purchase: { transactionId: 'TX-778899', amountCents: 330_000, promotionCode: null },
		decidedAt: '2026-03-01T04:00:00Z',
		pms: { patientId: '101', guarantorId: '100', treatmentPlanId: '9', locationId: '1' },
		...overrides,
	};
}

export const NEW_YORK = 'America/New_York';

/** 23:30 on 2026-02-28 in New York, already 2026-03-01 in UTC. */
export const NEAR_MIDNIGHT = new Date('2026-03-01T04:30:00Z');

export function policy(overrides: Record<string, unknown> = {}): PracticePolicy {
	return { ...defaultPracticePolicy(NEW_YORK), ...overrides } as PracticePolicy;
}

/** Deep-merges a section of the default policy. */
export function policyWith(
	section: keyof PracticePolicy,
	values: Record<string, unknown>,
): PracticePolicy {
	const base = defaultPracticePolicy(NEW_YORK);
	return { ...base, [section]: { ...(base[section] as object), ...values } } as PracticePolicy;
}
