import { z } from 'zod';

import { daysBetween, isValidTimeZone, todayIn, type LocalDate } from '../dates';
import { formatMoney } from '../money';
import { both, parseWith } from '../parse';
import { fail, ok, problem, type Problem, type Result } from '../result';
import {
	amountCents,
	benefitYear,
	carrierName,
	localDate,
	optionalLocalDate,
	pmsId,
} from './fields';

/**
 * The checks before a visit (issue 13, template 1), as findings a template only routes: for
 * each of the patient's plans, coverage active on the visit date (Open Dental's patplan with
 * `IsPending` and the subscriber's `DateEffective`/`DateTerm`,
 * https://opendental.com/site/apipatplans.html, https://opendental.com/site/apiinssubs.html),
 * the enrollment and benefit verification no older than the practice's limit
 * (https://www.opendental.com/site/apiinsverifies.html, `DateLastVerified`), the annual maximum
 * left above a threshold, and the deductible met.
 */
export const verificationRulesSchema = z.object({
	timeZone: z.string().refine(isValidTimeZone, {
		message: 'must be an IANA time zone such as America/New_York',
	}),
	/** A verification older than this many days is stale. */
	verificationMaxAgeDays: z.number().int().min(0).max(730).default(30),
	/** Annual maximum left below this is worth a look before the visit. */
	annualMaximumThresholdCents: z.number().int().min(0).default(200_00),
	/** Also check the benefit verification (InsuranceBenefit), not only the enrollment. */
	checkBenefitVerification: z.boolean().default(true),
});

export type VerificationRules = z.output<typeof verificationRulesSchema>;
export type VerificationRulesInput = z.input<typeof verificationRulesSchema>;

const planSchema = z.object({
	/** 1 primary, 2 secondary, … (Open Dental `Ordinal`). */
	ordinal: z.number().int().min(1).max(9),
	carrierName,
	planId: pmsId.optional(),
	isPending: z.boolean().optional().default(false),
	effectiveDate: optionalLocalDate,
	termDate: optionalLocalDate,
	enrollmentVerifiedOn: optionalLocalDate,
	benefitsVerifiedOn: optionalLocalDate,
	/** null or absent: the plan has no annual maximum on file. */
	annualMaximumRemainingCents: amountCents.nullable().optional(),
	deductibleRemainingCents: amountCents.nullable().optional(),
	benefitYear: benefitYear.optional(),
});

const visitDate = z
	.string({ required_error: 'is required' })
	.regex(
		/^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?$/,
		'must be yyyy-MM-dd or yyyy-MM-dd HH:mm:ss',
	)
	.transform((s) => s.slice(0, 10))
	.pipe(localDate);

export const verificationInputSchema = z.object({
	patientId: pmsId,
	appointmentId: pmsId.optional(),
	/** The visit's local date (an Open Dental `AptDateTime` is cut to its date). */
	visitDate,
	plans: z.array(planSchema),
});

export type VerificationInput = z.input<typeof verificationInputSchema>;

export type FindingCode =
	| 'noCoverageOnFile'
	| 'coveragePending'
	| 'coverageNotYetEffective'
	| 'coverageEnded'
	| 'enrollmentNeverVerified'
	| 'enrollmentVerificationStale'
	| 'benefitsNeverVerified'
	| 'benefitsVerificationStale'
	| 'annualMaximumUsedUp'
	| 'annualMaximumLow'
	| 'deductibleNotMet';

export interface VerificationFinding {
	code: FindingCode;
	ordinal: number | null;
	carrierName: string | null;
	/** What the front desk should check, in one line. */
	check: string;
}

export interface VerificationResult {
	patientId: string;
	appointmentId: string | null;
	visitDate: LocalDate;
	/** True when nothing needs a look: stamp the verification and move on. */
	ready: boolean;
	findings: VerificationFinding[];
}

const ORDINAL_NAMES = ['primary', 'secondary', 'third', 'fourth'];

/** Checks one patient's plans for one visit. Bad input is a Result with every problem. */
export function verifyBeforeVisit(
	input: unknown,
	rules: VerificationRulesInput,
	now: Date,
): Result<VerificationResult> {
	const parsed = both(
		parseWith(verificationRulesSchema, rules, 'rules'),
		parseWith(verificationInputSchema, input, 'verification'),
	);
	if (!parsed.ok) return parsed;
	const [r, { patientId, appointmentId, visitDate: visit, plans }] = parsed.value;
	const today = todayIn(r.timeZone, now);
	const problems: Problem[] = [];
	const findings: VerificationFinding[] = [];
	if (plans.length === 0) {
		findings.push({
			code: 'noCoverageOnFile',
			ordinal: null,
			carrierName: null,
			check: 'No insurance on file: ask whether the patient has dental insurance.',
		});
	}
	const sorted = [...plans].sort((a, b) => a.ordinal - b.ordinal);
	sorted.forEach((plan, i) => {
		const name = `${ORDINAL_NAMES[plan.ordinal - 1] ?? `plan ${plan.ordinal}`} plan (${plan.carrierName})`;
		const Name = name[0]!.toUpperCase() + name.slice(1);
		const add = (code: FindingCode, check: string) =>
			findings.push({ code, ordinal: plan.ordinal, carrierName: plan.carrierName, check });
		if (plan.benefitYear && (visit < plan.benefitYear.start || visit > plan.benefitYear.end)) {
			problems.push(
				problem(
					`verification.plans.${i}.benefitYear`,
					'dateOutsideBenefitYear',
					`the visit on ${visit} is outside the benefit year ${plan.benefitYear.start} to ${plan.benefitYear.end}; the maximum and deductible left cannot be checked for it`,
				),
			);
			return;
		}
		if (plan.isPending) add('coveragePending', `${Name} is marked pending: confirm it is active.`);
		if (plan.effectiveDate && visit < plan.effectiveDate) {
			add(
				'coverageNotYetEffective',
				`${Name} starts ${plan.effectiveDate}, after the visit on ${visit}: confirm the start date.`,
			);
		}
		if (plan.termDate && visit > plan.termDate) {
			add(
				'coverageEnded',
				`${Name} ended ${plan.termDate}, before the visit on ${visit}: ask for the current insurance.`,
			);
		}
		checkAge(plan.enrollmentVerifiedOn, 'enrollment', add, Name, today, r.verificationMaxAgeDays);
		if (r.checkBenefitVerification) {
			checkAge(plan.benefitsVerifiedOn, 'benefits', add, Name, today, r.verificationMaxAgeDays);
		}
		const max = plan.annualMaximumRemainingCents;
		if (max !== null && max !== undefined) {
			if (max === 0)
				add(
					'annualMaximumUsedUp',
					`${Name}: the annual maximum is used up; the patient pays in full.`,
				);
			else if (max < r.annualMaximumThresholdCents) {
				add(
					'annualMaximumLow',
					`${Name}: only ${formatMoney(max)} of the annual maximum is left; tell the patient before the visit.`,
				);
			}
		}
		const deductible = plan.deductibleRemainingCents;
		if (deductible !== null && deductible !== undefined && deductible > 0) {
			add(
				'deductibleNotMet',
				`${Name}: ${formatMoney(deductible)} of the deductible is not met yet; the patient may owe it at the visit.`,
			);
		}
	});
	if (problems.length) return fail(...problems);
	return ok({
		patientId,
		appointmentId: appointmentId ?? null,
		visitDate: visit,
		ready: findings.length === 0,
		findings,
	});
}

function checkAge(
	verifiedOn: LocalDate | null,
	what: 'enrollment' | 'benefits',
	add: (code: FindingCode, check: string) => void,
	name: string,
	today: LocalDate,
	maxAgeDays: number,
): void {
	const label = what === 'enrollment' ? 'eligibility' : 'benefits';
	if (!verifiedOn) {
		add(
			what === 'enrollment' ? 'enrollmentNeverVerified' : 'benefitsNeverVerified',
			`${name}: ${label} never verified; verify with the carrier.`,
		);
		return;
	}
	const age = daysBetween(verifiedOn, today);
	if (age > maxAgeDays) {
		add(
			what === 'enrollment' ? 'enrollmentVerificationStale' : 'benefitsVerificationStale',
			`${name}: ${label} last verified ${verifiedOn} (${age} days ago, limit ${maxAgeDays}); verify again.`,
		);
	}
}

export interface WorkListDay {
	visitDate: LocalDate;
	lines: Array<{ patientId: string; appointmentId: string | null; check: string }>;
}

/**
 * The front desk's work list: the results that need a look, grouped by visit day (earliest
 * first), one line per finding, in a stable order so a re-run builds the same message.
 */
export function verificationWorkList(results: readonly VerificationResult[]): WorkListDay[] {
	const days = new Map<LocalDate, WorkListDay>();
	for (const result of results) {
		if (result.ready) continue;
		let day = days.get(result.visitDate);
		if (!day) days.set(result.visitDate, (day = { visitDate: result.visitDate, lines: [] }));
		for (const f of result.findings) {
			day.lines.push({
				patientId: result.patientId,
				appointmentId: result.appointmentId,
				check: f.check,
			});
		}
	}
	return [...days.values()]
		.sort((a, b) => (a.visitDate < b.visitDate ? -1 : a.visitDate > b.visitDate ? 1 : 0))
		.map((d) => ({
			...d,
			lines: d.lines.sort(
				(a, b) =>
					a.patientId.localeCompare(b.patientId, 'en', { numeric: true }) ||
					(a.appointmentId ?? '').localeCompare(b.appointmentId ?? '', 'en', { numeric: true }),
			),
		}));
}
