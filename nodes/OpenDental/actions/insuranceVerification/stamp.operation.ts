import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { problem, screenPatientData, todayIn, type Problem } from '../../../../financing';
import { problemsError, testModeField } from '../../../shared/parameters';
import { readCoverage, type VerifyType } from '../../insurance';
import { openDentalRequest } from '../../transport';
import { dateParameter, numberParameter, patNumField } from '../fields';
import type { OpenDentalOperation } from '../types';
import { rowOf } from './verifications';

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
		const patNum = numberParameter(ctx, 'patNum', i);
		const date = dateParameter(ctx, 'date', i);
		const today = todayIn(ctx.getTimezone(), new Date());
		const note = String(ctx.getNodeParameter('note', i, '') ?? '').trim();
		const status = Number(ctx.getNodeParameter('verifiedStatus', i, 0));
		const what = ctx.getNodeParameter('what', i, 'enrollment') as string;
		const problems: Problem[] = screenPatientData(note, 'note', today);
		if (date > today)
			problems.push(
				problem(
					'date',
					'inTheFuture',
					`${date} is after today (${today}); a verification is dated the day it was done`,
				),
			);
		const plans = await readCoverage(ctx, i, patNum);
		if (plans.length === 0)
			problems.push(
				problem('patNum', 'noCoverageOnFile', `patient ${patNum} has no insurance plan to stamp`),
			);
		if (problems.length) throw problemsError(ctx, i, 'Nothing was stamped', problems);
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
		const stamped: IDataObject[] = [];
		const unchanged: IDataObject[] = [];
		const wouldWrite: IDataObject[] = [];
		const testMode = ctx.getNodeParameter('testMode', i, false) as boolean;
		for (const [verifyType, fKey] of keys) {
			const row = await rowOf(ctx, i, verifyType, fKey);
			if (
				row.verifiedOn === date &&
				(status === 0 || row.statusDefNum === status) &&
				(!note || row.note === note)
			) {
				unchanged.push({ verifyType, fKey, verifiedOn: row.verifiedOn });
				continue;
			}
			const request = {
				method: 'PUT' as const,
				path: '/insverifies',
				body: {
					VerifyType: verifyType,
					FKey: Number(fKey),
					DateLastVerified: date,
					...(status > 0 ? { DefNum: status } : {}),
					...(note ? { Note: note } : {}),
				},
			};
			if (testMode) wouldWrite.push(request);
			// Setting the date again is harmless: sent with the read retries.
			else await openDentalRequest(ctx, request, { itemIndex: i });
			stamped.push({ verifyType, fKey, previouslyVerifiedOn: row.verifiedOn });
		}
		return {
			patientId: String(patNum),
			date,
			outcome: testMode ? 'testMode' : stamped.length ? 'created' : 'alreadyWritten',
			stamped: testMode ? [] : stamped,
			unchanged,
			...(testMode ? { wouldWrite } : {}),
		};
	},
};
