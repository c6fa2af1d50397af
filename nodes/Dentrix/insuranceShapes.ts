import type { IDataObject } from 'n8n-workflow';

import {
	benefitYearOf,
	centsFromWireOrNull,
	coverageStatusOn,
	looksLikePatientData,
	problem,
	type LocalDate,
	type Problem,
} from '../../financing';

/**
 * A Dentrix coverage of the modeled contract (docs/dentrix-api.md, "Insurance coverage and
 * eligibility") as this package's item, in the shape the Open Dental Coverage item has: amounts in
 * cents, the benefit year of a date, and each problem naming its field (no carrier; an empty
 * maximum or deductible, Dentrix's null where Open Dental writes -1).
 */
type Wire = IDataObject & Record<string, unknown>;

const ORDINAL: Record<string, number> = { primary: 1, secondary: 2 };
const text = (v: unknown) => (typeof v === 'string' ? v : '');

export function toDentrixCoverage(c: Wire, date: LocalDate): IDataObject {
	const benefits = (c.benefits ?? {}) as Wire;
	const carrier = c.carrier as Wire | null;
	const field = `coverage.${text(c.id)}`;
	const problems: Problem[] = [];
	if (!carrier) {
		problems.push(
			problem(
				`${field}.carrier`,
				'noCarrier',
				'the coverage names no carrier; attach the carrier in Dentrix',
			),
		);
	}
	const amount = (key: string, what: string) => {
		if (benefits[key] === null || benefits[key] === undefined) {
			problems.push(
				problem(
					`${field}.benefits.${key}`,
					'emptyAmount',
					`the ${what} is empty; enter it in the plan's benefits in Dentrix`,
				),
			);
			return null;
		}
		return centsFromWireOrNull(benefits[key]);
	};
	const max = amount('annualMaximum', 'annual maximum');
	const deductible = amount('individualDeductible', 'deductible');
	const used = centsFromWireOrNull(benefits.benefitsUsed) ?? 0;
	const met = centsFromWireOrNull(benefits.deductibleMet) ?? 0;
	const plan = {
		isPending: c.eligibilityStatus === 'pending',
		effectiveDate: (c.effectiveDate as string | null) ?? null,
		termDate: (c.terminationDate as string | null) ?? null,
	};
	const coverageStatus = coverageStatusOn(plan, date);
	const subscriber = c.subscriber as Wire | null;
	return {
		coverageId: text(c.id),
		patientId: text(c.patientId),
		ordinal: ORDINAL[text(c.coverageOrder)] ?? 3,
		coverageOrder: c.coverageOrder,
		carrier: carrier
			? {
					carrierId: text(carrier.id),
					name: text(carrier.name),
					phone: text(carrier.phone),
					payorId: text(carrier.payorId),
				}
			: null,
		groupPlanName: text(c.groupPlanName),
		groupNumber: text(c.groupNumber),
		subscriber: subscriber
			? {
					id: text(subscriber.id),
					name: `${text(subscriber.firstName)} ${text(subscriber.lastName)}`.trim(),
				}
			: null,
		subscriberMemberId: looksLikePatientData(text(c.subscriberId))
			? '(hidden)'
			: text(c.subscriberId),
		relationToSubscriber: c.relationToSubscriber,
		effectiveDate: plan.effectiveDate,
		termDate: plan.termDate,
		eligibilityStatus: c.eligibilityStatus,
		eligibilityVerifiedOn: c.eligibilityVerifiedOn ?? null,
		benefitsVerifiedOn: c.benefitsVerifiedOn ?? null,
		activeOn: date,
		coverageStatus,
		active: coverageStatus === 'active',
		benefits: {
			benefitYear: benefitYearOf(date, Number(c.benefitRenewalMonth ?? 0)),
			annualMaximumCents: max,
			usedCents: used,
			annualMaximumRemainingCents: max === null ? null : Math.max(0, max - used),
			deductibleCents: deductible,
			deductibleMetCents: met,
			deductibleRemainingCents: deductible === null ? 0 : Math.max(0, deductible - met),
			percentByCategory: Object.fromEntries(
				((benefits.coverage as Wire[] | undefined) ?? []).map((r) => [
					text(r.category),
					Number(r.percent),
				]),
			),
			frequencies: ((benefits.frequencies as Wire[] | undefined) ?? []).map((f) => ({
				procedureCode: text(f.cdtCode),
				times: Number(f.times),
				per: f.per === 'last12Months' ? 'in the last 12 months' : 'per benefit year',
			})),
		},
		problems,
	};
}
