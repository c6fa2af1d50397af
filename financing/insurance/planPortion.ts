import { formatMoney, type Cents } from '../money';
import { fail, ok, problem, type Result } from '../result';
import { comparePortions, type PortionChange } from './portionChange';

/**
 * The patient portion a practice finances, when it asks for the estimate after insurance
 * (`estimatePatientPortion`) rather than the plan's own figure: the plan with each procedure's
 * portion and the total taken from the estimate. An estimate of other procedures is refused.
 */
interface PlanLike {
	patientPortionCents: Cents;
	procedures: Array<{ procedureId: string | number; patientPortionCents: Cents } & object>;
	portionEstimate?: unknown;
}

interface EstimateLike {
	totals: { patientPortionCents: Cents };
	procedures: Array<{ procedureId: string; patientPortionCents: Cents }>;
}

function isEstimate(value: unknown): value is EstimateLike {
	const e = value as EstimateLike | null;
	return (
		typeof e === 'object' &&
		e !== null &&
		typeof e.totals?.patientPortionCents === 'number' &&
		Array.isArray(e.procedures)
	);
}

export function planWithEstimatedPortion<T extends PlanLike>(plan: T): Result<T> {
	const estimate = plan.portionEstimate;
	if (!isEstimate(estimate)) {
		return fail(
			problem(
				'treatmentPlan.portionEstimate',
				'required',
				'the treatment plan carries no estimate after insurance; read it with Treatment Plan: Get from a saved plan, or use the plan’s own patient portion',
			),
		);
	}
	const byId = new Map(
		estimate.procedures.map((p) => [String(p.procedureId), p.patientPortionCents]),
	);
	const ids = plan.procedures.map((p) => String(p.procedureId));
	if (ids.length !== byId.size || ids.some((id) => !byId.has(id))) {
		return fail(
			problem(
				'treatmentPlan.portionEstimate.procedures',
				'estimateDoesNotMatchPlan',
				'the estimate is for other procedures than the plan’s; estimate the plan again',
			),
		);
	}
	return ok({
		...plan,
		patientPortionCents: estimate.totals.patientPortionCents,
		procedures: plan.procedures.map((p) => ({
			...p,
			patientPortionCents: byId.get(String(p.procedureId))!,
		})),
	});
}

/**
 * Checks the portion being financed now against the portion sent with the CareCredit
 * application: a change (insurance re-verified, the plan saved again) is a problem for a person,
 * never a silent re-financing. `sentCents` is the application's portion in cents.
 */
export function portionUnchangedSinceApplication(
	plan: PlanLike,
	sentCents: Cents,
	approvedAmountCents: Cents | null,
): Result<PortionChange> {
	const change = comparePortions(
		{ patientPortionCents: sentCents },
		{ patientPortionCents: plan.patientPortionCents },
		approvedAmountCents,
	);
	if (!change.ok) return change;
	if (!change.value.changed) return change;
	return fail(
		problem(
			'treatmentPlan.patientPortionCents',
			'portionChangedAfterApplication',
			`${change.value.message} (sent ${formatMoney(sentCents)}, now ${formatMoney(plan.patientPortionCents)})`,
		),
	);
}
