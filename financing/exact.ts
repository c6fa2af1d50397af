/**
 * Exact integer arithmetic for money (docs/financing-domain.md §2: "Money is integer cents
 * everywhere; rounding is explicit"). Every function here works on whole numbers and rounds with
 * a named rule; none adds a tolerance. Where a product can pass 2^53 (a $10 billion balance times
 * an APR in basis points, or (120000 + APR)^n in the annuity formula), it is worked out in BigInt.
 */

const SAFE = Number.MAX_SAFE_INTEGER;

function isWhole(n: number): boolean {
	return Number.isSafeInteger(n);
}

/** floor(n / d) and the remainder, exact for safe integers n ≥ 0, d > 0. */
function divFloor(n: number, d: number): [number, number] {
	let q = Math.floor(n / d);
	let r = n - q * d;
	// The float quotient can be one off when it lands next to an integer: correct it.
	if (r < 0) {
		q -= 1;
		r += d;
	} else if (r >= d) {
		q += 1;
		r -= d;
	}
	return [q, r];
}

/** Half up (away from zero) of a non-negative BigInt ratio. */
export function bigDivideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
	const q = numerator / denominator;
	const r = numerator - q * denominator;
	return 2n * r >= denominator ? q + 1n : q;
}

/** round(numerator / denominator) halves up, for whole numerator ≥ 0 and denominator > 0. */
export function divideRoundHalfUp(numerator: number, denominator: number): number {
	if (!isWhole(numerator) || !isWhole(denominator) || denominator <= 0 || numerator < 0)
		return Number.NaN;
	const [q, r] = divFloor(numerator, denominator);
	return 2 * r >= denominator ? q + 1 : q;
}

/** ceil(numerator / denominator), for whole numerator ≥ 0 and denominator > 0. */
export function divideCeil(numerator: number, denominator: number): number {
	if (!isWhole(numerator) || !isWhole(denominator) || denominator <= 0 || numerator < 0)
		return Number.NaN;
	const [q, r] = divFloor(numerator, denominator);
	return r > 0 ? q + 1 : q;
}

/**
 * a × b / d rounded half up, exact even when a × b passes 2^53 (then in BigInt). For whole
 * a, b ≥ 0 and d > 0; the result must itself be a safe integer (it is for every amount up to
 * the domain's maximum).
 */
export function multiplyDivideRoundHalfUp(a: number, b: number, d: number): number {
	const product = a * b;
	if (product < SAFE) return divideRoundHalfUp(product, d);
	return Number(bigDivideRoundHalfUp(BigInt(a) * BigInt(b), BigInt(d)));
}

/**
 * Rounds a real number of cents to a whole cent, halves away from zero (2.5 → 3, -2.5 → -3).
 * Exact on the double it is given: 100.49999999999999 (what 1.005 × 100 gives) is below the
 * half and rounds to 100. Money math in this package never needs it on a computed float: the
 * level payment is an exact ratio (`amortizedPaymentRatio`).
 */
export function roundHalfUp(x: number): number {
	if (!Number.isFinite(x)) return Number.NaN;
	const a = Math.abs(x);
	const f = Math.floor(a);
	const r = a - f >= 0.5 ? f + 1 : f;
	return x < 0 && r !== 0 ? -r : r;
}

/**
 * The level payment of the textbook annuity formula P = B·r / (1 − (1 + r)^−n), with
 * r = APR / periods per year, as an exact ratio. With APR `a` in basis points and D = 10000 ×
 * periods per year: P = B·a·(D + a)^n / (D·((D + a)^n − D^n)). Returns numerator and denominator.
 */
export function amortizedPaymentRatio(
	principal: number,
	aprBasisPoints: number,
	numberOfPayments: number,
	periodsPerYear: number,
): { numerator: bigint; denominator: bigint } {
	const d = BigInt(10_000 * periodsPerYear);
	const a = BigInt(aprBasisPoints);
	const grown = (d + a) ** BigInt(numberOfPayments);
	const base = d ** BigInt(numberOfPayments);
	return { numerator: BigInt(principal) * a * grown, denominator: d * (grown - base) };
}

/** Applies a rate in basis points (1490 = 14.90%) to an amount, rounding half up. */
export function percentOf(amount: number, basisPoints: number): number {
	return multiplyDivideRoundHalfUp(amount, basisPoints, 10_000);
}

/**
 * Splits a total into n whole-cent parts that sum exactly to the total; the first
 * `total mod n` parts carry one extra cent ($100.01 / 3 → 33.34, 33.34, 33.33).
 */
export function splitEvenly(total: number, n: number): number[] {
	if (!isWhole(total) || !Number.isInteger(n) || n < 1 || n > 10_000) return [];
	const sign = total < 0 ? -1 : 1;
	const [base, extra] = divFloor(Math.abs(total), n);
	return Array.from({ length: n }, (_v, i) => sign * (base + (i < extra ? 1 : 0)));
}

/**
 * Splits a total across weights in proportion, in whole cents summing exactly to the total
 * (largest remainder; ties go to the earlier part). No part exceeds its weight when the total
 * is at most the sum of the weights. Exact in BigInt, so any amounts up to the domain's maximum.
 */
export function allocateProportionally(total: number, weights: readonly number[]): number[] {
	if (!isWhole(total) || total < 0 || weights.some((w) => !isWhole(w) || w < 0)) return [];
	const whole = weights.reduce((s, w) => s + BigInt(w), 0n);
	if (whole <= 0n) return [];
	const t = BigInt(total);
	const parts = weights.map((w) => (t * BigInt(w)) / whole);
	const order = weights
		.map((w, i) => ({ i, rest: (t * BigInt(w)) % whole }))
		.sort((x, y) => (x.rest === y.rest ? x.i - y.i : x.rest > y.rest ? -1 : 1));
	let left = t - parts.reduce((s, p) => s + p, 0n);
	for (let k = 0; left > 0n; k++, left--) parts[order[k]!.i]! += 1n;
	return parts.map(Number);
}

export function sum(values: readonly number[]): number {
	return values.reduce((a, b) => a + b, 0);
}
