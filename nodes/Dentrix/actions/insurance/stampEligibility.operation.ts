import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { problem, screenPatientData, todayIn, type Problem } from '../../../../financing';
import { problemsError } from '../../../shared/parameters';
import { dentrixList, dentrixRead } from '../../transport';
import { locatorValue, patientLocator, testModeField } from '../fields';
import type { DentrixOperation } from '../types';

export const stampEligibility: DentrixOperation = {
	resource: 'insurance',
	value: 'stampEligibility',
	name: 'Stamp Eligibility',
	action: 'Stamp eligibility verified',
	description:
		"Record that a patient's coverage was verified (eligibility status and date); a coverage already stamped with the same status that day is not written again. Modeled contract.",
	properties: [
		patientLocator('patient', 'Patient', 'The patient whose coverage was verified'),
		{
			displayName: 'Coverage ID',
			name: 'coverageId',
			type: 'string',
			default: '',
			placeholder: 'e.g. cov_501',
			description: "One coverage; empty stamps each of the patient's coverages",
		},
		{
			displayName: 'Eligibility Status',
			name: 'eligibilityStatus',
			type: 'options',
			default: 'eligible',
			options: [
				{ name: 'Eligible', value: 'eligible' },
				{ name: 'Not Eligible', value: 'notEligible' },
				{ name: 'Pending', value: 'pending' },
			],
		},
		{
			displayName: 'Verified On',
			name: 'verifiedOn',
			type: 'string',
			default: '',
			placeholder: 'e.g. 2026-12-02',
			description:
				"As yyyy-MM-dd, not in the future; empty means today in the workflow's time zone",
		},
		{
			displayName: 'Note',
			name: 'note',
			type: 'string',
			default: '',
			description: 'Up to 255 characters; never a tax ID or date of birth',
		},
		testModeField,
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const patientId = locatorValue(ctx, 'patient', i);
		const today = todayIn(ctx.getTimezone(), new Date());
		const verifiedOn = String(ctx.getNodeParameter('verifiedOn', i, '') ?? '').trim() || today;
		const status = String(ctx.getNodeParameter('eligibilityStatus', i, 'eligible'));
		const note = String(ctx.getNodeParameter('note', i, '') ?? '').trim();
		const only = String(ctx.getNodeParameter('coverageId', i, '') ?? '').trim();
		const problems: Problem[] = screenPatientData(note, 'note', today);
		if (!/^\d{4}-\d{2}-\d{2}$/.test(verifiedOn))
			problems.push(
				problem(
					'verifiedOn',
					'invalidDate',
					`"${verifiedOn}" is not a date in the form yyyy-MM-dd`,
				),
			);
		else if (verifiedOn > today)
			problems.push(
				problem('verifiedOn', 'inTheFuture', `${verifiedOn} is after today (${today})`),
			);
		if (note.length > 255)
			problems.push(problem('note', 'tooLong', `is ${note.length} characters; Dentrix keeps 255`));
		const path = `/patients/${encodeURIComponent(patientId)}/insurance`;
		const coverages = (
			await dentrixList(ctx, path, {}, { returnAll: true, limit: 0, itemIndex: i })
		).filter((c) => !only || c.id === only);
		if (coverages.length === 0)
			problems.push(
				problem(
					only ? 'coverageId' : 'patient',
					only ? 'unknownCoverage' : 'noCoverageOnFile',
					only ? `the patient has no coverage ${only}` : 'the patient has no coverage to stamp',
				),
			);
		if (problems.length) throw problemsError(ctx, i, 'Nothing was stamped', problems);
		const testMode = ctx.getNodeParameter('testMode', i, false) as boolean;
		const stamped: IDataObject[] = [];
		const unchanged: IDataObject[] = [];
		const wouldWrite: IDataObject[] = [];
		for (const c of coverages) {
			if (c.eligibilityStatus === status && c.eligibilityVerifiedOn === verifiedOn) {
				unchanged.push({
					coverageId: c.id,
					eligibilityStatus: status,
					eligibilityVerifiedOn: verifiedOn,
				});
				continue;
			}
			const request = {
				method: 'POST' as const,
				path: `${path}/${encodeURIComponent(String(c.id))}/eligibility`,
				body: { eligibilityStatus: status, verifiedOn, ...(note ? { note } : {}) },
			};
			if (testMode) wouldWrite.push(request);
			// The same status on the same day changes nothing in Dentrix: safe to repeat.
			else await dentrixRead(ctx, request, { itemIndex: i });
			stamped.push({
				coverageId: c.id,
				previousStatus: c.eligibilityStatus,
				previouslyVerifiedOn: c.eligibilityVerifiedOn ?? null,
			});
		}
		return {
			patientId,
			eligibilityStatus: status,
			verifiedOn,
			outcome: testMode ? 'testMode' : stamped.length ? 'created' : 'alreadyWritten',
			stamped: testMode ? [] : stamped,
			unchanged,
			...(testMode ? { wouldWrite } : {}),
		};
	},
};
