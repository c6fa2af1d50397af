// Prefill (the bridge's CareCreditPrefillRequest, docs/financing-domain.md §2) and the modeled QuickScreen.
// A tax id is kept as its last four only and a date of birth not at all.
import { randomUUID } from 'node:crypto';

import type { SandboxRequest, SandboxResponse } from '../core/types';
import { testApplicantFor, type TestApplicant } from './applicants';
import { field, type FieldError, invalid } from './errors';
import { checkMerchant } from './merchants';
import { obj, str, toCents, toDollars } from './wire';
import { applyDecision, portalUrl } from './sessions';
import { available } from './transactions';
import type { Applicant, Ctx, Merchant, Session } from './types';

type Body = Record<string, unknown>;

const strings = (value: unknown): Record<string, string> =>
	Object.fromEntries(
		Object.entries((value ?? {}) as Record<string, unknown>).map(([k, v]) => [k, str(v)]),
	);

/** Dollars → cents for an optional non-negative amount, pushing a field error otherwise. */
function amount(value: unknown, name: string, errors: FieldError[]): number | null {
	if (value === undefined || value === null || value === '') return null;
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		errors.push(field(name, 'must be a number'));
		return null;
	}
	if (value < 0) {
		errors.push(field(name, 'must not be negative'));
		return null;
	}
	return toCents(value);
}

function validDateOfBirth(value: string, today: Date): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return false;
	const [year, month, day] = match.slice(1).map(Number);
	const date = new Date(Date.UTC(year, month - 1, day));
	const real = date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
	return real && year >= 1900 && date.getTime() < today.getTime();
}

function readApplicants(body: Body, ctx: Ctx, errors: FieldError[]): Applicant[] {
	if (!Array.isArray(body.applicants) || body.applicants.length === 0) {
		errors.push(field('applicants', 'at least one applicant is required'));
		return [];
	}
	return (body.applicants as unknown[]).map((raw, i) => {
		const at = `applicants[${i}]`;
		const a = obj(raw);
		if (!str(a.firstName).trim()) errors.push(field(`${at}.firstName`, 'is required'));
		if (!str(a.lastName).trim()) errors.push(field(`${at}.lastName`, 'is required'));
		const dob = a.dateOfBirth;
		const dobGiven = dob !== undefined && dob !== null && dob !== '';
		if (dobGiven && !(typeof dob === 'string' && validDateOfBirth(dob, ctx.now()))) {
			errors.push(field(`${at}.dateOfBirth`, 'must be a real past date yyyy-MM-dd'));
		}
		const taxId = a.taxId;
		let taxIdLast4 = '';
		if (taxId !== undefined && taxId !== null && taxId !== '') {
			const ok = typeof taxId === 'string' && /^(\d{9}|\d{3}-\d{2}-\d{4})$/.test(taxId);
			if (ok) taxIdLast4 = taxId.slice(-4);
			else errors.push(field(`${at}.taxId`, 'must be 9 digits'));
		}
		return {
			firstName: str(a.firstName),
			lastName: str(a.lastName),
			middleName: str(a.middleName),
			taxIdLast4,
			dateOfBirthGiven: dobGiven,
			address: strings(a.address),
			contactInfo: strings(a.contactInfo),
			estimatedFeeCents: amount(a.estimatedFee, `${at}.estimatedFee`, errors),
		};
	});
}

/** The shared checks of prefill and QuickScreen: a merchant that may transact, applicants. */
function readRequest(
	req: SandboxRequest,
	ctx: Ctx,
):
	| { merchant: Merchant; body: Body; applicants: Applicant[]; errors: FieldError[] }
	| SandboxResponse {
	const body = obj(req.body);
	const merchant = checkMerchant(req, ctx, obj(body.merchantInfo).merchantNumber);
	if (merchant.response) return merchant.response;
	const errors = [...merchant.errors];
	const applicants = readApplicants(body, ctx, errors);
	if (errors.length || !merchant.merchant) return invalid(req, errors);
	return { merchant: merchant.merchant, body, applicants, errors };
}

function decideTestApplicant(ctx: Ctx, session: Session, test: TestApplicant): void {
	const now = ctx.now();
	const promoCode = session.transactionInfo.promoCode || undefined;
	switch (test.outcome) {
		case 'approved':
		case 'shortfall':
			return applyDecision(
				ctx,
				session,
				{ outcome: 'approved', creditLineCents: test.creditLineCents, promoCode },
				now,
			);
		case 'cardholder':
			return applyDecision(ctx, session, { outcome: 'cardholder', promoCode }, now);
		case 'pending': {
			const delay = ctx.state.settings.pendingResolveSeconds * 1000;
			session.pendingResolve = {
				at: new Date(now.getTime() + delay).toISOString(),
				creditLineCents: test.creditLineCents,
			};
			return applyDecision(ctx, session, { outcome: 'pending' }, now);
		}
		default:
			return applyDecision(ctx, session, { outcome: test.outcome }, now);
	}
}

export function prefill(req: SandboxRequest, ctx: Ctx): SandboxResponse {
	const read = readRequest(req, ctx);
	if ('status' in read) return read;
	const { body, merchant, applicants } = read;
	const errors: FieldError[] = [];
	const info = obj(body.transactionInfo);
	const promoCode = str(info.promoCode);
	if (promoCode && !ctx.state.settings.promotions[promoCode]) {
		errors.push(field('transactionInfo.promoCode', 'unknown promo code'));
	}
	const purchaseAmountCents = amount(info.purchaseAmount, 'transactionInfo.purchaseAmount', errors);
	const refundAmountCents = amount(info.refundAmount, 'transactionInfo.refundAmount', errors);
	if (errors.length) return invalid(req, errors);

	const now = ctx.now().toISOString();
	const session: Session = {
		sessionId: randomUUID(),
		referenceId: `REF-${ctx.nextId('careCredit.reference', 100001)}`,
		merchantNumber: merchant.merchantNumber,
		partnerCode: str(obj(body.merchantInfo).partnerCode),
		recordId: str(obj(body.merchantInfo).recordId),
		createdAt: now,
		status: 'Created',
		statusAt: now,
		applicants,
		additionalInfo: strings(body.additionalInfo),
		transactionInfo: {
			practiceMemo: str(info.practiceMemo),
			promoCode,
			purchaseAmountCents,
			refundAmountCents,
			invoiceNumber: str(info.invoiceNumber),
		},
		testApplicant: null,
		application: null,
		accountNumber: null,
		pullbacks: 0,
		pendingResolve: null,
	};
	ctx.state.sessions.push(session);
	const test = testApplicantFor(applicants[0]);
	if (test) {
		session.testApplicant = test.outcome;
		decideTestApplicant(ctx, session, test);
	}
	const account = ctx.state.accounts.find((a) => a.accountNumber === session.accountNumber);
	return {
		status: 200,
		body: {
			referenceId: session.referenceId,
			sessionId: session.sessionId,
			availableCredit: account ? toDollars(available(account)) : 0,
			portalUrl: portalUrl(ctx, session.sessionId),
		},
	};
}

/** Modeled: a pre-screen answer from the same test applicant table; writes no decision. */
export function quickScreen(req: SandboxRequest, ctx: Ctx): SandboxResponse {
	const read = readRequest(req, ctx);
	if ('status' in read) return read;
	const test = testApplicantFor(read.applicants[0]);
	const preApproved =
		test?.outcome === 'approved' || test?.outcome === 'shortfall' || test?.outcome === 'pending';
	const seq = ctx.nextId('careCredit.reference', 100001);
	return {
		status: 200,
		body: {
			referenceId: `REF-${seq}`,
			sessionStatus: preApproved
				? 'PreApproved'
				: test?.outcome === 'cardholder'
					? 'AccountFound'
					: 'AccountNotFoundQS',
			quickScreenTransactionDetails: [
				{
					preApproved,
					preApprovalAmount: preApproved ? toDollars(test!.creditLineCents) : 0,
					accepted: false,
					authNumber: `QS${seq}`,
					pUrl: `${ctx.urls.console}/`,
				},
			],
		},
	};
}
