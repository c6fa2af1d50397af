import type { IDataObject } from 'n8n-workflow';

import {
	mapCareCreditStatus,
	purchaseFromTransactions,
	type FinancingDecision,
} from '../../financing';
import { centsFromWireOrNull } from '../../financing';
import { decodePmsIds } from './shapes';

/** The pullback body (docs/financing-domain.md §2 item 2), as far as a decision needs it. */
export interface Pullback {
	merchantInfo?: { merchantNumber?: string; recordId?: string };
	patientInfo?: { recordId?: string; invoiceNumber?: string };
	lookupDetails?: Array<{ availableCredit?: number; message?: string }>;
	applicationDetails?: Array<{
		appResponseCode?: string;
		applicationId?: string;
		appEntryDate?: string;
		creditLine?: number;
	}>;
	transactionDetails?: Array<{
		transactionType?: string;
		promoCode?: string;
		transactionDateTime?: string;
	}>;
	sessionStatus?: string;
	referenceId?: string;
}

export interface DecisionContext {
	sessionId: string;
	/** The feed entry's or the prefill's reference id; the pullback's own when not given. */
	referenceId?: string | null;
	/** When the feed says the status changed; otherwise the application or purchase time. */
	decidedAt?: string | null;
	now: Date;
}

/**
 * The decision of docs/financing-domain.md §7 from a CareCredit pullback. Status mapping comes from the
 * financing domain; this only reads CareCredit's fields (amounts from dollars into cents).
 */
export function decisionFromPullback(
	pullback: Pullback,
	context: DecisionContext,
): FinancingDecision {
	const rawStatus = String(pullback.sessionStatus ?? 'Unknown');
	const application = pullback.applicationDetails?.[0];
	// The purchase CareCredit reports done (financing/careCredit/purchase.ts), or null.
	const purchase = purchaseFromTransactions(pullback.transactionDetails);
	const reported = pullback.transactionDetails?.find(
		(t) => String(t.transactionType).toUpperCase() === 'PURCHASE',
	);
	const applicationId = application?.applicationId || null;
	// A lookup or QuickScreen of a cardholder has no application id (docs/financing-domain.md §7).
	const accountKind =
		!applicationId && rawStatus === 'AccountFound' ? 'existingCardholder' : 'newApplication';
	const status = mapCareCreditStatus(rawStatus);
	const creditLine = centsFromWireOrNull(application?.creditLine);
	const creditLineCents = creditLine && creditLine > 0 ? creditLine : null;
	const availableCents = centsFromWireOrNull(pullback.lookupDetails?.[0]?.availableCredit);
	const approvedAmountCents =
		status !== 'approved'
			? null
			: accountKind === 'existingCardholder'
				? availableCents
				: creditLineCents;
	const recordId = pullback.merchantInfo?.recordId ?? pullback.patientInfo?.recordId;
	return {
		status,
		rawStatus,
		applicationId,
		sessionId: context.sessionId,
		referenceId: context.referenceId ?? pullback.referenceId ?? null,
		accountKind,
		creditLineCents,
		approvedAmountCents,
		promotionalPlan: purchase?.promotionCode || reported?.promoCode || null,
		purchase,
		merchantNumber: pullback.merchantInfo?.merchantNumber || null,
		decidedAt:
			context.decidedAt ||
			application?.appEntryDate ||
			reported?.transactionDateTime ||
			context.now.toISOString(),
		pms: decodePmsIds(recordId, pullback.patientInfo?.invoiceNumber),
	};
}

export const decisionJson = (decision: FinancingDecision): IDataObject =>
	decision as unknown as IDataObject;
