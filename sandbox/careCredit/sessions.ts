// Portal sessions: the pullback body (docs/financing-domain.md §2's exact shape plus the modeled
// `sessionStatus`), the decisions a patient's application can reach, and the clock-driven
// changes (a pending applicant resolving, a session expiring after ~30 minutes, docs/financing-domain.md §2).
import type { SandboxRequest, SandboxResponse } from '../core/types';
import { TEST_CARDHOLDER_ACCOUNT } from './applicants';
import { syfError } from './errors';
import { toDollars } from './wire';
import { available, makePurchase, purchaseErrors, transactionBody } from './transactions';
import type { AppResponseCode, CareCreditState, Ctx, Session, SessionStatus } from './types';

/** Statuses a person (or the admin decide call) may still move a session out of. */
export const OPEN_STATUSES: SessionStatus[] = ['Created', 'Pending', 'CallForAuth'];

export const portalUrl = (ctx: Ctx, sessionId: string): string =>
	`${ctx.urls.console}/portal/${encodeURIComponent(sessionId)}`;

export function pullbackBody(
	state: CareCreditState,
	session: Session,
	portal: string,
): Record<string, unknown> {
	const applicant = session.applicants[0];
	const contact = applicant?.contactInfo ?? {};
	const account = state.accounts.find((a) => a.accountNumber === session.accountNumber);
	const cardholder = session.status === 'AccountFound';
	return {
		merchantInfo: {
			merchantNumber: session.merchantNumber,
			partnerCode: session.partnerCode,
			recordId: session.recordId,
		},
		patientInfo: {
			firstName: applicant?.firstName ?? '',
			lastName: applicant?.lastName ?? '',
			phone: contact.cellPhone || contact.homePhone || contact.workPhone || '',
			invoiceNumber: session.transactionInfo.invoiceNumber,
			recordId: session.recordId,
			userName: session.additionalInfo.userName ?? '',
		},
		responseCode: session.status === 'CreatedError' ? '500' : '200',
		lookupDetails: account
			? [
					{
						accountVerification: 'VERIFIED',
						availableCredit: toDollars(available(account)),
						message: cardholder ? 'Account found' : 'Approved',
						pUrl: portal,
					},
				]
			: [],
		quickScreenTransactionDetails: [],
		applicationDetails: session.application
			? [
					{
						appResponseCode: session.application.appResponseCode,
						applicationId: session.application.applicationId,
						appEntryDate: session.application.appEntryDate,
						creditLine: toDollars(session.application.creditLineCents),
					},
				]
			: [],
		cliDetails: [],
		transactionDetails: state.transactions
			.filter((t) => t.sessionId === session.sessionId)
			.map((t) => transactionBody(state, t)),
		sessionStatus: session.status,
		// Modeled: the prefill's reference id, the key of a cardholder's case (docs/carecredit-api.md).
		referenceId: session.referenceId,
	};
}

/** Moves a session to a new status and writes the decision feed entry for it. */
export function setStatus(ctx: Ctx, session: Session, status: SessionStatus, at: Date): void {
	session.status = status;
	session.statusAt = at.toISOString();
	ctx.state.feed.push({
		cursor: String(ctx.nextId('careCredit.feed')),
		merchantNumber: session.merchantNumber,
		sessionId: session.sessionId,
		referenceId: session.referenceId,
		sessionStatus: status,
		decidedAt: session.statusAt,
		pullback: pullbackBody(ctx.state, session, portalUrl(ctx, session.sessionId)),
		repeatOf: null,
	});
}

function answer(ctx: Ctx, session: Session, code: AppResponseCode, at: Date, lineCents = 0): void {
	session.application = {
		appResponseCode: code,
		applicationId:
			session.application?.applicationId ?? `APP-${ctx.nextId('careCredit.application', 100001)}`,
		appEntryDate: at.toISOString(),
		creditLineCents: lineCents,
	};
}

export type Decision =
	| {
			outcome: 'approved';
			creditLineCents: number;
			promoCode?: string;
			purchaseAmountCents?: number;
	  }
	| { outcome: 'cardholder'; promoCode?: string; purchaseAmountCents?: number }
	| { outcome: 'declined' | 'pending' | 'callForAuth' | 'expired' | 'error' };

/** The portal purchase a patient makes when approving with a promotional plan. */
function portalPurchase(ctx: Ctx, session: Session, promoCode: string, requested?: number): void {
	const account = ctx.state.accounts.find((a) => a.accountNumber === session.accountNumber);
	if (!account) return;
	const wanted =
		requested ??
		session.transactionInfo.purchaseAmountCents ??
		session.applicants[0]?.estimatedFeeCents ??
		0;
	const input = {
		merchant: ctx.state.merchants.find((m) => m.merchantNumber === session.merchantNumber)!,
		account,
		partnerCode: session.partnerCode,
		partnerTransactionID: `portal-${session.sessionId}`,
		promoCode,
		amountCents: Math.min(wanted, available(account)),
		practiceMemo: session.transactionInfo.practiceMemo,
		invoiceNumber: session.transactionInfo.invoiceNumber,
		sessionId: session.sessionId,
	};
	// Below the plan's minimum (or nothing to buy) the patient leaves without a purchase.
	if (input.amountCents > 0 && purchaseErrors(ctx, input).length === 0) makePurchase(ctx, input);
}

/** Why a decision cannot be applied (unknown promo), or null. */
export function decisionProblem(ctx: Ctx, decision: Decision): string | null {
	const promo = 'promoCode' in decision ? decision.promoCode : undefined;
	if (promo && !ctx.state.settings.promotions[promo]) return `unknown promo code ${promo}`;
	if (decision.outcome === 'approved' && !(decision.creditLineCents > 0)) {
		return 'creditLine must be positive';
	}
	return null;
}

export function applyDecision(ctx: Ctx, session: Session, decision: Decision, at: Date): void {
	switch (decision.outcome) {
		case 'approved': {
			const seq = ctx.nextId('careCredit.account', 1000);
			const applicant = session.applicants[0];
			ctx.state.accounts.push({
				accountNumber: `6019${String(seq).padStart(12, '0')}`,
				firstName: applicant?.firstName ?? '',
				lastName: applicant?.lastName ?? '',
				phone:
					applicant?.contactInfo.cellPhone ||
					applicant?.contactInfo.homePhone ||
					applicant?.contactInfo.workPhone ||
					'',
				zipCode: applicant?.address.zipCode ?? '',
				ssnLast4: applicant?.taxIdLast4 ?? '',
				creditLineCents: decision.creditLineCents,
				balanceCents: 0,
			});
			session.accountNumber = `6019${String(seq).padStart(12, '0')}`;
			session.pendingResolve = null;
			answer(ctx, session, 'APPROVED', at, decision.creditLineCents);
			if (decision.promoCode) {
				portalPurchase(ctx, session, decision.promoCode, decision.purchaseAmountCents);
			}
			return setStatus(ctx, session, 'Completed', at);
		}
		case 'cardholder':
			session.accountNumber = TEST_CARDHOLDER_ACCOUNT;
			if (decision.promoCode) {
				portalPurchase(ctx, session, decision.promoCode, decision.purchaseAmountCents);
			}
			return setStatus(ctx, session, 'AccountFound', at);
		case 'declined':
			session.pendingResolve = null;
			answer(ctx, session, 'DECLINED', at);
			return setStatus(ctx, session, 'Declined', at);
		case 'pending':
			answer(ctx, session, 'PENDING', at);
			return setStatus(ctx, session, 'Pending', at);
		case 'callForAuth':
			session.pendingResolve = null;
			answer(ctx, session, 'CALL_FOR_AUTH', at);
			return setStatus(ctx, session, 'CallForAuth', at);
		case 'expired':
			session.pendingResolve = null;
			return setStatus(ctx, session, 'Expired', at);
		case 'error':
			return setStatus(ctx, session, 'CreatedError', at);
	}
}

/** A pending test applicant's approval, when it is due. */
function resolvePending(ctx: Ctx, session: Session, at: Date): void {
	const line = session.pendingResolve!.creditLineCents;
	applyDecision(
		ctx,
		session,
		{
			outcome: 'approved',
			creditLineCents: line,
			promoCode: session.transactionInfo.promoCode || undefined,
		},
		at,
	);
}

/** Applies what the sandbox clock made due since the last request: resolutions, expiries. */
export function tick(ctx: Ctx): void {
	const now = ctx.now().getTime();
	const lifetimeMs = ctx.state.settings.sessionLifetimeSeconds * 1000;
	for (const session of ctx.state.sessions) {
		const resolveAt = session.pendingResolve ? Date.parse(session.pendingResolve.at) : Infinity;
		const expireAt = Date.parse(session.createdAt) + lifetimeMs;
		if (session.status === 'Pending' && resolveAt <= now && resolveAt < expireAt) {
			resolvePending(ctx, session, new Date(resolveAt));
		}
		if ((session.status === 'Created' || session.status === 'Pending') && expireAt <= now) {
			applyDecision(ctx, session, { outcome: 'expired' }, new Date(expireAt));
		}
	}
}

export function pullback(req: SandboxRequest, ctx: Ctx): SandboxResponse {
	const session = ctx.state.sessions.find((s) => s.sessionId === req.params.sessionId);
	if (!session) return syfError(req, 404, 'No such session');
	session.pullbacks += 1;
	if (
		session.status === 'Pending' &&
		session.pendingResolve &&
		session.pullbacks >= ctx.state.settings.pendingResolvePullbacks
	) {
		resolvePending(ctx, session, ctx.now());
	}
	return { status: 200, body: pullbackBody(ctx.state, session, portalUrl(ctx, session.sessionId)) };
}
