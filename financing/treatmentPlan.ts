import { z } from 'zod/v3';

import { formatMoney, MAX_CENTS } from './money';
import { fail, ok, zodProblems, type Result } from './result';

/**
 * The treatment plan as captured from the PMS (docs/financing-domain.md §1 step 1 and §3): total, patient
 * portion, patient, guarantor, procedures with CDT codes, fees and PMS procedure ids. Ids are
 * strings; numbers are accepted and turned into strings (Open Dental's ProcNum, PatNum).
 */
const pmsId = z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String);
const cents = z
	.number()
	.int('must be a whole number of cents')
	.min(0, 'cannot be negative')
	.max(MAX_CENTS, `must be at most ${formatMoney(MAX_CENTS)}`);

export const procedureSchema = z
	.object({
		procedureId: pmsId,
		// CDT codes are "D" and four digits, e.g. D2740 (crown, porcelain/ceramic).
		cdtCode: z.string().regex(/^D\d{4}$/, 'must be a CDT code such as D2740'),
		description: z.string().default(''),
		tooth: z.string().nullable().default(null),
		feeCents: cents,
		patientPortionCents: cents,
	})
	.superRefine((p, ctx) => {
		if (p.patientPortionCents > p.feeCents) {
			ctx.addIssue({
				code: 'custom',
				path: ['patientPortionCents'],
				message: `the patient portion ${formatMoney(p.patientPortionCents)} is more than the fee ${formatMoney(p.feeCents)}`,
				params: { code: 'patientPortionAboveFee' },
			});
		}
	});

export const treatmentPlanSchema = z
	.object({
		treatmentPlanId: pmsId.nullable().default(null),
		patientId: pmsId,
		guarantorId: pmsId,
		locationId: pmsId.nullable().default(null),
		/** Only for the coordinator message; never written to CareCredit. */
		patientName: z.string().nullable().default(null),
		totalCents: cents,
		patientPortionCents: cents,
		procedures: z.array(procedureSchema).min(1),
	})
	.superRefine((plan, ctx) => {
		const issue = (path: string, code: string, message: string) =>
			ctx.addIssue({ code: 'custom', path: [path], message, params: { code } });
		if (plan.totalCents === 0) {
			issue(
				'totalCents',
				'planTotalZero',
				'the treatment plan total is $0.00; there is nothing to finance',
			);
		}
		if (plan.patientPortionCents > plan.totalCents) {
			issue(
				'patientPortionCents',
				'patientPortionAboveTotal',
				`the patient portion ${formatMoney(plan.patientPortionCents)} is more than the plan total ${formatMoney(plan.totalCents)}`,
			);
		}
		const fees = plan.procedures.reduce((a, p) => a + p.feeCents, 0);
		if (fees !== plan.totalCents) {
			issue(
				'procedures',
				'proceduresDoNotSumToTotal',
				`the procedure fees add up to ${formatMoney(fees)} but the plan total is ${formatMoney(plan.totalCents)}`,
			);
		}
		const portions = plan.procedures.reduce((a, p) => a + p.patientPortionCents, 0);
		if (portions !== plan.patientPortionCents) {
			issue(
				'procedures',
				'procedurePortionsDoNotSum',
				`the procedures' patient portions add up to ${formatMoney(portions)} but the plan's patient portion is ${formatMoney(plan.patientPortionCents)}`,
			);
		}
	});

export type TreatmentPlan = z.output<typeof treatmentPlanSchema>;
export type TreatmentPlanInput = z.input<typeof treatmentPlanSchema>;
export type Procedure = TreatmentPlan['procedures'][number];

/** Validates a treatment plan; every problem at once, never throws. */
export function parseTreatmentPlan(input: unknown): Result<TreatmentPlan> {
	const parsed = treatmentPlanSchema.safeParse(input);
	return parsed.success ? ok(parsed.data) : fail(...zodProblems(parsed.error, 'treatmentPlan'));
}
