// The practice, patients and treatment plans (docs/dentrix-api.md), including the accepted-plans
// feed the Dentrix Trigger polls and the accept call the console's button makes.
import type { Route } from '../core/types';
import { Fields } from './fields';
import { bodyOf, dollars, error, invalid, notFound, page, paging, queryDate, route } from './http';
import { patient } from './lookups';
import type {
	DentrixPatient,
	DentrixState,
	DentrixTreatmentPlan,
	TreatmentPlanStatus,
} from './types';

export const FUNDING_METHODS = [
	'CareCredit',
	'Insurance',
	'Cash',
	'Check',
	'Credit Card',
	'In-House Payment Agreement',
] as const;
const PLAN_STATUSES: TreatmentPlanStatus[] = ['proposed', 'accepted', 'rejected', 'completed'];

export const name = (p: DentrixPatient) => ({
	id: p.id,
	firstName: p.firstName,
	lastName: p.lastName,
});

export function patientOut(state: DentrixState, p: DentrixPatient, includeTaxId: boolean) {
	const guarantor = state.patients.find((x) => x.id === p.guarantorId) ?? p;
	const { taxId, ...rest } = p;
	return {
		...rest,
		guarantor: name(guarantor),
		isGuarantor: p.guarantorId === p.id,
		family: state.patients
			.filter((x) => x.guarantorId === p.guarantorId && x.id !== p.id)
			.map((x) => ({
				...name(x),
				relationshipToGuarantor: x.relationshipToGuarantor,
				isGuarantor: x.id === x.guarantorId,
			})),
		taxIdLastFour: taxId ? taxId.slice(-4) : null,
		...(includeTaxId ? { taxId } : {}),
	};
}

export function planOut(state: DentrixState, plan: DentrixTreatmentPlan) {
	const p = state.patients.find((x) => x.id === plan.patientId)!;
	const sum = (k: 'feeCents' | 'insuranceEstimateCents' | 'patientPortionCents') =>
		dollars(plan.procedures.reduce((s, x) => s + x[k], 0));
	return {
		id: plan.id,
		patientId: plan.patientId,
		guarantorId: p.guarantorId,
		patient: name(p),
		caseName: plan.caseName,
		status: plan.status,
		fundingMethod: plan.fundingMethod,
		locationId: plan.locationId,
		providerId: plan.providerId,
		createdOn: plan.createdOn,
		acceptedAt: plan.acceptedAt,
		acceptSequence: plan.acceptSequence,
		procedures: plan.procedures.map((x) => ({
			id: x.id,
			cdtCode: x.cdtCode,
			description: x.description,
			tooth: x.tooth,
			surface: x.surface,
			fee: dollars(x.feeCents),
			insuranceEstimate: dollars(x.insuranceEstimateCents),
			patientPortion: dollars(x.patientPortionCents),
		})),
		totals: {
			totalFee: sum('feeCents'),
			insuranceEstimate: sum('insuranceEstimateCents'),
			patientPortion: sum('patientPortionCents'),
		},
	};
}

export const patientRoutes: Array<Route<DentrixState>> = [
	route('GET', '/v1/practice', (_req, { state }) => ({ status: 200, body: state.practice })),

	route('GET', '/v1/patients', (req, { state }) => {
		const dob = queryDate(req, 'dateOfBirth');
		const words = (req.query.search ?? '')
			.toLowerCase()
			.split(/[\s,]+/)
			.filter(Boolean);
		const rows = state.patients.filter((p) => {
			const names = [p.firstName, p.lastName, p.preferredName].map((n) => n.toLowerCase());
			return (
				words.every((w) => names.some((n) => n.includes(w))) &&
				(!dob || p.dateOfBirth === dob) &&
				(!req.query.guarantorId || p.guarantorId === req.query.guarantorId)
			);
		});
		return page(req, rows, (p) => patientOut(state, p, false));
	}),

	route('GET', '/v1/patients/:patientId', (req, { state }) => ({
		status: 200,
		body: patientOut(
			state,
			patient(state, req.params.patientId),
			(req.query.include ?? '').split(',').includes('taxId'),
		),
	})),

	route('GET', '/v1/patients/:patientId/treatment-plans', (req, { state }) => {
		const p = patient(state, req.params.patientId);
		const rows = state.treatmentPlans.filter(
			(t) => t.patientId === p.id && (!req.query.status || t.status === req.query.status),
		);
		return page(req, rows, (t) => planOut(state, t));
	}),

	route('GET', '/v1/treatment-plans', (req, { state }) => {
		const q = req.query;
		if (q.status && !PLAN_STATUSES.includes(q.status as TreatmentPlanStatus)) {
			return error(400, 'badRequest', `status must be one of: ${PLAN_STATUSES.join(', ')}.`);
		}
		const since = q.acceptedSince ? Date.parse(q.acceptedSince) : undefined;
		if (since !== undefined && Number.isNaN(since))
			return error(400, 'badRequest', 'acceptedSince must be an ISO date-time.');
		let rows = state.treatmentPlans.filter(
			(t) =>
				(!q.patientId || t.patientId === q.patientId) &&
				(!q.status || t.status === q.status) &&
				(!q.fundingMethod || t.fundingMethod?.toLowerCase() === q.fundingMethod.toLowerCase()) &&
				(since === undefined || (t.acceptedAt !== null && Date.parse(t.acceptedAt) >= since)),
		);
		const { limit, offset } = paging(req);
		if (q.cursor === undefined) {
			const top = Math.max(0, ...rows.map((t) => t.acceptSequence ?? 0));
			return {
				status: 200,
				body: {
					items: rows.slice(offset, offset + limit).map((t) => planOut(state, t)),
					total: rows.length,
					limit,
					offset,
					nextCursor: String(top),
				},
			};
		}
		const cursor = q.cursor === '' ? 0 : Number(q.cursor);
		if (!Number.isInteger(cursor) || cursor < 0)
			return error(400, 'badRequest', 'cursor must be the nextCursor of an earlier answer.');
		rows = rows
			.filter((t) => (t.acceptSequence ?? 0) > cursor)
			.sort((a, b) => a.acceptSequence! - b.acceptSequence!);
		const items = rows.slice(0, limit);
		const nextCursor = String(items.length ? items[items.length - 1].acceptSequence : cursor);
		return {
			status: 200,
			body: {
				items: items.map((t) => planOut(state, t)),
				total: rows.length,
				limit,
				offset: 0,
				nextCursor,
			},
		};
	}),

	route('GET', '/v1/treatment-plans/:planId', (req, { state }) => {
		const plan = state.treatmentPlans.find((t) => t.id === req.params.planId);
		return plan
			? { status: 200, body: planOut(state, plan) }
			: notFound('treatment plan', req.params.planId);
	}),

	route('POST', '/v1/treatment-plans/:planId/accept', (req, ctx) => {
		const { state } = ctx;
		const plan = state.treatmentPlans.find((t) => t.id === req.params.planId);
		if (!plan) return notFound('treatment plan', req.params.planId);
		const f = new Fields(bodyOf(req));
		const fundingMethod = f.oneOf('fundingMethod', 'Funding method', FUNDING_METHODS, {
			required: true,
		});
		if (!fundingMethod) return invalid('acceptance', f.errors);
		if (plan.status === 'accepted' && plan.fundingMethod === fundingMethod)
			return { status: 200, body: planOut(state, plan) };
		if (plan.status === 'accepted' || plan.status === 'completed') {
			return error(
				409,
				'planNotAcceptable',
				`This treatment plan is already ${plan.status}${plan.fundingMethod ? ` with ${plan.fundingMethod}` : ''}.`,
			);
		}
		const top = Math.max(0, ...state.treatmentPlans.map((t) => t.acceptSequence ?? 0));
		Object.assign(plan, {
			status: 'accepted',
			fundingMethod,
			acceptedAt: ctx.now().toISOString(),
			acceptSequence: ctx.nextId('dentrix.acceptSequence', top + 1),
		});
		return { status: 200, body: planOut(state, plan) };
	}),
];
