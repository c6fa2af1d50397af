import {
	auditNoteProblems,
	field,
	readArrangement,
	type ArrangementView,
} from '../arrangementView';
import type { WireRequest, WriteContext } from '../contract';
import { contextProblems } from '../contract';
import { fail, ok, problem, type Problem, type Result } from '../result';
import {
	checkDentrixPayment,
	type DentrixPaymentBody,
	type DentrixAdjustmentBody,
	type DentrixPaymentInput,
} from './ledgerEntries';
import {
	checkDentrixLedgerNote,
	type DentrixLedgerNoteBody,
	type DentrixLedgerNoteInput,
} from './ledgerNote';
import {
	checkDentrixPaymentAgreement,
	type DentrixAgreementFacts,
	type DentrixPaymentAgreementBody,
	type DentrixPaymentAgreementInput,
} from './paymentAgreement';
import { DENTRIX_LIMITS } from './shared';

/**
 * From a built arrangement to the Dentrix inputs, and `validateForDentrix`: the verdict of
 * Payment Arrangement: Validate, built on the very checks the Dentrix writers run.
 */
type Draft<T> = { [K in keyof T]: unknown };

/** The one payment agreement of the account (docs/financing-domain.md §7), or null. */
export function dentrixPaymentAgreementFromArrangement(
	w: ArrangementView,
): Draft<DentrixPaymentAgreementInput> | null {
	const a = w.dentrixPaymentAgreement;
	if (!a) return null;
	const schedule = a.schedule as Record<string, unknown> | undefined;
	const keys = [
		'role',
		'guarantorId',
		'billingType',
		'agreementDate',
		'interval',
		'annualFinanceChargeBasisPoints',
		'annualLateChargeBasisPoints',
		'gracePeriodDays',
		'minimumLateChargeCents',
		'minimumBalanceToChargeCents',
		'totalAgreedAmountCents',
		'downPaymentCents',
		'firstPaymentDue',
		'paymentAmountCents',
		'numberOfPayments',
		'note',
		'statementNote',
		'sendStatements',
	] as const;
	const picked = Object.fromEntries(keys.map((k) => [k, a[k]]));
	return {
		...(picked as Draft<
			Omit<DentrixPaymentAgreementInput, 'patientId' | 'referenceToken' | 'paymentAprBasisPoints'>
		>),
		patientId: w.treatmentPlan.patientId,
		referenceToken: w.referenceToken,
		// The APR the payments were worked out at: the schedule's (CareCredit's plan for a record).
		paymentAprBasisPoints: field(schedule, 'aprBasisPoints'),
	};
}

export function dentrixLedgerNoteFromArrangement(
	w: ArrangementView,
): Draft<DentrixLedgerNoteInput> {
	return {
		guarantorId: w.treatmentPlan.guarantorId,
		patientId: w.treatmentPlan.patientId,
		referenceToken: w.referenceToken,
		date: w.agreementDate,
		text: w.auditNote,
		kind: 'guarantorNote',
	};
}

/** The CareCredit payment of the arrangement; the transaction id comes from the purchase. */
export function dentrixPaymentFromArrangement(
	w: ArrangementView,
	transactionId: string,
): Draft<DentrixPaymentInput> | null {
	const cp = w.careCreditPayment;
	if (!cp) return null;
	return {
		guarantorId: w.treatmentPlan.guarantorId,
		patientId: w.treatmentPlan.patientId,
		amountCents: cp.amountCents,
		date: cp.paymentDate,
		transactionId,
		note: cp.note,
		paymentType: cp.paymentType,
		merchantFeeCents: cp.feeAdjustmentCents ?? null,
		merchantFeeType: cp.feeAdjustmentType,
	};
}

export interface DentrixRequests {
	guarantorId: string;
	/** At most one: Dentrix keeps one payment agreement per account. */
	paymentAgreement: WireRequest<DentrixPaymentAgreementBody> | null;
	ledgerNote: WireRequest<DentrixLedgerNoteBody>;
	careCreditPayment: WireRequest<DentrixPaymentBody> | null;
	merchantFeeAdjustment: WireRequest<DentrixAdjustmentBody> | null;
	/** Rules left to the writers, which read the facts first. */
	checkedByWriter: string[];
}

/** Stands in for the purchase's transaction id when Validate checks a payment without one. */
export const TRANSACTION_ID_STAND_IN = 'TRANSACTION-ID';

export interface ValidateOptions {
	/** The CareCredit purchase's transaction id (the payment's reference); absent in Validate. */
	transactionId?: string;
}

/**
 * Every Dentrix request of an arrangement, checked by the writers' own checks. With `facts`
 * the verdict is the writers'; without, the fact rules are listed in `checkedByWriter`.
 */
export function validateForDentrix(
	writes: unknown,
	context: WriteContext,
	facts?: DentrixAgreementFacts,
	options: ValidateOptions = {},
): Result<DentrixRequests> {
	const bad = contextProblems(context);
	if (bad.length > 0) return fail(...bad);
	const view = readArrangement(writes);
	if (!view.ok) return view;
	const w = view.value;
	const problems: Problem[] = auditNoteProblems(w, DENTRIX_LIMITS.ledgerNote, context.today);
	const deferred: string[] = [];
	const take = <T>(r: Result<{ request: T; checkedByWriter: string[] }>): T | null => {
		if (!r.ok) {
			problems.push(...r.problems);
			return null;
		}
		deferred.push(...r.value.checkedByWriter);
		return r.value.request;
	};
	if (w.shortfallPlan && field(w.dentrixPaymentAgreement, 'role') !== 'shortfallPlan') {
		problems.push(
			problem(
				'dentrixPaymentAgreement.role',
				'oneAgreementPerAccount',
				'Dentrix keeps one payment agreement per account: with an in-house balance, the in-house plan must be the agreement',
			),
		);
	}
	const agreementGuarantor = field(w.dentrixPaymentAgreement, 'guarantorId');
	if (w.dentrixPaymentAgreement && agreementGuarantor !== w.treatmentPlan.guarantorId)
		problems.push(
			problem(
				'dentrixPaymentAgreement.guarantorId',
				'guarantorMismatch',
				"the agreement's guarantor is not the treatment plan's guarantor",
			),
		);
	const agreementInput = dentrixPaymentAgreementFromArrangement(w);
	const agreement = agreementInput
		? take(checkDentrixPaymentAgreement(agreementInput, context, facts, 'dentrixPaymentAgreement'))
		: null;
	const note = take(
		checkDentrixLedgerNote(dentrixLedgerNoteFromArrangement(w), context, facts, 'ledgerNote'),
	);
	const transactionId = options.transactionId ?? TRANSACTION_ID_STAND_IN;
	if (options.transactionId === undefined && w.careCreditPayment)
		deferred.push(
			"careCreditPayment.transactionId: the CareCredit purchase's transaction id (checked by the writer)",
		);
	const paymentInput = dentrixPaymentFromArrangement(w, transactionId);
	const payment = paymentInput
		? take(checkDentrixPayment(paymentInput, context, facts, 'careCreditPayment'))
		: null;
	if (problems.length > 0 || !note) return fail(...problems);
	return ok({
		guarantorId: w.treatmentPlan.guarantorId,
		paymentAgreement: agreement,
		ledgerNote: note,
		careCreditPayment: payment?.payment ?? null,
		merchantFeeAdjustment: payment?.merchantFeeAdjustment ?? null,
		checkedByWriter: [...new Set(deferred)],
	});
}
