import { z } from 'zod';

import { formatMoney } from '../money';
import { parseWith } from '../parse';
import { fail, ok, problem, type Problem, type Result } from '../result';
import {
	amountCents,
	benefitYear,
	carrierName,
	categoryKey,
	coveragePercent,
	localDate,
	pmsId,
} from './fields';

/**
 * What the patient portion estimate reads: the treatment plan's procedures, each with the
 * practice system's own insurance estimate when it has one (Open Dental's saved plan:
 * `FeeAmt`, `PriInsAmt`, `SecInsAmt`, `Discount`, `PatAmt`,
 * https://opendental.com/site/apiproctps.html), and otherwise the coverage of the primary and
 * secondary plan (https://www.opendental.com/site/apibenefits.html: coverage percent by
 * category, deductible, annual maximum).
 */
const insuranceEstimateSchema = z.object({
	primaryCents: amountCents,
	secondaryCents: amountCents.optional().default(0),
	/** The system's own patient amount (Open Dental `PatAmt`), checked against the others. */
	patientCents: amountCents.optional(),
});

const procedureSchema = z
	.object({
		procedureId: pmsId,
		cdtCode: z.string().trim().nullable().optional(),
		description: z.string().optional().default(''),
		/** Coverage category (Open Dental's coverage category, e.g. "Preventive", "Crowns"). */
		category: z.string().trim().min(1).nullable().optional(),
		feeCents: amountCents,
		/** PPO write-off or procedure discount (Open Dental `Discount`). */
		discountCents: amountCents.optional().default(0),
		insuranceEstimate: insuranceEstimateSchema.nullable().optional(),
	})
	.superRefine((p, ctx) => {
		const issue = (path: string, code: string, message: string) =>
			ctx.addIssue({ code: 'custom', path: [path], message, params: { code } });
		// A negative amount has its own problem already; comparing it would only add noise.
		const est = p.insuranceEstimate;
		const amounts = [p.feeCents, p.discountCents, est?.primaryCents ?? 0, est?.secondaryCents ?? 0];
		if (amounts.some((a) => a < 0)) return;
		if (p.discountCents > p.feeCents) {
			issue(
				'discountCents',
				'discountAboveFee',
				`the discount ${formatMoney(p.discountCents)} is more than the fee ${formatMoney(p.feeCents)}`,
			);
			return;
		}
		if (!est) return;
		const patient = p.feeCents - est.primaryCents - est.secondaryCents - p.discountCents;
		if (patient < 0) {
			issue(
				'insuranceEstimate',
				'insuranceAboveFee',
				`insurance ${formatMoney(est.primaryCents + est.secondaryCents)} plus the discount ${formatMoney(p.discountCents)} is more than the fee ${formatMoney(p.feeCents)}`,
			);
		} else if (est.patientCents !== undefined && est.patientCents !== patient) {
			issue(
				'insuranceEstimate.patientCents',
				'patientAmountDisagrees',
				`the practice system's patient amount ${formatMoney(est.patientCents)} is not fee − primary − secondary − discount (${formatMoney(patient)}); save the treatment plan again so its estimate is current`,
			);
		}
	});

const planBenefitsSchema = z.object({
	carrierName,
	planId: pmsId.optional(),
	/** The benefit year the remaining deductible and maximum belong to. */
	benefitYear,
	percentByCategory: z.record(coveragePercent).refine((table) => Object.keys(table).length > 0, {
		message: 'the plan has no coverage table; enter its percent per category',
		params: { code: 'noCoverageTable' },
	}),
	deductibleRemainingCents: amountCents.optional().default(0),
	/** null: the plan has no annual maximum. */
	annualMaximumRemainingCents: amountCents.nullable().optional().default(null),
	/** Categories the deductible does not apply to (commonly preventive and diagnostic). */
	deductibleExemptCategories: z.array(z.string().trim().min(1)).optional().default([]),
});

const patientDiscountSchema = z.discriminatedUnion('rule', [
	z.object({ rule: z.literal('percent'), basisPoints: z.number().int().min(0).max(10_000) }),
	z.object({ rule: z.literal('amount'), amountCents }),
]);

export const portionEstimateInputSchema = z.object({
	/** The date the estimate is for (the planned visit); must lie in each plan's benefit year. */
	serviceDate: localDate.optional(),
	procedures: z.array(procedureSchema).min(1),
	coverage: z
		.object({
			primary: planBenefitsSchema.nullable().optional(),
			secondary: planBenefitsSchema.nullable().optional(),
		})
		.optional(),
	/** A practice discount on what the patient owes after insurance (e.g. a courtesy discount). */
	patientDiscount: patientDiscountSchema.optional(),
});

export type PortionEstimateInput = z.input<typeof portionEstimateInputSchema>;
export type PortionEstimateRequest = z.output<typeof portionEstimateInputSchema>;
export type PlanBenefits = z.output<typeof planBenefitsSchema>;
export type PortionProcedureInput = z.output<typeof procedureSchema>;

/** Field checks, then the checks across fields; every problem names its field. Never throws. */
export function parsePortionEstimateInput(input: unknown): Result<PortionEstimateRequest> {
	const parsed = parseWith(portionEstimateInputSchema, input, 'estimate');
	if (!parsed.ok) return parsed;
	const request = parsed.value;
	const problems: Problem[] = [];
	const plans = [
		['primary', request.coverage?.primary ?? null],
		['secondary', request.coverage?.secondary ?? null],
	] as const;
	if (plans[1][1] && !plans[0][1]) {
		problems.push(
			problem(
				'estimate.coverage.secondary',
				'secondaryWithoutPrimary',
				'a secondary plan needs a primary plan; check the plans’ order in the practice system',
			),
		);
	}
	const usesCoverage = request.procedures.some((p) => !p.insuranceEstimate);
	for (const [label, plan] of plans) {
		if (!plan || !usesCoverage) continue;
		const field = `estimate.coverage.${label}`;
		const categories = new Set(Object.keys(plan.percentByCategory).map(categoryKey));
		if (!request.serviceDate) {
			problems.push(
				problem('estimate.serviceDate', 'required', 'enter the date the estimate is for'),
			);
		} else if (
			request.serviceDate < plan.benefitYear.start ||
			request.serviceDate > plan.benefitYear.end
		) {
			problems.push(
				problem(
					`${field}.benefitYear`,
					'dateOutsideBenefitYear',
					`${request.serviceDate} is outside the benefit year ${plan.benefitYear.start} to ${plan.benefitYear.end}; the remaining deductible and maximum belong to another year`,
				),
			);
		}
		plan.deductibleExemptCategories.forEach((name, i) => {
			if (!categories.has(categoryKey(name))) {
				problems.push(
					problem(
						`${field}.deductibleExemptCategories.${i}`,
						'unknownCategory',
						`"${name}" is not a category of the plan's coverage table`,
					),
				);
			}
		});
		request.procedures.forEach((p, i) => {
			if (p.insuranceEstimate) return;
			if (!p.category) {
				problems.push(
					problem(
						`estimate.procedures.${i}.category`,
						'required',
						'enter the coverage category so the plan’s percent can be applied',
					),
				);
			} else if (!categories.has(categoryKey(p.category))) {
				problems.push(
					problem(
						`estimate.procedures.${i}.category`,
						'unknownCategory',
						`"${p.category}" is not a category of the ${label} plan's coverage table (${[...categories].join(', ')})`,
					),
				);
			}
		});
	}
	return problems.length ? fail(...dedupe(problems)) : ok(request);
}

function dedupe(problems: Problem[]): Problem[] {
	const seen = new Set<string>();
	return problems.filter((p) => {
		const key = `${p.field}|${p.code}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}
