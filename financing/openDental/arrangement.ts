import { auditNoteProblems, readArrangement, type ArrangementView } from '../arrangementView';
import { contextProblems, type WireRequest, type WriteContext } from '../contract';
import { localDateTimeIn } from '../dates';
import { formatMoney } from '../money';
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
	APR_PLAN_CANNOT_BE_LIMITED,
	checkOpenDentalPayPlan,
	OPEN_DENTAL_NOTE_MAX,
	overrideLinks,
	type OpenDentalPayPlanInput,
	type OpenDentalPayPlanRequests,
} from './payPlan';
import { choosePlanParts, toOpenDentalChargeFrequency, type OpenDentalPlanFacts } from './shared';

/**
 * From a built arrangement to the Open Dental inputs, and `validateForOpenDental`: Payment
 * Arrangement: Validate's verdict, built on the very checks the Open Dental writers run.
 */
type Draft<T> = { [K in keyof T]: unknown };

/** The practice's Open Dental choices the writers need beside the arrangement. */
export interface OpenDentalSettings {
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
 * The shortfall plan as an Open Dental plan input: attached to the fewest procedures whose
 * remaining production covers it, at most one of them limited by an AmountOverride
 * (`choosePlanParts`). Production is Open Dental's (`facts`, read by the writer) or, for Validate,
 * the arrangement's patient portions. A procedure id that is not on the treatment plan is a
 * problem, never silently dropped.
 */
export function openDentalPayPlanFromArrangement(
	w: ArrangementView,
	settings: OpenDentalSettings,
	problems: Problem[],
	facts?: OpenDentalPlanFacts,
): Draft<OpenDentalPayPlanInput> | null {
	const sp = w.shortfallPlan;
	if (!sp) return null;
	const ids = sp.procedureIds;
	let procNums: Array<{ procNum: string; amountCents: number }> = [];
	if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) {
		problems.push(
			problem(
				'shortfallPlan.procedureIds',
				'invalidList',
				'must be a list of procedure ids (text)',
			),
		);
	} else {
		const production = productionOf(w, facts);
		const known = (ids as string[]).filter((id, i) => {
			if (production.has(id)) return true;
			problems.push(
				problem(
					`shortfallPlan.procedureIds.${i}`,
					'procedureNotOnPlan',
					facts
						? 'is not a procedure of the treatment plan in Open Dental'
						: 'is not a procedure of the treatment plan',
				),
			);
			return false;
		});
		procNums = partsFor(sp, known, production, problems);
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
		planCategory: String(settings.planCategory ?? 0),
		dynamicPayPlanTPOption: settings.dynamicPayPlanTPOption ?? 'AwaitComplete',
		note: sp.note,
		procNums,
	};
}

/** Remaining production by procedure id: Open Dental's when read, else the patient portions built on. */
function productionOf(w: ArrangementView, facts?: OpenDentalPlanFacts): Map<string, number> {
	if (facts) return new Map(facts.planProcedures.map((p) => [p.procNum, p.productionCents]));
	return new Map(
		w.treatmentPlan.procedures
			.filter((p) => typeof p.procedureId === 'string')
			.map((p) => [
				p.procedureId as string,
				typeof p.patientPortionCents === 'number' ? p.patientPortionCents : 0,
			]),
	);
}

/** The parts of the plan's procedures; a total their production cannot cover is a problem. */
function partsFor(
	sp: Record<string, unknown>,
	ids: string[],
	production: Map<string, number>,
	problems: Problem[],
): Array<{ procNum: string; amountCents: number }> {
	if (ids.length === 0) {
		problems.push(
			problem(
				'shortfallPlan.procedureIds',
				'noProcedures',
				'lists no procedure to attach the plan to',
			),
		);
		return [];
	}
	const total = sp.totalCents;
	// A malformed total is the contract's to name (openDental.payPlan.totalCents).
	if (typeof total !== 'number' || !Number.isSafeInteger(total) || total <= 0) return [];
	const available = ids.map((procNum) => ({ procNum, productionCents: production.get(procNum)! }));
	const parts = choosePlanParts(total, available);
	if (!parts) {
		const sum = available.reduce((s, p) => s + Math.max(0, p.productionCents), 0);
		problems.push(
			problem(
				'shortfallPlan.totalCents',
				'productionBelowTotal',
				`is more than the remaining production of the plan's procedures (${formatMoney(sum)}): Open Dental limits a plan to the production attached to it`,
			),
		);
		return [];
	}
	if (
		typeof sp.aprBasisPoints === 'number' &&
		sp.aprBasisPoints > 0 &&
		parts.some((p) => p.override)
	)
		problems.push(
			problem('shortfallPlan.aprBasisPoints', 'aprPlanCannotBeLimited', APR_PLAN_CANNOT_BE_LIMITED),
		);
	return parts.map(({ procNum, amountCents }) => ({ procNum, amountCents }));
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
	const planInput = openDentalPayPlanFromArrangement(w, settings, problems, facts);
	const checkedPlan = planInput
		? take(checkOpenDentalPayPlan(planInput, context, facts, 'openDental.payPlan'))
		: null;
	// Without the facts, the overrides Validate shows follow the arrangement's patient portions.
	const payPlan = checkedPlan && {
		...checkedPlan,
		links: overrideLinks(checkedPlan.parts, productionOf(w, facts)),
	};
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
