import { addDays, addMonths, compareLocalDates, type LocalDate } from '../dates';
import { percentOf } from '../exact';
import type { Cents } from '../money';
import { safeEcho } from '../patientData';
import type { FirstPaymentRule, PracticePolicy } from '../policy';
import { fail, ok, problem, type Result } from '../result';
import { buildSchedule, type PaymentSchedule } from '../schedule';
import type { Inputs } from './inputs';
import type { BuildWritesOverrides, ShortfallPlan } from './types';

/** Step 3 of buildWrites: what the patient still owes the practice (§7 item 3). */

/** First in-house payment date from the policy rule. */
export function firstPaymentDateFor(agreementDate: LocalDate, rule: FirstPaymentRule): LocalDate {
	if (rule.rule === 'daysAfterAgreement') return addDays(agreementDate, rule.days);
	const earliest = addDays(agreementDate, rule.minimumDaysAfterAgreement);
	const sameMonth = `${earliest.slice(0, 8)}${String(rule.day).padStart(2, '0')}`;
	return compareLocalDates(sameMonth, earliest) >= 0 ? sameMonth : addMonths(sameMonth, 1);
}

function downPaymentFor(shortfall: Cents, policy: PracticePolicy): Cents {
	const rule = policy.shortfallPlan.downPayment;
	if (rule.rule === 'percent')
		return Math.min(shortfall, percentOf(shortfall, rule.percentBasisPoints));
	if (rule.rule === 'fixed') return Math.min(shortfall, rule.amountCents);
	return 0;
}

function shortfallSchedule(
	amount: Cents,
	firstPaymentDate: LocalDate,
	policy: PracticePolicy,
): Result<PaymentSchedule> {
	const sp = policy.shortfallPlan;
	const term =
		sp.term.rule === 'numberOfPayments'
			? {
					// Never a payment below the minimum: fewer payments for a small balance.
					numberOfPayments: Math.max(
						1,
						Math.min(
							sp.term.numberOfPayments,
							sp.term.minimumPaymentCents > 0
								? Math.floor(amount / sp.term.minimumPaymentCents)
								: sp.term.numberOfPayments,
						),
					),
				}
			: {
					paymentAmountCents: sp.term.paymentAmountCents,
					maxNumberOfPayments: sp.term.maxNumberOfPayments,
				};
	return buildSchedule({
		principalCents: amount,
		aprBasisPoints: sp.aprBasisPoints,
		interval: sp.interval,
		firstPaymentDate,
		term,
		field: 'shortfallPlan',
	});
}

export interface Shortfall {
	shortfallCents: Cents;
	downPaymentCents: Cents;
	collectAtVisitCents: Cents;
	plan: ShortfallPlan | null;
}

/** The down payment, then an in-house plan or collection at the visit. The note is set later. */
export function buildShortfall(
	input: Inputs,
	amountFinanced: Cents,
	overrides: BuildWritesOverrides,
): Result<Shortfall> {
	const { plan, policy, agreementDate } = input;
	const shortfall = plan.patientPortionCents - amountFinanced;
	const none = {
		shortfallCents: shortfall,
		downPaymentCents: 0,
		collectAtVisitCents: 0,
		plan: null,
	};
	if (shortfall <= 0) return ok(none);
	if (!policy.writes.shortfallPlan || shortfall <= policy.shortfallPlan.collectInFullBelowCents)
		return ok({ ...none, collectAtVisitCents: shortfall });
	const downPayment = downPaymentFor(shortfall, policy);
	const inHouse = shortfall - downPayment;
	const base = {
		shortfallCents: shortfall,
		downPaymentCents: downPayment,
		collectAtVisitCents: downPayment,
	};
	if (inHouse <= 0) return ok({ ...base, plan: null });
	const firstPaymentDate =
		overrides.firstPaymentDate ??
		firstPaymentDateFor(agreementDate, policy.shortfallPlan.firstPayment);
	if (compareLocalDates(firstPaymentDate, agreementDate) < 0) {
		return fail(
			problem(
				'shortfallPlan.firstPaymentDate',
				'firstPaymentBeforeAgreement',
				`the first payment (${safeEcho(firstPaymentDate, input.today)}) is before the agreement date (${safeEcho(agreementDate, input.today)})`,
			),
		);
	}
	const schedule = shortfallSchedule(inHouse, firstPaymentDate, policy);
	if (!schedule.ok) return schedule;
	const s = schedule.value;
	const sp = policy.shortfallPlan;
	return ok({
		...base,
		plan: {
			patientId: plan.patientId,
			guarantorId: plan.guarantorId,
			arrangementType: sp.arrangementType,
			billingType: sp.billingType,
			agreementDate,
			totalCents: shortfall,
			downPaymentCents: downPayment,
			amountFinancedCents: inHouse,
			interval: sp.interval,
			paymentAmountCents: s.paymentAmountCents,
			lastPaymentCents: s.lastPaymentCents,
			numberOfPayments: s.numberOfPayments,
			firstPaymentDate,
			aprBasisPoints: sp.aprBasisPoints,
			gracePeriodDays: sp.gracePeriodDays,
			annualFinanceChargeBasisPoints: sp.aprBasisPoints,
			annualLateChargeBasisPoints: sp.annualLateChargeBasisPoints,
			minimumLateChargeCents: sp.minimumLateChargeCents,
			minimumBalanceToChargeCents: sp.minimumBalanceToChargeCents,
			totalInterestCents: s.totalInterestCents,
			totalOfPaymentsCents: s.totalPaidCents,
			procedureIds: plan.procedures.map((p) => p.procedureId),
			note: '',
			schedule: s,
		},
	});
}
