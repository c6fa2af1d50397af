import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { addDays, problem, type Problem } from '../../financing';
import { asNodeError } from '../shared/execute';
import { odId, screened } from './appointmentShapes';
import { oncePerRun } from '../shared/runCache';
import { openDentalList, openDentalRequest } from './transport';

/**
 * Reading a patient's insurance from Open Dental's public API, each record once per node run:
 * patplans (the coverage, https://opendental.com/site/apipatplans.html), the subscriber
 * (apiinssubs.html), the plan and its carrier (apiinsplans.html, apicarriers.html: read as whole
 * lists, once), the plan's benefits and the categories (apibenefits.html, apicovcats.html), the
 * patient's claimprocs (apiclaimprocs.html) and the verification dates (apiinsverifies.html).
 */
type Wire = IDataObject & Record<string, unknown>;

const day = (value: unknown) => {
	const text = typeof value === 'string' ? value.slice(0, 10) : '';
	return text === '' || text === '0001-01-01' ? null : text;
};

export interface CoveragePlan {
	patPlanId: string;
	patientId: string;
	ordinal: number;
	isPending: boolean;
	relationship: string;
	insSubId: string;
	subscriberPatientId: string | null;
	/** The carrier's member number for the subscriber; hidden if it looks like a tax id. */
	subscriberMemberId: string;
	effectiveDate: string | null;
	termDate: string | null;
	planId: string | null;
	groupName: string;
	groupNumber: string;
	planType: string;
	monthRenew: number;
	carrier: { carrierId: string; name: string; phone: string; electronicId: string } | null;
	/** What keeps this plan from being checked (an unknown plan, no carrier), each naming its field. */
	problems: Problem[];
}

const everyRow = (ctx: IExecuteFunctions, i: number, path: string, qs: IDataObject = {}) =>
	openDentalList(ctx, path, qs, { itemIndex: i }) as Promise<Wire[]>;

const byId = (rows: Wire[], key: string) => new Map(rows.map((r) => [String(r[key]), r]));

/** Plans and carriers are shared by many patients: their lists are read once per run. */
const insPlans = (ctx: IExecuteFunctions, i: number) =>
	oncePerRun(ctx, 'insplans', async () => byId(await everyRow(ctx, i, '/insplans'), 'PlanNum'));
const carriers = (ctx: IExecuteFunctions, i: number) =>
	oncePerRun(ctx, 'carriers', async () => byId(await everyRow(ctx, i, '/carriers'), 'CarrierNum'));
export const covCats = (ctx: IExecuteFunctions, i: number) =>
	oncePerRun(ctx, 'covcats', () => everyRow(ctx, i, '/covcats'));
export const planBenefits = (ctx: IExecuteFunctions, i: number, planNum: string) =>
	oncePerRun(ctx, `benefits:${planNum}`, () => everyRow(ctx, i, '/benefits', { PlanNum: planNum }));
export const claimProcs = (ctx: IExecuteFunctions, i: number, patNum: number) =>
	oncePerRun(ctx, `claimprocs:${patNum}`, () =>
		everyRow(ctx, i, '/claimprocs', { PatNum: patNum }),
	);

async function insSub(ctx: IExecuteFunctions, i: number, insSubNum: string): Promise<Wire | null> {
	return await oncePerRun(ctx, `inssub:${insSubNum}`, async () => {
		try {
			return (await openDentalRequest(
				ctx,
				{ method: 'GET', path: `/inssubs/${insSubNum}` },
				{ itemIndex: i },
			)) as Wire;
		} catch (error) {
			if ((error as { httpCode?: string }).httpCode === '404') return null;
			throw asNodeError(ctx, error, i);
		}
	});
}

/** The patient's plans, primary first. A 404 from Open Dental (unknown patient) is thrown. */
export async function readCoverage(
	ctx: IExecuteFunctions,
	i: number,
	patNum: number,
): Promise<CoveragePlan[]> {
	const rows = (await everyRow(ctx, i, '/patplans', { PatNum: patNum })).sort(
		(a, b) => Number(a.Ordinal) - Number(b.Ordinal),
	);
	const plans: CoveragePlan[] = [];
	for (const pp of rows) {
		const ordinal = Number(pp.Ordinal);
		const field = `coverage.${ordinal}`;
		const problems: Problem[] = [];
		const sub = await insSub(ctx, i, String(pp.InsSubNum));
		const plan = sub ? (await insPlans(ctx, i)).get(String(sub.PlanNum)) : undefined;
		if (!sub) {
			problems.push(
				problem(
					`${field}.InsSubNum`,
					'unknownPlan',
					`PatPlanNum ${String(pp.PatPlanNum)} names InsSubNum ${String(pp.InsSubNum)}, which Open Dental does not have; attach the patient's plan again`,
				),
			);
		} else if (!plan) {
			problems.push(
				problem(
					`${field}.PlanNum`,
					'unknownPlan',
					`the subscriber's PlanNum ${String(sub.PlanNum)} is not a plan of this office; pick the plan again in Open Dental`,
				),
			);
		}
		const carrier = plan ? (await carriers(ctx, i)).get(String(plan.CarrierNum)) : undefined;
		if (plan && !carrier) {
			problems.push(
				problem(
					`${field}.CarrierNum`,
					'noCarrier',
					`plan ${String(plan.PlanNum)} (${String(plan.GroupName || 'no group name')}) has no carrier (CarrierNum ${String(plan.CarrierNum)}); attach the carrier to the plan in Open Dental`,
				),
			);
		}
		plans.push({
			patPlanId: String(pp.PatPlanNum),
			patientId: String(pp.PatNum),
			ordinal,
			isPending: pp.IsPending === 'true' || pp.IsPending === true,
			relationship: String(pp.Relationship ?? ''),
			insSubId: String(pp.InsSubNum),
			subscriberPatientId: odId(sub?.Subscriber),
			subscriberMemberId: screened(sub?.SubscriberID),
			effectiveDate: day(sub?.DateEffective),
			termDate: day(sub?.DateTerm),
			planId: odId(sub?.PlanNum),
			groupName: String(plan?.GroupName ?? ''),
			groupNumber: String(plan?.GroupNum ?? ''),
			planType: String(plan?.PlanType ?? ''),
			monthRenew: Number(plan?.MonthRenew ?? 0),
			carrier: carrier
				? {
						carrierId: String(carrier.CarrierNum),
						name: String(carrier.CarrierName ?? ''),
						phone: String(carrier.Phone ?? ''),
						electronicId: String(carrier.ElectID ?? ''),
					}
				: null,
			problems,
		});
	}
	return plans;
}

/** A plan with its carrier's name (null: no carrier), or null for a PlanNum the office does not have. */
export async function readPlan(ctx: IExecuteFunctions, i: number, planNum: string) {
	const plan = (await insPlans(ctx, i)).get(planNum);
	if (!plan) return null;
	const carrier = (await carriers(ctx, i)).get(String(plan.CarrierNum));
	return {
		groupName: String(plan.GroupName ?? ''),
		monthRenew: Number(plan.MonthRenew ?? 0),
		carrierName: carrier ? String(carrier.CarrierName ?? '') : null,
	};
}

export type VerifyType = 'PatientEnrollment' | 'InsuranceBenefit';

/**
 * The verification row of a patplan (PatientEnrollment, FKey = PatPlanNum) or a plan
 * (InsuranceBenefit, FKey = PlanNum). Rows changed since `since` come in one read per run; a row
 * not among them was verified before then (or never) and is read alone (FKey: Open Dental 24.4.17).
 */
export async function verificationRow(
	ctx: IExecuteFunctions,
	i: number,
	type: VerifyType,
	fKey: string,
	since: string,
): Promise<Wire | null> {
	const recent = await oncePerRun(ctx, `insverifies:${type}:${since}`, async () =>
		byId(
			await everyRow(ctx, i, '/insverifies', {
				VerifyType: type,
				SecDateTEdit: `${since} 00:00:00`,
			}),
			'FKey',
		),
	);
	const found = recent.get(fKey);
	if (found) return found;
	return await oncePerRun(ctx, `insverify:${type}:${fKey}`, async () => {
		const rows = await everyRow(ctx, i, '/insverifies', { VerifyType: type, FKey: fKey });
		return rows[0] ?? null;
	});
}

export const verifiedOn = (row: Wire | null) => day(row?.DateLastVerified);

/**
 * Whether the patient already has a note carrying `key`: per patient (any version), or every
 * commlog changed since yesterday in one read per run (Open Dental 25.1.13 and later).
 */
export async function hasNoteWith(
	ctx: IExecuteFunctions,
	i: number,
	patNum: number,
	key: string,
	options: { oneRead: boolean; today: string },
): Promise<boolean> {
	const rows = options.oneRead
		? await oncePerRun(ctx, `commlogs:since:${options.today}`, () =>
				everyRow(ctx, i, '/commlogs', {
					DateTStamp: `${addDays(options.today, -1)} 00:00:00`,
				}),
			)
		: await everyRow(ctx, i, '/commlogs', { PatNum: patNum });
	return rows.some((c) => Number(c.PatNum) === patNum && String(c.Note ?? '').includes(key));
}
