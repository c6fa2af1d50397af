// The CareCredit stand-in's persisted slice. Money is integer cents inside; the wire carries
// dollars (docs/carecredit-api.md). Session statuses are CareCredit's own (docs/financing-domain.md §2).
import type { ServiceContext } from '../core/types';

export type SessionStatus =
	| 'Created'
	| 'CreatedError'
	| 'Pending'
	| 'PendingError'
	| 'Expired'
	| 'Completed'
	| 'Cancelled'
	| 'PreApproved'
	| 'Declined'
	| 'CallForAuth'
	| 'DupQS'
	| 'AccountFound'
	| 'AccountNotFoundQS'
	| 'Unknown'
	| 'BatchError'
	| 'UnknownError'
	| 'ErrorAcknowledged'
	| 'ExpiredBatch';

/** Modeled values of `appResponseCode` (not public). */
export type AppResponseCode = 'APPROVED' | 'DECLINED' | 'PENDING' | 'CALL_FOR_AUTH';

export interface Merchant {
	merchantNumber: string;
	locationKey: string | null;
	name: string;
	standing: 'open' | 'closed' | 'trainingSuspended';
}

export interface Promotion {
	description: string;
	months: number;
	kind: 'deferredInterest' | 'reducedApr';
	minimumPurchaseCents: number;
	/** What a purchase under the plan costs the practice, for reconciliation (docs/financing-domain.md §2). */
	merchantFeePercent: number;
}

export interface Settings {
	promotions: Record<string, Promotion>;
	/** A pending test applicant resolves after this much sandbox clock ... */
	pendingResolveSeconds: number;
	/** ... or on this pullback, whichever comes first. */
	pendingResolvePullbacks: number;
	/** Portal sessions last about 30 minutes (docs/financing-domain.md §2). */
	sessionLifetimeSeconds: number;
}

export interface Account {
	accountNumber: string;
	firstName: string;
	lastName: string;
	phone: string;
	zipCode: string;
	/** Never the whole tax id: last four only. */
	ssnLast4: string;
	creditLineCents: number;
	balanceCents: number;
}

export interface Applicant {
	firstName: string;
	lastName: string;
	middleName: string;
	taxIdLast4: string;
	dateOfBirthGiven: boolean;
	address: Record<string, string>;
	contactInfo: Record<string, string>;
	estimatedFeeCents: number | null;
}

export interface Application {
	appResponseCode: AppResponseCode;
	applicationId: string;
	appEntryDate: string;
	creditLineCents: number;
}

export interface Session {
	sessionId: string;
	referenceId: string;
	merchantNumber: string;
	partnerCode: string;
	recordId: string;
	createdAt: string;
	status: SessionStatus;
	statusAt: string;
	applicants: Applicant[];
	additionalInfo: Record<string, string>;
	transactionInfo: {
		practiceMemo: string;
		promoCode: string;
		purchaseAmountCents: number | null;
		refundAmountCents: number | null;
		invoiceNumber: string;
	};
	/** Row of the test applicant table that decided this session, if any. */
	testApplicant: string | null;
	application: Application | null;
	accountNumber: string | null;
	pullbacks: number;
	/** A pending test applicant resolves to this credit line at `resolveAt` or the Nth pullback. */
	pendingResolve: { at: string; creditLineCents: number } | null;
}

export interface Transaction {
	transactionID: string;
	referenceId: string;
	transactionType: 'PURCHASE' | 'REFUND';
	transactionStatus: 'APPROVED';
	merchantNumber: string;
	partnerCode: string;
	partnerTransactionID: string;
	promoCode: string;
	practiceMemo: string;
	invoiceNumber: string;
	amountCents: number;
	discountPercentage: number;
	merchantFeeCents: number;
	at: string;
	authCode: string;
	accountNumber: string;
	sessionId: string | null;
	/** For a refund: the purchase's referenceId. */
	originalReferenceId: string | null;
}

export interface FeedEntry {
	cursor: string;
	merchantNumber: string;
	sessionId: string;
	referenceId: string;
	sessionStatus: SessionStatus;
	decidedAt: string;
	pullback: unknown;
	/** Set on copies made by the repeat switch. */
	repeatOf: string | null;
}

export interface CareCreditState {
	settings: Settings;
	merchants: Merchant[];
	clients: Array<{ clientId: string; clientSecret: string; applicationName: string }>;
	tokens: Array<{ token: string; clientId: string; expiresAt: number }>;
	accounts: Account[];
	sessions: Session[];
	transactions: Transaction[];
	feed: FeedEntry[];
}

export type Ctx = ServiceContext<CareCreditState>;
