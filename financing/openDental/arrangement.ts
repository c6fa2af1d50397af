import { auditNoteProblems, readArrangement, type ArrangementView } from '../arrangementView';
import { contextProblems, type WireRequest, type WriteContext } from '../contract';
import { localDateTimeIn } from '../dates';
import { allocateProportionally } from '../exact';
import { fail, ok, problem, type Problem, type Result } from '../result';
import type { PaymentInterval } from '../schedule';
import { TRANSACTION_ID_STAND_IN } from '../dentrix/arrangement';
import {
	checkOpenDentalCommlog,
	checkOpenDentalPayment,
	type OpenDentalCommlogBody,
	type OpenDentalCommlogInput,
	type OpenDentalPaymentBody,
	type OpenDentalPaymentInput,
} from './ledger';
import {
	checkOpenDentalPayPlan,
	OPEN_DENTAL_NOTE_MAX,
	type OpenDentalPayPlanInput,
	type OpenDentalPayPlanRequests,
} from './payPlan';
import { toOpenDentalChargeFrequency, type OpenDentalPlanFacts } from './shared';

/**
 * From a built arrangement to the Open Dental inputs, and `validateForOpenDental`: Payment
 * Arrangement: Validate's verdict, built on the very checks the Open Dental writers run.
 */
type Draft<T> = { [K in keyof T]: unknown };

/** The practice's Open Dental choices the writers need beside the arrangement. */
export interface OpenDentalSettings {
	sendTermAs?: 'payAmt' | 'numberOfPayments';
	planCategory?: number;
	commType?: string;
	careCreditPayType?: number | null;
	/** AwaitComplete (Open Dental's default, and ours): only completed treatment is charged. */
	dynamicPayPlanTPOption?: 'AwaitComplete' | 'TreatAsComplete';
	/** The clinic the CareCredit payment is posted to; Open Dental defaults to the patient's. */
	clinicNum?: number;
}

const asId = (n: unknown) => (n === undefined || n === null || n === 0 ? null : String(n));

/**
 * The shortfall plan as an Open Dental plan input: its total spread over the plan's procedures
 * in proportion to their patient portions (whole cents, adding up exactly). A procedure id that
 * is not on the treatment plan is a problem, never silently dropped.
 */
export function openDentalPayPlanFromArrangement(
	w: ArrangementView,
	settings: OpenDentalSettings,
	problems: Problem[],
): Draft<OpenDentalPayPlanInput> | null {
	const sp = w.shortfallPlan;
	if (!sp) return null;
	const ids = sp.procedureIds;
	const procNums: Array<{ procNum: string; amountCents: number }> = [];
	if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) {
		problems.push(
			problem(
				'shortfallPlan.procedureIds',
				'invalidList',
				'must be a list of procedure ids (text)',
			),
		);
	} else {
		const onPlan = ids.map((id) => w.treatmentPlan.procedures.find((p) => p.procedureId === id));
		ids.forEach((id, i) => {
			if (!onPlan[i])
				problems.push(
					problem(
						`shortfallPlan.procedureIds.${i}`,
						'procedureNotOnPlan',
						'is not a procedure of the treatment plan',
					),
				);
		});
		const found = onPlan.filter((p): p is Record<string, unknown> => p !== undefined);
		const shares = allocateProportionally(
			typeof sp.totalCents === 'number' ? sp.totalCents : Number.NaN,
			found.map((p) =>
				typeof p.patientPortionCents === 'number' ? p.patientPortionCents : Number.NaN,
			),
		);
		if (shares.length === 0 || shares.every((s) => s === 0))
			problems.push(
				problem(
					'shortfallPlan.procedureIds',
					'noProductionToAttach',
					'the procedures of the plan have no patient portion to attach an Open Dental payment plan to',
				),
			);
		found.forEach((p, i) => {
			if (shares[i]) procNums.push({ procNum: String(p.procedureId), amountCents: shares[i]! });
		});
	}
	const frequency = toOpenDentalChargeFrequency(sp.interval as PaymentInterval);
	if (frequency === null) {
		problems.push(
			problem(
				'shortfallPlan.interval',
				'noOpenDentalFrequency',
				'Open Dental has no twice-a-month plan; change the interval in the policy (monthly, bi-weekly or weekly) or enter this plan by hand',
			),
		);
		return null;
	}
	return {
		patNum: w.treatmentPlan.patientId,
		guarantor: w.treatmentPlan.guarantorId,
		referenceToken: w.referenceToken,
		payPlanDate: sp.agreementDate,
		firstPaymentDate: sp.firstPaymentDate,
		chargeFrequency: frequency,
		aprBasisPoints: sp.aprBasisPoints,
		totalCents: sp.totalCents,
		downPaymentCents: sp.downPaymentCents,
		paymentAmountCents: sp.paymentAmountCents,
		numberOfPayments: sp.numberOfPayments,
		sendTermAs: settings.sendTermAs ?? 'payAmt',
		planCategory: String(settings.planCategory ?? 0),
		dynamicPayPlanTPOption: settings.dynamicPayPlanTPOption ?? 'AwaitComplete',
		// Open Dental's default, and required with an APR above 0.
		isLocked: true,
		note: sp.note,
		procNums,
	};
}

export function openDentalCommlogFromArrangement(
	w: ArrangementView,
	settings: OpenDentalSettings,
): Draft<OpenDentalCommlogInput> {
	return {
		patNum: w.treatmentPlan.patientId,
		referenceToken: w.referenceToken,
		note: w.auditNote,
		commDateTime: localDateTimeIn(w.timeZone, new Date(w.builtAt)),
		commType: settings.commType ?? 'Financial',
		mode: 'None',
		sentOrReceived: 'Neither',
	};
}

export function openDentalPaymentFromArrangement(
	w: ArrangementView,
	settings: OpenDentalSettings,
	transactionId: string,
): Draft<OpenDentalPaymentInput> | null {
	const cp = w.careCreditPayment;
	if (!cp) return null;
	return {
		patNum: w.treatmentPlan.patientId,
		amountCents: cp.amountCents,
		payDate: cp.paymentDate,
		payType: asId(settings.careCreditPayType),
		transactionId,
		note: cp.note,
		clinicNum: asId(settings.clinicNum),
	};
}

export interface OpenDentalRequests {
	/** Null when CareCredit covers everything: Open Dental plans always bill (§7). */
	payPlan: OpenDentalPayPlanRequests | null;
	/** The audit note: Open Dental's financing record (docs/financing-domain.md §7). */
	commlog: WireRequest<OpenDentalCommlogBody>;
	payment: WireRequest<OpenDentalPaymentBody> | null;
	checkedByWriter: string[];
}

/**
 * Every Open Dental request of an arrangement, checked by the writers' own checks. With `facts`
 * the verdict is the plan writer's; without, the fact rules are listed in `checkedByWriter`.
 */
export function validateForOpenDental(
	writes: unknown,
	context: WriteContext,
	settings: OpenDentalSettings = {},
	facts?: OpenDentalPlanFacts,
	options: { transactionId?: string } = {},
): Result<OpenDentalRequests> {
	const bad = contextProblems(context);
	if (bad.length > 0) return fail(...bad);
	const view = readArrangement(writes);
	if (!view.ok) return view;
	const w = view.value;
	const problems: Problem[] = auditNoteProblems(w, OPEN_DENTAL_NOTE_MAX, context.today);
	const deferred: string[] = [];
	const take = <T>(r: Result<{ request: T; checkedByWriter: string[] }>): T | null => {
		if (!r.ok) {
			problems.push(...r.problems);
			return null;
		}
		deferred.push(...r.value.checkedByWriter);
		return r.value.request;
	};
	const planInput = openDentalPayPlanFromArrangement(w, settings, problems);
	const payPlan = planInput
		? take(checkOpenDentalPayPlan(planInput, context, facts, 'openDental.payPlan'))
		: null;
	const commlog = take(
		checkOpenDentalCommlog(
			openDentalCommlogFromArrangement(w, settings),
			context,
			'openDental.commlog',
		),
	);
	if (options.transactionId === undefined && w.careCreditPayment)
		deferred.push(
			"openDental.payment.transactionId: the CareCredit purchase's transaction id (checked by the writer)",
		);
	const paymentInput = openDentalPaymentFromArrangement(
		w,
		settings,
		options.transactionId ?? TRANSACTION_ID_STAND_IN,
	);
	const payment = paymentInput
		? take(checkOpenDentalPayment(paymentInput, context, 'openDental.payment'))
		: null;
	if (problems.length > 0 || !commlog) return fail(...problems);
	if (w.shortfallPlan && !payPlan)
		return fail(problem('shortfallPlan', 'notBuilt', 'could not be made an Open Dental plan'));
	return ok({ payPlan, commlog, payment, checkedByWriter: [...new Set(deferred)] });
}
