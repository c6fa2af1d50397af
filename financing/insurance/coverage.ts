import type { LocalDate } from '../dates';

/**
 * Whether a plan covers the patient on a date, from Open Dental's records: a patplan row is the
 * coverage ("A PatPlan row in the database indicates coverage aka eligibility",
 * https://opendental.com/site/apipatplans.html), `IsPending` marks it unconfirmed, and the
 * subscriber's `DateEffective`/`DateTerm` bound it (https://opendental.com/site/apiinssubs.html).
 */
export type CoverageStatus = 'active' | 'pending' | 'notYetEffective' | 'ended';

export function coverageStatusOn(
	plan: { isPending?: boolean; effectiveDate?: LocalDate | null; termDate?: LocalDate | null },
	date: LocalDate,
): CoverageStatus {
	if (plan.termDate && date > plan.termDate) return 'ended';
	if (plan.effectiveDate && date < plan.effectiveDate) return 'notYetEffective';
	if (plan.isPending) return 'pending';
	return 'active';
}
