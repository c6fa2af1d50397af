import { z } from 'zod';

import { parseLocalDate } from '../dates';
import { formatMoney } from '../money';

/**
 * Field rules shared by the insurance inputs. The values come from the practice system as read
 * by a node: Open Dental writes "empty" as -1 in benefit amounts and percents
 * (https://www.opendental.com/site/apibenefits.html: "Empty Percent and MonetaryAmt values are
 * indicated by -1") and "no date" as 0001-01-01 (https://opendental.com/site/apipatients.html),
 * so both are recognized and named rather than read as numbers or dates.
 */

export const pmsId = z
	.union([z.string().trim().min(1), z.number().int().nonnegative()])
	.transform(String);

function isOpenDentalEmpty(value: number): boolean {
	// -1 in dollars is -100 once a node has turned it into cents; both mean "empty".
	return value === -1 || value === -100;
}

const EMPTY_AMOUNT_MESSAGE =
	"holds Open Dental's -1, which means empty; fill in the amount in the practice system or leave the field out";

/** Whole cents, never negative; Open Dental's -1 "empty" gets its own code. */
export const amountCents = z
	.number({ invalid_type_error: 'must be a whole number of cents' })
	.int('must be a whole number of cents')
	.superRefine((value, ctx) => {
		if (value >= 0) return;
		ctx.addIssue({
			code: 'custom',
			message: isOpenDentalEmpty(value)
				? EMPTY_AMOUNT_MESSAGE
				: `${formatMoney(value)} is negative; enter $0.00 or more`,
			params: { code: isOpenDentalEmpty(value) ? 'emptyAmount' : 'negative' },
		});
	});

/** A coverage percent 0..100; Open Dental's -1 "empty" gets its own code. */
export const coveragePercent = z
	.number({ invalid_type_error: 'must be a percent from 0 to 100' })
	.int('must be a whole percent from 0 to 100')
	.superRefine((value, ctx) => {
		if (value >= 0 && value <= 100) return;
		ctx.addIssue({
			code: 'custom',
			message:
				value === -1
					? "holds Open Dental's -1, which means the percent is empty; fill in the plan's coverage table"
					: `${value} is not a percent from 0 to 100`,
			params: { code: value === -1 ? 'emptyPercent' : 'percentOutOfRange' },
		});
	});

/** A required local date `yyyy-MM-dd`. */
export const localDate = z.string({ required_error: 'is required' }).superRefine((value, ctx) => {
	const parsed = parseLocalDate(value, '');
	if (!parsed.ok) {
		ctx.addIssue({
			code: 'custom',
			message: `"${value}" is not a date in the form yyyy-MM-dd`,
			params: { code: 'invalidDate' },
		});
	}
});

/** An optional local date where Open Dental's 0001-01-01 (and null or "") mean "none". */
export const optionalLocalDate = z
	.union([z.literal('0001-01-01'), z.literal(''), z.null(), localDate])
	.optional()
	.transform((v) => (v === undefined || v === null || v === '' || v === '0001-01-01' ? null : v));

/** A plan's carrier: a plan with no carrier cannot be estimated or verified. */
export const carrierName = z.unknown().transform((value, ctx) => {
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	ctx.addIssue({
		code: 'custom',
		message: 'the plan has no carrier; attach the carrier to the plan in the practice system',
		params: { code: 'noCarrier' },
	});
	return z.NEVER;
});

export const benefitYear = z.object({ start: localDate, end: localDate }).superRefine((y, ctx) => {
	if (parseLocalDate(y.start).ok && parseLocalDate(y.end).ok && y.end < y.start) {
		ctx.addIssue({
			code: 'custom',
			path: ['end'],
			message: `the benefit year ends (${y.end}) before it starts (${y.start})`,
			params: { code: 'benefitYearReversed' },
		});
	}
});

/** Category names compare without case or surrounding spaces ("Major" = "major "). */
export function categoryKey(name: string): string {
	return name.trim().toLowerCase();
}
