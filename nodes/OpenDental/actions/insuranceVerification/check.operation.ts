import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import {
	addDays,
	coverageStatusOn,
	problem,
	summarizeOpenDentalBenefits,
	todayIn,
	verificationKey,
	verifyBeforeVisit,
	type BenefitSummary,
	type Problem,
} from '../../../../financing';
import { asNodeError } from '../../../shared/execute';
import { objectParameter } from '../../../shared/parameters';
import {
	claimProcs,
	covCats,
	hasNoteWith,
	planBenefits,
	readCoverage,
	verificationRow,
	verifiedOn,
	type CoveragePlan,
} from '../../insurance';
import type { OpenDentalOperation } from '../types';
import { readRules, rulesFields, todaysRecordsField } from './fields';

const isNotFound = (error: unknown) => (error as { httpCode?: string }).httpCode === '404';

/** The appointment item this check is for (Appointment: Get Many's shape). */
function appointmentOf(ctx: IExecuteFunctions, i: number) {
	const a = objectParameter(ctx, i, 'appointment', 'Appointment');
	const patNum = Number(a.patientId);
	const visitDate = String(a.date ?? a.dateTime ?? '').slice(0, 10);
	const problems: string[] = [];
	if (!Number.isSafeInteger(patNum) || patNum <= 0) problems.push('patientId (a PatNum)');
	if (!/^\d{4}-\d{2}-\d{2}$/.test(visitDate)) problems.push('date (the visit date, yyyy-MM-dd)');
	if (problems.length) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The appointment has no ${problems.join(' and no ')}`,
			{
				itemIndex: i,
				description:
					'Map an appointment from Appointment: Get Many (a scheduled one: planned and unscheduled appointments have no date yet).',
			},
		);
	}
	return {
		patNum,
		visitDate,
		appointmentId:
			a.appointmentId === undefined || a.appointmentId === null ? null : String(a.appointmentId),
		visitTime: typeof a.time === 'string' ? a.time : null,
		clinicId: a.clinicId ?? null,
	};
}

export const checkBeforeVisit: OpenDentalOperation = {
	resource: 'insuranceVerification',
	value: 'checkBeforeVisit',
	name: 'Check Before Visit',
	action: 'Check insurance before a visit',
	description:
		"For an appointment: coverage active on the visit date, verifications not older than the practice's limit, annual maximum left above a threshold, deductible met. Reads only; each patient's records once per run.",
	properties: [
		{
			displayName: 'Appointment',
			name: 'appointment',
			type: 'json',
			default: '={{ $json }}',
			required: true,
			description:
				'An appointment from Appointment: Get Many (patientId, appointmentId, date, time)',
		},
		...rulesFields,
		todaysRecordsField,
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const visit = appointmentOf(ctx, i);
		const rules = readRules(ctx, i);
		const now = new Date();
		const today = todayIn(ctx.getTimezone(), now);
		const key = verificationKey(visit.patNum, today);
		let recordedToday = false;
		let coverage: CoveragePlan[] = [];
		let unknownPatient = false;
		try {
			recordedToday = await hasNoteWith(ctx, i, visit.patNum, key, {
				oneRead: ctx.getNodeParameter('todaysRecords', i, 'perPatient') === 'oneRead',
				today,
			});
			coverage = await readCoverage(ctx, i, visit.patNum);
		} catch (error) {
			if (!isNotFound(error)) throw asNodeError(ctx, error, i);
			unknownPatient = true;
		}
		const base = {
			appointmentId: visit.appointmentId,
			patientId: String(visit.patNum),
			visitDate: visit.visitDate,
			visitTime: visit.visitTime,
			clinicId: visit.clinicId,
			record: { key, date: today, recordedToday },
			clearinghouse: null,
		};
		const failed = (problems: Problem[], plans: IDataObject[] = []) => ({
			...base,
			status: 'problem',
			ready: false,
			findings: [],
			problems,
			plans,
		});
		if (unknownPatient) {
			return failed([
				problem(
					'patientId',
					'unknownPatient',
					`Open Dental has no patient ${visit.patNum}; check the appointment's patient`,
				),
			]);
		}
		const problems = coverage.flatMap((p) => p.problems);
		// Verified since this day: one read per run; older rows are read one by one.
		const since = addDays(today, -(Number(rules.verificationMaxAgeDays ?? 30) + 1));
		// A plan that has ended (or not started) by the visit pays nothing: its numbers are not read.
		const inForce = (plan: CoveragePlan) =>
			!['ended', 'notYetEffective'].includes(coverageStatusOn(plan, visit.visitDate));
		const usage = coverage.some(inForce) ? await claimProcs(ctx, i, visit.patNum) : [];
		const plans = [];
		for (const plan of coverage) {
			let benefits: BenefitSummary | null = null;
			if (plan.problems.length === 0 && plan.planId && inForce(plan)) {
				const summary = summarizeOpenDentalBenefits({
					date: visit.visitDate,
					plan: {
						planId: plan.planId,
						carrierName: plan.carrier?.name ?? null,
						monthRenew: plan.monthRenew,
					},
					benefits: await planBenefits(ctx, i, plan.planId),
					covCats: await covCats(ctx, i),
					claimProcs: usage,
				});
				if (summary.ok) benefits = summary.value;
				else problems.push(...summary.problems);
			}
			const enrollment = await verificationRow(ctx, i, 'PatientEnrollment', plan.patPlanId, since);
			const benefit =
				plan.planId && rules.checkBenefitVerification
					? await verificationRow(ctx, i, 'InsuranceBenefit', plan.planId, since)
					: null;
			plans.push({
				patPlanId: plan.patPlanId,
				planId: plan.planId,
				ordinal: plan.ordinal,
				carrierName: plan.carrier?.name ?? null,
				coverageStatus: coverageStatusOn(plan, visit.visitDate),
				isPending: plan.isPending,
				effectiveDate: plan.effectiveDate,
				termDate: plan.termDate,
				enrollmentVerifiedOn: verifiedOn(enrollment),
				benefitsVerifiedOn: verifiedOn(benefit),
				benefits,
			});
		}
		if (problems.length) return failed(problems, plans);
		const checked = verifyBeforeVisit(
			{
				patientId: visit.patNum,
				appointmentId: visit.appointmentId ?? undefined,
				visitDate: visit.visitDate,
				plans: plans.map((p) => ({
					ordinal: p.ordinal,
					carrierName: p.carrierName,
					planId: p.planId ?? undefined,
					isPending: p.isPending,
					effectiveDate: p.effectiveDate,
					termDate: p.termDate,
					enrollmentVerifiedOn: p.enrollmentVerifiedOn,
					benefitsVerifiedOn: p.benefitsVerifiedOn,
					annualMaximumRemainingCents: p.benefits?.annualMaximumRemainingCents,
					deductibleRemainingCents: p.benefits?.deductibleRemainingCents,
					benefitYear: p.benefits?.benefitYear,
				})),
			},
			rules,
			now,
		);
		if (!checked.ok) return failed(checked.problems, plans);
		return {
			...base,
			status: checked.value.ready ? 'ready' : 'needsALook',
			ready: checked.value.ready,
			findings: checked.value.findings,
			problems: [],
			plans,
		};
	},
};
