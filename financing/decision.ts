import { z } from 'zod/v3';

import { formatMoney, MAX_CENTS } from './money';
import { safeEcho } from './patientData';
import { fail, ok, problem, zodProblems, type Result } from './result';

/**
 * The financing decision: the one shape every node agrees on (docs/financing-domain.md §7, "The decision").
 * The CareCredit node produces it, everything else consumes it. Amount fields carry a `Cents`
 * suffix (integer cents); ids are strings (Open Dental's numeric PatNum travels as "123").
 */
export const DECISION_STATUSES = [
	'approved',
	'declined',
	'pending',
	'callForAuth',
	'expired',
	'cancelled',
	'error',
] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export type AccountKind = 'newApplication' | 'existingCardholder';

export interface FinancingDecision {
	status: DecisionStatus;
	/** CareCredit's own session status, kept verbatim (docs/financing-domain.md §7: "Keep the raw status too"). */
	rawStatus: string;
	applicationId: string | null;
	sessionId: string | null;
	referenceId: string | null;
	accountKind: AccountKind;
	/** The credit line of a new approval (or the cardholder's line when a lookup reports it). */
	creditLineCents: number | null;
	/** Credit line for a new approval, available credit for a cardholder (docs/financing-domain.md §7). */
	approvedAmountCents: number | null;
	/** Catalog code of the plan chosen at purchase, when CareCredit reported one. */
	promotionalPlan: string | null;
	/** The patient's purchase, once CareCredit reports it done; null before. */
	purchase?: DecisionPurchase | null;
	/** The CareCredit merchant number the application was made under, when reported. */
	merchantNumber?: string | null;
	/** ISO 8601 instant: appEntryDate or the transaction time; time-to-arrangement starts here. */
	decidedAt: string;
	pms: {
		patientId: string;
		guarantorId: string;
		treatmentPlanId: string | null;
		locationId: string | null;
	};
}

/** What the decision knows of the purchase CareCredit reported (its transactions, §2 item 2). */
export interface DecisionPurchase {
	transactionId: string;
	amountCents: number;
	/** The promotional plan the purchase was made on, when reported. */
	promotionCode: string | null;
}

/** CareCredit's session statuses (`CareCreditWebStatus`, docs/financing-domain.md §2 item 4). */
export const CARECREDIT_WEB_STATUSES = [
	'Created',
	'CreatedError',
	'Pending',
	'PendingError',
	'Expired',
	'Completed',
	'Cancelled',
	'PreApproved',
	'Declined',
	'CallForAuth',
	'DupQS',
	'AccountFound',
	'AccountNotFoundQS',
	'Unknown',
	'BatchError',
	'UnknownError',
	'ErrorAcknowledged',
	'ExpiredBatch',
] as const;
export type CareCreditWebStatus = (typeof CARECREDIT_WEB_STATUSES)[number];

/**
 * Raw status → decision status. The unambiguous rows are docs/financing-domain.md §7 verbatim. Choices for
 * the ambiguous ones (nothing is written unless the result is `approved`):
 * - Completed → approved: the patient finished the session and CareCredit did not decline
 *   (Declined is its own status); the amount comes from the pullback, and the decision schema
 *   refuses an `approved` decision without an approved amount, so a Completed session with
 *   no amount goes to review rather than to the ledger.
 * - AccountFound → approved: a lookup found an existing cardholder, and §7 counts "an existing
 *   cardholder with enough available credit" as approved; the available credit is the approved
 *   amount, and the writes refuse $0 or take the smaller of it and the patient portion.
 * - PreApproved → pending: a QuickScreen pre-approval is an offer the patient has not yet
 *   accepted; writing a financing record for it would put credit on the ledger that does not
 *   exist. It is followed until the patient accepts (Completed) or it expires.
 * - AccountNotFoundQS → declined: the QuickScreen found no offer for the patient; for the
 *   coordinator this is the declined branch (discuss alternatives, e.g. a full application).
 * - DupQS → error: a duplicate QuickScreen carries no decision of its own and never resolves
 *   by waiting; a person looks up the earlier result.
 * - ErrorAcknowledged → error: still an error, only acknowledged; the raw status shows that.
 */
export const STATUS_MAP: Readonly<Record<CareCreditWebStatus, DecisionStatus>> = Object.freeze({
	Created: 'pending',
	CreatedError: 'error',
	Pending: 'pending',
	PendingError: 'pending',
	Expired: 'expired',
	Completed: 'approved',
	Cancelled: 'cancelled',
	PreApproved: 'pending',
	Declined: 'declined',
	CallForAuth: 'callForAuth',
	DupQS: 'error',
	AccountFound: 'approved',
	AccountNotFoundQS: 'declined',
	Unknown: 'error',
	BatchError: 'error',
	UnknownError: 'error',
	ErrorAcknowledged: 'error',
	ExpiredBatch: 'expired',
});

/** Portal sessions last about 30 minutes (docs/financing-domain.md §2 item 4). */
export const PORTAL_SESSION_MINUTES = 30;

export interface StatusMapOptions {
	/** When the portal session started; with `now`, a pending session past its life is expired. */
	sessionStartedAt?: string | Date;
	now?: Date;
	sessionMinutes?: number;
}

/**
 * Maps a CareCredit status (matched ignoring case and surrounding spaces) to the decision
 * status; anything unknown is `error`. PendingError is pending only "before expiry" (§7): with
 * a session start and `now`, a pending status older than the session life becomes `expired`.
 */
export function mapCareCreditStatus(raw: unknown, options: StatusMapOptions = {}): DecisionStatus {
	const text = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
	const known = CARECREDIT_WEB_STATUSES.find((s) => s.toLowerCase() === text);
	const status = known ? STATUS_MAP[known] : 'error';
	if (status === 'pending' && known !== 'PreApproved' && options.sessionStartedAt && options.now) {
		const started = new Date(options.sessionStartedAt).getTime();
		const minutes = options.sessionMinutes ?? PORTAL_SESSION_MINUTES;
		if (Number.isFinite(started) && options.now.getTime() - started > minutes * 60_000)
			return 'expired';
	}
	return status;
}

// Ids go into the reference token, so they must survive a PMS note: no spaces or brackets.
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const idSchema = z.string().regex(ID_PATTERN, 'use letters, digits, ".", "_" or "-" only');
const pmsIdSchema = z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String);
const centsSchema = z
	.number()
	.int('must be a whole number of cents')
	.nonnegative()
	.max(MAX_CENTS, `must be at most ${formatMoney(MAX_CENTS)}`);

export const decisionSchema = z
	.object({
		status: z.enum(DECISION_STATUSES),
		rawStatus: z.string(),
		applicationId: idSchema.nullable().default(null),
		sessionId: z.string().min(1).nullable().default(null),
		referenceId: idSchema.nullable().default(null),
		accountKind: z.enum(['newApplication', 'existingCardholder']),
		creditLineCents: centsSchema.nullable().default(null),
		approvedAmountCents: centsSchema.nullable().default(null),
		promotionalPlan: z.string().min(1).nullable().default(null),
		purchase: z
			.object({
				transactionId: z.string().min(1),
				amountCents: centsSchema,
				promotionCode: z.string().min(1).nullable().default(null),
			})
			.nullable()
			.default(null),
		merchantNumber: z.string().min(1).nullable().default(null),
		decidedAt: z
			.string()
			.refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && Number.isFinite(Date.parse(s)), {
				message: 'must be an ISO 8601 date and time, e.g. 2026-03-01T14:30:00Z',
			}),
		pms: z.object({
			patientId: pmsIdSchema,
			guarantorId: pmsIdSchema,
			treatmentPlanId: pmsIdSchema.nullable().default(null),
			locationId: pmsIdSchema.nullable().default(null),
		}),
	})
	.superRefine((d, ctx) => {
		if (d.accountKind === 'newApplication' && d.status === 'approved' && !d.applicationId) {
			ctx.addIssue({
				code: 'custom',
				path: ['applicationId'],
				message: 'an approved application needs its application id',
				params: { code: 'required' },
			});
		}
		if (d.accountKind === 'existingCardholder' && !d.referenceId) {
			ctx.addIssue({
				code: 'custom',
				path: ['referenceId'],
				message: 'an existing cardholder needs the CareCredit reference id',
				params: { code: 'required' },
			});
		}
		if (d.status === 'approved' && d.approvedAmountCents === null) {
			ctx.addIssue({
				code: 'custom',
				path: ['approvedAmountCents'],
				message: 'an approved decision needs the approved amount',
				params: { code: 'required' },
			});
		}
	});

/** Validates an incoming item as a decision: every problem at once, never throws. */
export function parseDecision(input: unknown): Result<FinancingDecision> {
	const parsed = decisionSchema.safeParse(input);
	return parsed.success ? ok(parsed.data) : fail(...zodProblems(parsed.error, 'decision'));
}

/**
 * The idempotency token carried by every write (docs/financing-domain.md §7, "The reference token"):
 * `[cc:APP-123456]` from the application id, or the reference id for existing cardholders.
 */
export function referenceToken(
	decision: Pick<FinancingDecision, 'accountKind' | 'applicationId' | 'referenceId'>,
): Result<string> {
	const id =
		decision.accountKind === 'newApplication' ? decision.applicationId : decision.referenceId;
	const field =
		decision.accountKind === 'newApplication' ? 'decision.applicationId' : 'decision.referenceId';
	if (!id) return fail(problem(field, 'required', 'is needed to build the reference token'));
	if (!ID_PATTERN.test(id)) {
		return fail(
			problem(
				field,
				'invalidId',
				`"${safeEcho(id)}" cannot go into a note safely (letters, digits, ".", "_" or "-" only)`,
			),
		);
	}
	return ok(`[cc:${id}]`);
}

// Tolerates what PMS notes do to text: Open Dental prepends terms and turns line breaks into
// spaces (docs/financing-domain.md §4; https://www.opendental.com/site/apiimplementation.html), so spaces may appear around the parts.
const TOKEN_PATTERN = /\[\s*cc\s*:\s*([A-Za-z0-9][A-Za-z0-9._-]{0,63})\s*\]/gi;

export interface FoundToken {
	token: string;
	id: string;
}

/** All reference tokens in a note, normalized to `[cc:ID]`, in order of appearance. */
export function findReferenceTokens(text: unknown): FoundToken[] {
	if (typeof text !== 'string') return [];
	return [...text.matchAll(TOKEN_PATTERN)].map((m) => ({ token: `[cc:${m[1]}]`, id: m[1]! }));
}

/** The first reference token in a note, or null. */
export function findReferenceToken(text: unknown): FoundToken | null {
	return findReferenceTokens(text)[0] ?? null;
}

/** Whether the note already carries this token: "already done", write nothing (§7). */
export function hasReferenceToken(text: unknown, token: string): boolean {
	return findReferenceTokens(text).some((t) => t.token.toLowerCase() === token.toLowerCase());
}
