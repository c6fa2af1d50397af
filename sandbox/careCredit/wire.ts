// CareCredit amounts travel as numbers in dollars (docs/financing-domain.md §2); the sandbox keeps cents.
// Plus the two readers every handler uses on untrusted JSON.

export const toCents = (dollars: number): number => Math.round(dollars * 100);

export const toDollars = (cents: number): number => cents / 100;

/** Fee on an amount at a percent, rounded half up to the cent. */
export const feeCents = (amountCents: number, percent: number): number =>
	Math.round((amountCents * Math.round(percent * 1000)) / 100_000);

/** A JSON object field, or an empty one when the caller sent something else. */
export const obj = (value: unknown): Record<string, unknown> =>
	value && typeof value === 'object' && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: {};

export const str = (value: unknown): string => (typeof value === 'string' ? value : '');
