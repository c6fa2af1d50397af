import { addDays, isLocalDate, type LocalDate } from '../dates';
import { centsFromWireOrNull, formatMoney, type Cents } from '../money';
import { fail, ok, problem, type Problem, type Result } from '../result';

/**
 * A plan's benefit rows, reduced to the numbers a front desk checks (annual maximum, deductible,
 * what is used of both this benefit year, coverage percent by category, frequency limits), from
 * Open Dental's records as its API returns them:
 * - `/benefits` rows (https://www.opendental.com/site/apibenefits.html): "Empty Percent and
 *   MonetaryAmt values are indicated by -1". The annual maximum is a `Limitations` row with no
 *   procedure and no quantity, the deductible a `Deductible` row, both for the general category
 *   (CovCatNum 0, or the category whose EbenefitCat is General) and for the calendar or service
 *   year (Open Dental's forum guide "API Guide - Benefits", opendentalsoft.com t=8645); a
 *   `Deductible` row of 0 for a category waives the deductible there; `CoInsurance` rows carry
 *   the percent per category; `Limitations` rows with a procedure and a quantity are frequencies.
 * - `/covcats` rows (apicovcats.html) name the categories.
 * - `/claimprocs` rows (apiclaimprocs.html) of the patient: insurance paid (`InsPayAmt`) and
 *   deductible applied (`DedApplied`) this benefit year on Received, Supplemental and Adjustment
 *   rows count as used; NotReceived rows (claims sent, not paid) count their estimate
 *   (`InsPayEst`) as pending, which Open Dental also subtracts from what is left.
 * - The benefit year follows the plan's `MonthRenew` (insplan; 0 is the calendar year).
 * Individual-level rows are used; family-level maximums and deductibles are reported, not applied.
 * Benefits a patient overrides on their own patplan (`PatPlanNum` rows) are not part of this.
 */
type Row = Record<string, unknown>;

export interface FrequencyLimit {
	procedureCode: string;
	times: number;
	/** Open Dental's QuantityQualifier and TimePeriod, as words. */
	per: string;
}

export interface BenefitSummary {
	planId: string;
	carrierName: string | null;
	benefitYear: { start: LocalDate; end: LocalDate };
	annualMaximumCents: Cents | null;
	usedCents: Cents;
	pendingCents: Cents;
	annualMaximumRemainingCents: Cents | null;
	deductibleCents: Cents | null;
	deductibleAppliedCents: Cents;
	deductibleRemainingCents: Cents;
	familyAnnualMaximumCents: Cents | null;
	familyDeductibleCents: Cents | null;
	percentByCategory: Record<string, number>;
	deductibleExemptCategories: string[];
	frequencies: FrequencyLimit[];
}

export interface OpenDentalBenefitInput {
	/** The date the numbers are for (the visit); its benefit year is used. */
	date: LocalDate;
	plan: { planId: string | number; carrierName: string | null; monthRenew?: number | null };
	benefits: Row[];
	covCats: Row[];
	claimProcs?: Row[];
}

/** The benefit year holding `date`: the calendar year, or from the plan's renewal month. */
export function benefitYearOf(
	date: LocalDate,
	monthRenew: number | null | undefined,
): { start: LocalDate; end: LocalDate } {
	const year = Number(date.slice(0, 4));
	const month = Number(date.slice(5, 7));
	const renew = monthRenew && monthRenew >= 1 && monthRenew <= 12 ? monthRenew : 1;
	const startYear = month >= renew ? year : year - 1;
	const start = `${startYear}-${String(renew).padStart(2, '0')}-01`;
	const next = `${startYear + 1}-${String(renew).padStart(2, '0')}-01`;
	return { start, end: addDays(next, -1) };
}

const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));
const str = (v: unknown) =>
	typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
const isEmpty = (v: unknown) => num(v) === -1;
const YEARLY = new Set(['CalendarYear', 'ServiceYear', 'None', '']);
const USED = new Set(['Received', 'Supplemental', 'Adjustment']);

/** Open Dental's QuantityQualifier and TimePeriod of a frequency limit, in words. */
function frequencyPeriod(qualifier: string, period: string, quantity: number): string {
	if (qualifier === 'Years') return `every ${quantity} years`;
	if (qualifier === 'Months') return `every ${quantity} months`;
	const words: Record<string, string> = {
		CalendarYear: 'per calendar year',
		ServiceYear: 'per benefit year',
		NumberInLast12Months: 'in the last 12 months',
		Lifetime: 'per lifetime',
	};
	return words[period] ?? 'per benefit year';
}

export function summarizeOpenDentalBenefits(input: OpenDentalBenefitInput): Result<BenefitSummary> {
	const problems: Problem[] = [];
	if (!isLocalDate(input.date)) {
		return fail(problem('date', 'invalidDate', 'is not a date in the form yyyy-MM-dd'));
	}
	const planId = str(input.plan.planId);
	const planName = `plan ${planId}${input.plan.carrierName ? `, ${input.plan.carrierName},` : ''}`;
	const categories = new Map<number, { name: string; general: boolean }>();
	for (const c of input.covCats) {
		categories.set(num(c.CovCatNum), {
			name: str(c.Description),
			general: str(c.EbenefitCat) === 'General',
		});
	}
	const isGeneral = (b: Row) =>
		num(b.CovCatNum) === 0 || categories.get(num(b.CovCatNum))?.general === true;
	const noProcedure = (b: Row) => !num(b.CodeNum) && !str(b.procCode) && !num(b.CodeGroupNum);
	const field = (b: Row, name: string) => `benefits.${str(b.BenefitNum)}.${name}`;
	const amount = (b: Row, what: string): Cents | null => {
		if (isEmpty(b.MonetaryAmt)) {
			problems.push(
				problem(
					field(b, 'MonetaryAmt'),
					'emptyAmount',
					`the ${what} (BenefitNum ${str(b.BenefitNum)}) of ${planName} holds Open Dental's -1, which means empty; enter the amount in the plan's benefits`,
				),
			);
			return null;
		}
		const cents = centsFromWireOrNull(b.MonetaryAmt);
		if (cents === null || cents < 0) {
			problems.push(
				problem(
					field(b, 'MonetaryAmt'),
					'invalidAmount',
					`the ${what} of ${planName} is not an amount`,
				),
			);
			return null;
		}
		return cents;
	};

	let annualMax: Cents | null = null;
	let familyMax: Cents | null = null;
	let deductible: Cents | null = null;
	let familyDeductible: Cents | null = null;
	const percentByCategory: Record<string, number> = {};
	const exempt: string[] = [];
	const frequencies: FrequencyLimit[] = [];
	for (const b of input.benefits) {
		const type = str(b.BenefitType);
		const family = str(b.CoverageLevel) === 'Family';
		const yearly = YEARLY.has(str(b.TimePeriod));
		const category = categories.get(num(b.CovCatNum))?.name;
		if (
			type === 'Limitations' &&
			noProcedure(b) &&
			str(b.QuantityQualifier) !== 'NumberOfServices' &&
			!num(b.Quantity) &&
			isGeneral(b) &&
			yearly
		) {
			const value = amount(b, family ? 'family annual maximum' : 'annual maximum');
			if (family) familyMax = value;
			else annualMax = value;
		} else if (type === 'Limitations' && !noProcedure(b) && num(b.Quantity) > 0) {
			frequencies.push({
				procedureCode: str(b.procCode) || `CodeNum ${str(b.CodeNum || b.CodeGroupNum)}`,
				times: ['Years', 'Months'].includes(str(b.QuantityQualifier)) ? 1 : num(b.Quantity),
				per: frequencyPeriod(str(b.QuantityQualifier), str(b.TimePeriod), num(b.Quantity)),
			});
		} else if (type === 'Deductible' && noProcedure(b) && yearly && isGeneral(b)) {
			const value = amount(b, family ? 'family deductible' : 'deductible');
			if (family) familyDeductible = value;
			else deductible = value;
		} else if (type === 'Deductible' && noProcedure(b) && category && !isGeneral(b)) {
			if (num(b.MonetaryAmt) === 0) exempt.push(category);
		} else if (type === 'CoInsurance' && category && !isGeneral(b)) {
			if (isEmpty(b.Percent)) {
				problems.push(
					problem(
						field(b, 'Percent'),
						'emptyPercent',
						`the ${category} coverage (BenefitNum ${str(b.BenefitNum)}) of ${planName} holds Open Dental's -1, which means empty; enter the percent in the plan's benefits`,
					),
				);
			} else percentByCategory[category] = num(b.Percent);
		}
	}

	const benefitYear = benefitYearOf(input.date, input.plan.monthRenew);
	let used = 0;
	let pending = 0;
	let deductibleApplied = 0;
	for (const c of input.claimProcs ?? []) {
		if (str(c.PlanNum) !== planId) continue;
		const day = str(c.ProcDate).slice(0, 10);
		if (day < benefitYear.start || day > benefitYear.end) continue;
		const status = str(c.Status);
		if (USED.has(status)) used += Math.max(0, centsFromWireOrNull(c.InsPayAmt) ?? 0);
		else if (status === 'NotReceived')
			pending += Math.max(0, centsFromWireOrNull(c.InsPayEst) ?? 0);
		else continue;
		deductibleApplied += Math.max(0, centsFromWireOrNull(c.DedApplied) ?? 0);
	}
	if (problems.length) return fail(...problems);
	return ok({
		planId,
		carrierName: input.plan.carrierName,
		benefitYear,
		annualMaximumCents: annualMax,
		usedCents: used,
		pendingCents: pending,
		annualMaximumRemainingCents:
			annualMax === null ? null : Math.max(0, annualMax - used - pending),
		deductibleCents: deductible,
		deductibleAppliedCents: deductibleApplied,
		deductibleRemainingCents: deductible === null ? 0 : Math.max(0, deductible - deductibleApplied),
		familyAnnualMaximumCents: familyMax,
		familyDeductibleCents: familyDeductible,
		percentByCategory,
		deductibleExemptCategories: exempt,
		frequencies,
	});
}

/** One line a person reads: "$1,217.00 of $1,500.00 left; deductible met". */
export function describeBenefits(s: BenefitSummary): string {
	const max =
		s.annualMaximumCents === null
			? 'no annual maximum on file'
			: `${formatMoney(s.annualMaximumRemainingCents ?? 0)} of ${formatMoney(s.annualMaximumCents)} left`;
	const deductible =
		s.deductibleCents === null
			? 'no deductible on file'
			: s.deductibleRemainingCents === 0
				? 'deductible met'
				: `${formatMoney(s.deductibleRemainingCents)} of the ${formatMoney(s.deductibleCents)} deductible not met`;
	return `${max}; ${deductible} (benefit year ${s.benefitYear.start} to ${s.benefitYear.end})`;
}
