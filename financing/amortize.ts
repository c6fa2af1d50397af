import {
	amortizedPaymentRatio,
	bigDivideRoundHalfUp,
	divideCeil,
	multiplyDivideRoundHalfUp,
	splitEvenly,
} from './exact';
import { formatMoney, type Cents } from './money';
import { fail, ok, problem, type Problem, type Result } from './result';

/** Payment amounts of a schedule, exact to the cent: the level payment and the run of a balance. */

/**
 * Standard amortization payment, P = B·r / (1 − (1 + r)^−n) with r = APR / periods per year
 * (the textbook annuity formula), rounded half up to the cent from the exact ratio (BigInt: no
 * floating error, for every amount up to the domain's maximum). With APR 0 it is B / n rounded up.
 */
export function amortizedPayment(
	principal: Cents,
	aprBasisPoints: number,
	numberOfPayments: number,
	periodsPerYear = 12,
): Cents {
	if (aprBasisPoints === 0) return divideCeil(principal, numberOfPayments);
	const { numerator, denominator } = amortizedPaymentRatio(
		principal,
		aprBasisPoints,
		numberOfPayments,
		periodsPerYear,
	);
	return Number(bigDivideRoundHalfUp(numerator, denominator));
}

/** Interest for one period on a balance, exact integer arithmetic, rounded half up. */
export function periodInterest(
	balance: Cents,
	aprBasisPoints: number,
	periodsPerYear: number,
): Cents {
	return multiplyDivideRoundHalfUp(balance, aprBasisPoints, 10_000 * periodsPerYear);
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

/** The domain's longest term: 600 payments (50 years monthly). */
export const MAX_PAYMENTS = 600;

function tooSmall(field: string, principal: Cents, count: number): Problem {
	return problem(
		field,
		'amountTooSmallForTerm',
		`${formatMoney(principal)} cannot be spread over ${count} payments without a $0.00 payment; use fewer payments`,
	);
}

/**
 * Payment amounts (and interest per payment) for a fixed number of payments. `exactCount`
 * (schedules the practice keeps): the level payment whose run takes exactly `count` payments;
 * `halfUp` (CareCredit's calculator estimate): the annuity payment rounded half up.
 */
export function amortizeByCount(
	principal: Cents,
	apr: number,
	count: number,
	periods: number,
	field = 'schedule',
	rounding: 'exactCount' | 'halfUp' = 'exactCount',
): Result<Amortized> {
	if (apr === 0) {
		// Rounded up so the last payment is the smaller one (docs/financing-domain.md §7 for payoff payments).
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
	const { numerator, denominator } = amortizedPaymentRatio(principal, apr, count, periods);
	// The level payment is the smallest whole-cent payment, from the annuity formula's value
	// rounded down, whose run over the declining balance takes exactly `count` payments: every
	// payment but the last is that payment and the last (the balance plus its interest) absorbs
	// the rounding, never more than the others. Rounded half up instead, a payment a fraction of
	// a cent short leaves a cent after the last payment, and the same terms read back (payment,
	// APR, total) describe one payment more than the plan has (e.g. $1,500 at 12% over 6).
	// The run length only falls as the payment rises, so the first fit is the smallest.
	const floor = Number(numerator / denominator);
	const fits = rounding === 'exactCount' ? floor + count + 1 : 0;
	for (let payment = Math.max(1, floor); payment <= fits; payment++) {
		const run = runLevelPayment(principal, payment, count, apr, periods);
		if (!run) break; // pays the balance off before the last payment: larger ones do too
		if (run.amounts[count - 1]! <= payment) return ok(run);
	}
	// A few cents a payment can skip from more payments to fewer with one cent: then the
	// payment rounded half up (or down, if that pays off early) with the last one larger.
	const halfUp = Number(bigDivideRoundHalfUp(numerator, denominator));
	for (const payment of halfUp === floor ? [halfUp] : [halfUp, floor]) {
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
					`at ${formatMoney(payment)} a payment it would take more than ${maxPayments} payments; raise the payment`,
				),
			);
		}
	}
	return ok({ amounts, interests });
}
