import { parseLocalDate, type LocalDate } from './dates';
import { amortizeByCount, amortizeByPayment, MAX_PAYMENTS } from './amortize';
import { dueDates, PAYMENT_INTERVALS, PERIODS_PER_YEAR, type PaymentInterval } from './dueDates';
import { sum } from './exact';
import { formatMoney, MAX_CENTS, type Cents } from './money';
import { fail, ok, problem, type Problem, type Result } from './result';

export * from './amortize';
export * from './dueDates';

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
	/**
	 * By number of payments: `exactCount` (default), the level payment whose run takes exactly
	 * that many; `halfUp`, the annuity payment rounded half up, as CareCredit's calculator does.
	 */
	rounding?: 'exactCount' | 'halfUp';
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
	} else if (request.principalCents > MAX_CENTS) {
		problems.push(
			problem(
				`${field}.principalCents`,
				'tooLarge',
				`is above ${formatMoney(MAX_CENTS)}, the largest amount accepted`,
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
	const term: ScheduleTerm =
		typeof request.term === 'object' && request.term !== null
			? request.term
			: { numberOfPayments: Number.NaN };
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
	} else if (
		!Number.isSafeInteger(term.paymentAmountCents) ||
		term.paymentAmountCents < 1 ||
		term.paymentAmountCents > MAX_CENTS
	) {
		problems.push(
			problem(
				`${field}.paymentAmountCents`,
				'invalidAmount',
				`must be whole cents from $0.01 to ${formatMoney(MAX_CENTS)}`,
			),
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
			? amortizeByCount(
					request.principalCents,
					apr,
					term.numberOfPayments,
					periods,
					field,
					request.rounding,
				)
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
