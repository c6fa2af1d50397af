import {
	addDays,
	addMonths,
	daysInMonth,
	formatLocalDate,
	parseLocalDate,
	type LocalDate,
} from './dates';
import {
	divideCeil,
	divideRoundHalfUp,
	floorCents,
	formatMoney,
	roundHalfUp,
	splitEvenly,
	sum,
	type Cents,
} from './money';
import { fail, ok, problem, type Problem, type Result } from './result';

/** Dentrix's payment agreement intervals (domain.md §3). */
export const PAYMENT_INTERVALS = ['monthly', 'semiMonthly', 'biWeekly', 'weekly'] as const;
export type PaymentInterval = (typeof PAYMENT_INTERVALS)[number];

/** Periods per year, used to turn an annual rate into a per-payment rate (APR / periods). */
export const PERIODS_PER_YEAR: Record<PaymentInterval, number> = {
	monthly: 12,
	semiMonthly: 24,
	biWeekly: 26,
	weekly: 52,
};

/**
 * Every due date from the first one.
 * - monthly: same day each month, clamped at month end (Jan 31 → Feb 28/29 → Mar 31).
 * - semiMonthly (modeled; Dentrix does not publish its rule): two days a month, 15 days apart.
 *   From the first date's day d: days a = (d ≤ 15 ? d : d − 15) and a + 15, the later one
 *   clamped at month end. First date Jan 31 → Feb 16, Feb 28/29, Mar 16, Mar 31, ...
 * - biWeekly: every 14 days; weekly: every 7 days.
 */
export function dueDates(
	firstPaymentDate: LocalDate,
	interval: PaymentInterval,
	count: number,
): LocalDate[] {
	const dates: LocalDate[] = [];
	if (interval === 'monthly') {
		const anchor = Number(firstPaymentDate.slice(8, 10));
		for (let k = 0; k < count; k++) dates.push(addMonths(firstPaymentDate, k, anchor));
	} else if (interval === 'semiMonthly') {
		const first = parseLocalDate(firstPaymentDate);
		if (!first.ok) return [];
		const { year, month, day } = first.value;
		const early = day <= 15 ? day : day - 15;
		const start = day <= 15 ? 0 : 1; // index of the first payment within its month's pair
		for (let k = 0; k < count; k++) {
			const position = start + k;
			const index = year * 12 + (month - 1) + Math.floor(position / 2);
			const y = Math.floor(index / 12);
			const m = (index % 12) + 1;
			const d = position % 2 === 0 ? early : Math.min(early + 15, daysInMonth(y, m));
			dates.push(formatLocalDate({ year: y, month: m, day: d }));
		}
	} else {
		const step = interval === 'biWeekly' ? 14 : 7;
		for (let k = 0; k < count; k++) dates.push(addDays(firstPaymentDate, k * step));
	}
	return dates;
}

/**
 * Standard amortization payment, P = B·r / (1 − (1 + r)^−n) with r = APR / periods per year
 * (the textbook annuity formula, as in the CFPB's and every loan table), computed in floating
 * point and rounded half up to the cent. With APR 0 it is B / n rounded up.
 */
export function amortizedPayment(
	principal: Cents,
	aprBasisPoints: number,
	numberOfPayments: number,
	periodsPerYear = 12,
): Cents {
	if (aprBasisPoints === 0) return divideCeil(principal, numberOfPayments);
	const r = aprBasisPoints / 10_000 / periodsPerYear;
	return roundHalfUp((principal * r) / (1 - Math.pow(1 + r, -numberOfPayments)));
}

/** Interest for one period on a balance, exact integer arithmetic, rounded half up. */
export function periodInterest(
	balance: Cents,
	aprBasisPoints: number,
	periodsPerYear: number,
): Cents {
	return divideRoundHalfUp(balance * aprBasisPoints, 10_000 * periodsPerYear);
}

export interface ScheduledPayment {
	number: number;
	dueDate: LocalDate;
	amountCents: Cents;
	principalCents: Cents;
	interestCents: Cents;
	balanceAfterCents: Cents;
}

export interface PaymentSchedule {
	interval: PaymentInterval;
	firstPaymentDate: LocalDate;
	principalCents: Cents;
	aprBasisPoints: number;
	numberOfPayments: number;
	/** The regular payment (every payment but possibly the last). */
	paymentAmountCents: Cents;
	/** The last payment absorbs rounding (smaller for APR 0 / ceil; either way for APR > 0). */
	lastPaymentCents: Cents;
	totalInterestCents: Cents;
	/** Always principal + total interest, to the cent. */
	totalPaidCents: Cents;
	payments: ScheduledPayment[];
	lastDueDate: LocalDate | null;
}

export type ScheduleTerm =
	| { numberOfPayments: number }
	| { paymentAmountCents: Cents; maxNumberOfPayments?: number };

export interface ScheduleRequest {
	principalCents: Cents;
	aprBasisPoints?: number;
	interval: PaymentInterval;
	firstPaymentDate: LocalDate;
	term: ScheduleTerm;
	/** A $0 schedule is a problem unless the caller explicitly accepts an empty one. */
	allowZeroTotal?: boolean;
	/** Field prefix for problems, e.g. `shortfallPlan`. */
	field?: string;
}

/** Payment amounts and the interest inside each, before dates are attached. */
export interface Amortized {
	amounts: Cents[];
	interests: Cents[];
}

/** Runs a level payment over the declining balance; null when it pays off early (a $0 payment). */
function runLevelPayment(
	principal: Cents,
	payment: Cents,
	count: number,
	apr: number,
	periods: number,
): Amortized | null {
	const amounts: Cents[] = [];
	const interests: Cents[] = [];
	let balance = principal;
	for (let k = 1; k <= count; k++) {
		const interest = periodInterest(balance, apr, periods);
		if (k === count) {
			amounts.push(balance + interest);
		} else {
			if (payment - interest >= balance) return null;
			amounts.push(payment);
		}
		interests.push(interest);
		balance = balance + interest - amounts[amounts.length - 1]!;
	}
	return amounts.every((a) => a > 0) ? { amounts, interests } : null;
}

const MAX_PAYMENTS = 600;

function tooSmall(field: string, principal: Cents, count: number): Problem {
	return problem(
		field,
		'amountTooSmallForTerm',
		`${formatMoney(principal)} cannot be spread over ${count} payments without a $0.00 payment; use fewer payments`,
	);
}

/** Payment amounts (and interest per payment) for a fixed number of payments. */
export function amortizeByCount(
	principal: Cents,
	apr: number,
	count: number,
	periods: number,
	field = 'schedule',
): Result<Amortized> {
	if (apr === 0) {
		// Rounded up so the last payment is the smaller one (domain.md §7 for payoff payments).
		const payment = divideCeil(principal, count);
		if (payment * (count - 1) < principal) {
			const amounts = [...Array<Cents>(count - 1).fill(payment), principal - payment * (count - 1)];
			return ok({ amounts, interests: amounts.map(() => 0) });
		}
		// Tiny amounts (e.g. 10 cents over 4): spread evenly instead, larger parts first.
		if (principal < count) return fail(tooSmall(field, principal, count));
		const amounts = splitEvenly(principal, count);
		return ok({ amounts, interests: amounts.map(() => 0) });
	}
	const r = apr / 10_000 / periods;
	const exact = (principal * r) / (1 - Math.pow(1 + r, -count));
	// Rounded half up (domain.md §2: ordinary amortization); rounded down only if rounding up
	// would pay the balance off before the last payment, which happens for a few cents only.
	for (const payment of [roundHalfUp(exact), floorCents(exact)]) {
		if (payment <= 0) continue;
		const run = runLevelPayment(principal, payment, count, apr, periods);
		if (run) return ok(run);
	}
	return fail(tooSmall(field, principal, count));
}

/** Payment amounts for a fixed payment: as many as needed, the last one smaller or equal. */
export function amortizeByPayment(
	principal: Cents,
	apr: number,
	payment: Cents,
	periods: number,
	maxPayments = MAX_PAYMENTS,
	field = 'schedule',
): Result<Amortized> {
	const amounts: Cents[] = [];
	const interests: Cents[] = [];
	let balance = principal;
	while (balance > 0) {
		const interest = periodInterest(balance, apr, periods);
		if (payment <= interest) {
			return fail(
				problem(
					field,
					'paymentDoesNotCoverInterest',
					`a payment of ${formatMoney(payment)} does not cover the interest (${formatMoney(interest)} per payment)`,
				),
			);
		}
		const amount = Math.min(payment, balance + interest);
		amounts.push(amount);
		interests.push(interest);
		balance = balance + interest - amount;
		if (amounts.length > maxPayments) {
			return fail(
				problem(
					field,
					'tooManyPayments',
					`${formatMoney(payment)} a payment would take more than ${maxPayments} payments; raise the payment`,
				),
			);
		}
	}
	return ok({ amounts, interests });
}

/**
 * Every due date and amount. Amounts sum exactly to principal + interest: interest is computed
 * each period on the declining balance (balance × APR / periods per year, rounded half up to the
 * cent, in integers), every payment but the last is the level payment, and the last payment is
 * whatever remains. No payment is zero or negative.
 */
export function buildSchedule(request: ScheduleRequest): Result<PaymentSchedule> {
	const field = request.field ?? 'schedule';
	const apr = request.aprBasisPoints ?? 0;
	const problems: Problem[] = [];
	const date = parseLocalDate(request.firstPaymentDate, `${field}.firstPaymentDate`);
	if (!date.ok) problems.push(...date.problems);
	if (!Number.isSafeInteger(request.principalCents) || request.principalCents < 0) {
		problems.push(
			problem(
				`${field}.principalCents`,
				'invalidAmount',
				'must be a whole number of cents, $0.00 or more',
			),
		);
	}
	if (!Number.isInteger(apr) || apr < 0 || apr > 10_000) {
		problems.push(
			problem(
				`${field}.aprBasisPoints`,
				'invalidApr',
				'must be a whole number of basis points from 0 to 10000 (1490 = 14.90%)',
			),
		);
	}
	if (!PAYMENT_INTERVALS.includes(request.interval)) {
		problems.push(
			problem(
				`${field}.interval`,
				'invalidInterval',
				`must be one of ${PAYMENT_INTERVALS.join(', ')}`,
			),
		);
	}
	const term = request.term;
	if ('numberOfPayments' in term) {
		if (
			!Number.isInteger(term.numberOfPayments) ||
			term.numberOfPayments < 1 ||
			term.numberOfPayments > MAX_PAYMENTS
		) {
			problems.push(
				problem(
					`${field}.numberOfPayments`,
					'invalidNumberOfPayments',
					`must be a whole number from 1 to ${MAX_PAYMENTS}`,
				),
			);
		}
	} else if (!Number.isSafeInteger(term.paymentAmountCents) || term.paymentAmountCents < 1) {
		problems.push(
			problem(`${field}.paymentAmountCents`, 'invalidAmount', 'must be more than $0.00'),
		);
	}
	if (problems.length > 0) return fail(...problems);

	const base = {
		interval: request.interval,
		firstPaymentDate: request.firstPaymentDate,
		principalCents: request.principalCents,
		aprBasisPoints: apr,
	};
	if (request.principalCents === 0) {
		if (!request.allowZeroTotal) {
			return fail(
				problem(
					`${field}.principalCents`,
					'zeroTotal',
					'the amount to schedule is $0.00; there is nothing to schedule',
				),
			);
		}
		return ok({
			...base,
			numberOfPayments: 0,
			paymentAmountCents: 0,
			lastPaymentCents: 0,
			totalInterestCents: 0,
			totalPaidCents: 0,
			payments: [],
			lastDueDate: null,
		});
	}

	const periods = PERIODS_PER_YEAR[request.interval];
	const amortized =
		'numberOfPayments' in term
			? amortizeByCount(request.principalCents, apr, term.numberOfPayments, periods, field)
			: amortizeByPayment(
					request.principalCents,
					apr,
					term.paymentAmountCents,
					periods,
					term.maxNumberOfPayments ?? MAX_PAYMENTS,
					field,
				);
	if (!amortized.ok) return amortized;
	const { amounts, interests } = amortized.value;
	const dates = dueDates(request.firstPaymentDate, request.interval, amounts.length);
	let balance = request.principalCents;
	const payments = amounts.map((amountCents, i) => {
		const interestCents = interests[i]!;
		balance = balance + interestCents - amountCents;
		return {
			number: i + 1,
			dueDate: dates[i]!,
			amountCents,
			principalCents: amountCents - interestCents,
			interestCents,
			balanceAfterCents: balance,
		};
	});
	const totalInterestCents = sum(interests);
	return ok({
		...base,
		numberOfPayments: payments.length,
		paymentAmountCents: amounts[0]!,
		lastPaymentCents: amounts[amounts.length - 1]!,
		totalInterestCents,
		totalPaidCents: request.principalCents + totalInterestCents,
		payments,
		lastDueDate: dates[dates.length - 1] ?? null,
	});
}
