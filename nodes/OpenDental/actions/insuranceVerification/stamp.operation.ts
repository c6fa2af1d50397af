import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	fail,
	ok,
	parseLocalDate,
	problem,
	screenPatientData,
	todayIn,
	type Problem,
	type WireRequest,
} from '../../../../financing';
import { problemsError, testModeField } from '../../../shared/parameters';
import { withFacts, write, wouldWrite as sharedWouldWrite } from '../../../shared/write';
import { readCoverage, type VerifyType } from '../../insurance';
import { writeOnce } from '../../transport';
import { checkedNumber, patNumField } from '../fields';
import type { OpenDentalOperation } from '../types';
import { rowOf, type VerificationRow } from './verifications';

export const stampVerification: OpenDentalOperation = {
	resource: 'insuranceVerification',
	value: 'stamp',
	name: 'Stamp',
	action: 'Stamp an insurance verification',
	description:
		"Set Eligibility and/or Benefits Last Verified of each of a patient's plans; a plan already stamped that day is not written again",
	properties: [
		patNumField,
		{
			displayName: 'Stamp',
			name: 'what',
			type: 'options',
			default: 'enrollment',
			options: [
				{
					name: 'Eligibility',
					value: 'enrollment',
					description: 'PatientEnrollment of each patient plan',
				},
				{ name: 'Benefits', value: 'benefits', description: 'InsuranceBenefit of each plan' },
				{ name: 'Eligibility and Benefits', value: 'both' },
			],
		},
		{
			displayName: 'Date Verified',
			name: 'date',
			type: 'string',
			default: '',
			placeholder: 'e.g. 2026-12-02',
			description:
				"As yyyy-MM-dd, not in the future; empty means today in the workflow's time zone",
		},
		{
			displayName: 'Verified Status',
			name: 'verifiedStatus',
			type: 'number',
			default: 0,
			description:
				'DefNum of an insurance verification status (definition Category 38); 0 leaves it',
		},
		{
			displayName: 'Note',
			name: 'note',
			type: 'string',
			default: '',
			description: 'Replaces the verification note when given; never a tax ID or date of birth',
		},
		testModeField('Open Dental'),
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const today = todayIn(ctx.getTimezone(), new Date());
		const date = String(ctx.getNodeParameter('date', i, '') ?? '').trim() || today;
		const note = String(ctx.getNodeParameter('note', i, '') ?? '').trim();
		const status = Number(ctx.getNodeParameter('verifiedStatus', i, 0));
		const what = ctx.getNodeParameter('what', i, 'enrollment') as string;
		const patNum = checkedNumber(ctx.getNodeParameter('patNum', i, ''), 'patNum', 'PatNum');
		// The typed fields first, then the patient's plans (the check's facts) with them.
		const checked = await withFacts<CoveragePlan[], Stamp[]>(
			(plans) => {
				const problems: Problem[] = patNum.ok ? [] : [...patNum.problems];
				problems.push(...screenPatientData(note, 'note', today));
				const parsed = parseLocalDate(date, 'date');
				if (!parsed.ok) problems.push(...parsed.problems);
				else if (date > today)
					problems.push(
						problem(
							'date',
							'inTheFuture',
							`${date} is after today (${today}); a verification is dated the day it was done`,
						),
					);
				if (plans?.length === 0)
					problems.push(
						problem(
							'patNum',
							'noCoverageOnFile',
							`patient ${patNum.ok ? patNum.value : ''} has no insurance plan to stamp`,
						),
					);
				if (problems.length) return fail(...problems);
				return ok(stampsFor(plans ?? [], what, date, status, note));
			},
			async () => await readCoverage(ctx, i, Number(patNum.ok ? patNum.value : 0)),
		);
		if (!checked.ok) throw problemsError(ctx, i, NOT_WRITTEN, checked.problems);
		const stamped: IDataObject[] = [];
		const unchanged: IDataObject[] = [];
		const wouldWrite: IDataObject[] = [];
		const testMode = ctx.getNodeParameter('testMode', i, false) as boolean;
		for (const stamp of checked.value) {
			const { VerifyType: verifyType, FKey } = stamp.body!;
			const fKey = String(FKey);
			let row: VerificationRow | undefined;
			// The verification row is the lookup: the same date (status, note) is not written again.
			const result = await write<Stamp, VerificationRow>(ctx, i, {
				notWritten: NOT_WRITTEN,
				check: () => ok(stamp),
				find: async () => {
					row = await rowOf(ctx, i, verifyType, fKey);
					return row.verifiedOn === date &&
						(status === 0 || row.statusDefNum === status) &&
						(!note || row.note === note)
						? row
						: null;
				},
				testMode,
				send: (request, find) => writeOnce(ctx, request, find, { itemIndex: i }),
			});
			if (result.outcome === 'alreadyWritten') {
				unchanged.push({ verifyType, fKey, verifiedOn: row?.verifiedOn ?? null });
				continue;
			}
			if (result.outcome === 'testMode') wouldWrite.push(sharedWouldWrite(stamp));
			stamped.push({ verifyType, fKey, previouslyVerifiedOn: row?.verifiedOn ?? null });
		}
		return {
			patientId: patNum.ok ? patNum.value : '',
			date,
			outcome: testMode ? 'testMode' : stamped.length ? 'created' : 'alreadyWritten',
			stamped: testMode ? [] : stamped,
			unchanged,
			...(testMode ? { wouldWrite } : {}),
		};
	},
};

const NOT_WRITTEN = 'Nothing was stamped';

type Stamp = WireRequest<{ VerifyType: VerifyType; FKey: number } & IDataObject>;
type CoveragePlan = Awaited<ReturnType<typeof readCoverage>>[number];

/** One PUT per row to stamp: each patient plan's enrollment, each plan's benefits once. */
function stampsFor(
	plans: CoveragePlan[],
	what: string,
	date: string,
	status: number,
	note: string,
): Stamp[] {
	const keys: Array<[VerifyType, string]> = [];
	for (const p of plans) {
		if (what !== 'benefits') keys.push(['PatientEnrollment', p.patPlanId]);
		if (
			what !== 'enrollment' &&
			p.planId &&
			!keys.some(([t, k]) => t === 'InsuranceBenefit' && k === p.planId)
		)
			keys.push(['InsuranceBenefit', p.planId]);
	}
	return keys.map(([VerifyType, fKey]) => ({
		method: 'PUT',
		path: '/insverifies',
		body: {
			VerifyType,
			FKey: Number(fKey),
			DateLastVerified: date,
			...(status > 0 ? { DefNum: status } : {}),
			...(note ? { Note: note } : {}),
		},
	}));
}
