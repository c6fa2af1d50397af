import { allocateProportionally, percentOf, sum } from '../exact';
import { formatMoney, type Cents } from '../money';
import { ok, type Result } from '../result';
import { categoryKey } from './fields';
import {
	parsePortionEstimateInput,
	type PlanBenefits,
	type PortionProcedureInput,
} from './portionInput';

/**
 * The patient portion after insurance, per procedure and in total, each figure with the rule
 * that produced it.
 *
 * - Where the practice system has its own estimate (Open Dental's saved treatment plan), it is
 *   the figure: fee − primary − secondary − discount = patient amount
 *   (https://opendental.com/site/apiproctps.html).
 * - Elsewhere, from the plans' coverage: allowed = fee − discount; the primary plan's deductible
 *   (unless the category is exempt), then its percent for the category, then its annual maximum
 *   left; the secondary plan the same way on the allowed amount, but never more than what the
 *   primary left (standard coordination of benefits, modeled). Procedures use up the deductible
 *   and maximum in the order given (the treatment plan's order).
 * - Rounding: an insurance share is rounded down to the cent, so the patient portion is never
 *   understated. A practice discount on the patient portion is split across procedures in
 *   proportion (largest remainder), so the procedures always add up to the total exactly.
 */
export const PORTION_ESTIMATE_CAVEAT =
	'This is an estimate, not a promise of payment. Insurance may pay less than expected, for example when the deductible has not been met, the annual maximum has been reached, or the plan covers less than our records show. The patient is responsible for any amount insurance does not pay.';

export type PortionRule =
	| 'pmsEstimate'
	| 'procedureDiscount'
	| 'deductible'
	| 'deductibleExempt'
	| 'coveragePercent'
	| 'annualMaximum'
	| 'secondaryLimitedToRemainder'
	| 'noInsurance'
	| 'practiceDiscount';

export interface PortionReason {
	rule: PortionRule;
	coverage: 'primary' | 'secondary' | null;
	amountCents: Cents;
	text: string;
}

export interface ProcedurePortion {
	procedureId: string;
	cdtCode: string | null;
	description: string;
	category: string | null;
	feeCents: Cents;
	discountCents: Cents;
	primaryInsuranceCents: Cents;
	secondaryInsuranceCents: Cents;
	practiceDiscountCents: Cents;
	patientPortionCents: Cents;
	source: 'pmsEstimate' | 'coverage' | 'noInsurance';
	reasons: PortionReason[];
}

export interface PortionEstimate {
	procedures: ProcedurePortion[];
	totals: {
		feeCents: Cents;
		discountCents: Cents;
		primaryInsuranceCents: Cents;
		secondaryInsuranceCents: Cents;
		practiceDiscountCents: Cents;
		patientPortionCents: Cents;
	};
	/** What is left of each plan's deductible and annual maximum after this estimate. */
	remaining: {
		primary: { deductibleCents: Cents; annualMaximumCents: Cents | null } | null;
		secondary: { deductibleCents: Cents; annualMaximumCents: Cents | null } | null;
	};
	basis: 'pmsEstimate' | 'coverage' | 'noInsurance' | 'mixed';
	caveat: string;
}

type Label = 'primary' | 'secondary';

interface PlanState {
	label: Label;
	percent: Map<string, number>;
	exempt: Set<string>;
	deductibleLeft: Cents;
	maximumLeft: Cents | null;
}

function stateOf(label: Label, plan: PlanBenefits | null | undefined): PlanState | null {
	if (!plan) return null;
	return {
		label,
		percent: new Map(Object.entries(plan.percentByCategory).map(([k, v]) => [categoryKey(k), v])),
		exempt: new Set(plan.deductibleExemptCategories.map(categoryKey)),
		deductibleLeft: plan.deductibleRemainingCents,
		maximumLeft: plan.annualMaximumRemainingCents,
	};
}

/** One plan's share of `base`, at most `limit`; uses up its deductible and maximum. */
function planShare(
	state: PlanState,
	category: string,
	base: Cents,
	limit: Cents,
	reasons: PortionReason[],
): Cents {
	const key = categoryKey(category);
	const reason = (rule: PortionRule, amountCents: Cents, text: string) =>
		reasons.push({ rule, coverage: state.label, amountCents, text: `${state.label}: ${text}` });
	const percent = state.percent.get(key) ?? 0;
	let deductible = 0;
	// A deductible is met only by covered services: a category at 0% leaves it untouched.
	const owesDeductible = percent > 0 && state.deductibleLeft > 0 && base > 0;
	if (owesDeductible && state.exempt.has(key)) {
		reason('deductibleExempt', 0, `the deductible does not apply to ${category}`);
	} else if (owesDeductible) {
		deductible = Math.min(state.deductibleLeft, base);
		reason(
			'deductible',
			deductible,
			`${formatMoney(deductible)} of the deductible applies (${formatMoney(state.deductibleLeft)} was left)`,
		);
		state.deductibleLeft -= deductible;
	}
	let share = Math.floor(((base - deductible) * percent) / 100);
	reason(
		'coveragePercent',
		share,
		`covers ${category} at ${percent}% of ${formatMoney(base - deductible)}: ${formatMoney(share)}`,
	);
	if (state.maximumLeft !== null && share > state.maximumLeft) {
		share = state.maximumLeft;
		reason(
			'annualMaximum',
			share,
			`the annual maximum left (${formatMoney(state.maximumLeft)}) limits insurance to ${formatMoney(share)}`,
		);
	}
	if (share > limit) {
		share = limit;
		reason(
			'secondaryLimitedToRemainder',
			share,
			`limited to what the primary plan left unpaid: ${formatMoney(share)}`,
		);
	}
	if (state.maximumLeft !== null) state.maximumLeft -= share;
	return share;
}

function fromPmsEstimate(p: PortionProcedureInput, reasons: PortionReason[]) {
	const est = p.insuranceEstimate!;
	const patient = p.feeCents - est.primaryCents - est.secondaryCents - p.discountCents;
	reasons.push({
		rule: 'pmsEstimate',
		coverage: null,
		amountCents: patient,
		text: `the practice system's saved estimate: fee ${formatMoney(p.feeCents)} − primary ${formatMoney(est.primaryCents)} − secondary ${formatMoney(est.secondaryCents)} − discount ${formatMoney(p.discountCents)} = ${formatMoney(patient)}`,
	});
	return { primary: est.primaryCents, secondary: est.secondaryCents, patient };
}

/** Estimates the patient portion; a Result with every problem (naming the field) on bad input. */
export function estimatePatientPortion(input: unknown): Result<PortionEstimate> {
	const parsed = parsePortionEstimateInput(input);
	if (!parsed.ok) return parsed;
	const request = parsed.value;
	const primary = stateOf('primary', request.coverage?.primary);
	const secondary = stateOf('secondary', request.coverage?.secondary);

	const procedures: ProcedurePortion[] = request.procedures.map((p) => {
		const reasons: PortionReason[] = [];
		if (p.discountCents > 0 && !p.insuranceEstimate) {
			reasons.push({
				rule: 'procedureDiscount',
				coverage: null,
				amountCents: p.discountCents,
				text: `discount ${formatMoney(p.discountCents)} off the fee ${formatMoney(p.feeCents)}`,
			});
		}
		let figures: { primary: Cents; secondary: Cents; patient: Cents };
		let source: ProcedurePortion['source'];
		if (p.insuranceEstimate) {
			figures = fromPmsEstimate(p, reasons);
			source = 'pmsEstimate';
		} else if (primary) {
			const allowed = p.feeCents - p.discountCents;
			const first = planShare(primary, p.category!, allowed, allowed, reasons);
			const second = secondary
				? planShare(secondary, p.category!, allowed, allowed - first, reasons)
				: 0;
			figures = { primary: first, secondary: second, patient: allowed - first - second };
			source = 'coverage';
		} else {
			const allowed = p.feeCents - p.discountCents;
			reasons.push({
				rule: 'noInsurance',
				coverage: null,
				amountCents: allowed,
				text: `no insurance estimate or coverage on file: the patient pays ${formatMoney(allowed)}`,
			});
			figures = { primary: 0, secondary: 0, patient: allowed };
			source = 'noInsurance';
		}
		return {
			procedureId: p.procedureId,
			cdtCode: p.cdtCode || null,
			description: p.description,
			category: p.category ?? null,
			feeCents: p.feeCents,
			discountCents: p.discountCents,
			primaryInsuranceCents: figures.primary,
			secondaryInsuranceCents: figures.secondary,
			practiceDiscountCents: 0,
			patientPortionCents: figures.patient,
			source,
			reasons,
		};
	});

	applyPracticeDiscount(procedures, request.patientDiscount);

	const total = (pick: (p: ProcedurePortion) => Cents) => sum(procedures.map(pick));
	const sources = new Set(procedures.map((p) => p.source));
	const left = (s: PlanState | null) =>
		s ? { deductibleCents: s.deductibleLeft, annualMaximumCents: s.maximumLeft } : null;
	return ok({
		procedures,
		totals: {
			feeCents: total((p) => p.feeCents),
			discountCents: total((p) => p.discountCents),
			primaryInsuranceCents: total((p) => p.primaryInsuranceCents),
			secondaryInsuranceCents: total((p) => p.secondaryInsuranceCents),
			practiceDiscountCents: total((p) => p.practiceDiscountCents),
			patientPortionCents: total((p) => p.patientPortionCents),
		},
		remaining: { primary: left(primary), secondary: left(secondary) },
		basis: sources.size === 1 ? [...sources][0]! : 'mixed',
		caveat: PORTION_ESTIMATE_CAVEAT,
	});
}

function applyPracticeDiscount(
	procedures: ProcedurePortion[],
	rule:
		| { rule: 'percent'; basisPoints: number }
		| { rule: 'amount'; amountCents: Cents }
		| undefined,
): void {
	if (!rule) return;
	const portions = procedures.map((p) => p.patientPortionCents);
	const owed = sum(portions);
	const discount =
		rule.rule === 'percent' ? percentOf(owed, rule.basisPoints) : Math.min(rule.amountCents, owed);
	if (discount <= 0) return;
	const how =
		rule.rule === 'percent'
			? `${rule.basisPoints / 100}% practice discount`
			: `practice discount of ${formatMoney(rule.amountCents)}`;
	allocateProportionally(discount, portions).forEach((share, i) => {
		const p = procedures[i]!;
		if (share === 0) return;
		p.practiceDiscountCents = share;
		p.patientPortionCents -= share;
		p.reasons.push({
			rule: 'practiceDiscount',
			coverage: null,
			amountCents: share,
			text: `${formatMoney(share)} of the ${how} (${formatMoney(discount)} in all, split by each procedure's share)`,
		});
	});
}
