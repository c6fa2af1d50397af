import { z } from 'zod';

import { formatMoney, parseMoney, type Cents } from '../money';
import { INTERVAL_WORDS } from '../notes';
import type { PaymentInterval } from '../schedule';

/**
 * The terms of an arrangement as the numbers compare them: what the audit note says was
 * written, against what the practice system holds now. Every field is optional: a field is
 * compared only when both sides have it (Open Dental's pay plan has no interval words, a
 * Dentrix agreement has no APR field of that name, …).
 */
export const arrangementTermsSchema = z.object({
	/** Total agreed (Dentrix `totalAgreedAmount`); for an in-house plan, the shortfall. */
	totalCents: z.number().int().min(0).nullable().optional(),
	downPaymentCents: z.number().int().min(0).nullable().optional(),
	paymentCents: z.number().int().min(0).nullable().optional(),
	numberOfPayments: z.number().int().min(0).nullable().optional(),
	firstPaymentDate: z.string().nullable().optional(),
	interval: z.enum(['monthly', 'semiMonthly', 'biWeekly', 'weekly']).nullable().optional(),
	aprBasisPoints: z.number().int().min(0).nullable().optional(),
});

export type ArrangementTerms = z.output<typeof arrangementTermsSchema>;
export type TermField = keyof ArrangementTerms;

export const TERM_FIELDS: readonly TermField[] = [
	'totalCents',
	'downPaymentCents',
	'paymentCents',
	'numberOfPayments',
	'firstPaymentDate',
	'interval',
	'aprBasisPoints',
];

export interface RecordedTerms {
	/** The in-house plan for the shortfall, when the note records one. */
	shortfallPlan: ArrangementTerms | null;
	/** The financing record (Dentrix's agreement when there is no shortfall plan). */
	financingRecord: ArrangementTerms | null;
}

const AMOUNT = String.raw`\$([\d,]+\.\d{2})`;
const DATE = String.raw`(\d{4}-\d{2}-\d{2})`;
const INTERVAL_BY_WORDS = new Map(
	(Object.entries(INTERVAL_WORDS) as Array<[PaymentInterval, string]>).map(([k, v]) => [v, k]),
);
const INTERVALS = [...INTERVAL_BY_WORDS.keys()].join('|');
// The audit note's sentences, as arrangement.ts writes them (financing/README.md, "Writes").
const SHORTFALL = new RegExp(
	String.raw`In-house balance after CareCredit ${AMOUNT}: down payment ${AMOUNT}, (\d+) x ${AMOUNT} (${INTERVALS}) from ${DATE}(?: \(last ${AMOUNT}\))?, APR (\d+(?:\.\d+)?)%`,
	'i',
);
const FINANCING = new RegExp(
	String.raw`financed by CareCredit ${AMOUNT}; (?:est\. ${AMOUNT}/mo to CareCredit for (\d+) months|the patient pays CareCredit at least ${AMOUNT}/mo \(CareCredit's minimum payment\); ${AMOUNT}/mo would already pay it off within the (\d+)-month promotion),? from about ${DATE}`,
	'i',
);

function cents(text: string): Cents | null {
	const parsed = parseMoney(text, 'amount');
	return parsed.ok ? parsed.value : null;
}

/**
 * The terms an audit note records (the package's own note, found by its reference token), or
 * null for each part the note does not state in the form the package writes.
 */
export function recordedTermsFromAuditNote(text: string): RecordedTerms {
	// Open Dental turns line breaks into spaces; PMS notes may double spaces.
	const flat = text.replace(/\s+/g, ' ');
	const s = SHORTFALL.exec(flat);
	const f = FINANCING.exec(flat);
	return {
		shortfallPlan: s
			? {
					totalCents: cents(s[1]!),
					downPaymentCents: cents(s[2]!),
					numberOfPayments: Number(s[3]),
					paymentCents: cents(s[4]!),
					interval: INTERVAL_BY_WORDS.get(s[5]!.toLowerCase()) ?? null,
					firstPaymentDate: s[6]!,
					aprBasisPoints: Math.round(Number(s[8]) * 100),
				}
			: null,
		financingRecord: f
			? {
					totalCents: cents(f[1]!),
					downPaymentCents: 0,
					// The estimated payment, or the payoff figure when CareCredit's minimum is above it.
					paymentCents: cents((f[2] ?? f[5])!),
					numberOfPayments: Number(f[3] ?? f[6]),
					interval: 'monthly',
					firstPaymentDate: f[7]!,
				}
			: null,
	};
}

export interface TermChange {
	field: TermField;
	recorded: string | number;
	current: string | number;
	text: string;
}

function show(field: TermField, value: string | number): string {
	return typeof value === 'number' && field.endsWith('Cents') ? formatMoney(value) : String(value);
}

/**
 * The fields that differ, and how many fields could be compared at all (0 means the current
 * arrangement shares nothing readable with the record: edited beyond recognition).
 */
export function compareTerms(
	recorded: ArrangementTerms,
	current: ArrangementTerms,
): { compared: number; changes: TermChange[] } {
	let compared = 0;
	const changes: TermChange[] = [];
	for (const field of TERM_FIELDS) {
		const was = recorded[field];
		const now = current[field];
		if (was === null || was === undefined || now === null || now === undefined) continue;
		compared++;
		if (was !== now) {
			changes.push({
				field,
				recorded: was,
				current: now,
				text: `${field}: ${show(field, was)} → ${show(field, now)}`,
			});
		}
	}
	return { compared, changes };
}
