import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	fail,
	ok,
	problem,
	screenPatientData,
	todayIn,
	type Problem,
	type WireRequest,
} from '../../../../financing';
import { problemsError } from '../../../shared/parameters';
import {
	foundFirstIn,
	withFacts,
	write,
	wouldWrite as sharedWouldWrite,
} from '../../../shared/write';
import { dentrixList, sentPath, writeOnce } from '../../transport';
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
		const path = `/patients/${encodeURIComponent(patientId)}/insurance`;
		const readCoverages = async () =>
			(await dentrixList(ctx, path, {}, { returnAll: true, limit: 0, itemIndex: i })).filter(
				(c) => !only || c.id === only,
			);
		// The typed fields first, then the patient's coverage (the check's facts) with them.
		const checked = await withFacts<IDataObject[], Stamp[]>((coverages) => {
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
				problems.push(
					problem('note', 'tooLong', `is ${note.length} characters; Dentrix keeps 255`),
				);
			if (coverages?.length === 0)
				problems.push(
					problem(
						only ? 'coverageId' : 'patient',
						only ? 'unknownCoverage' : 'noCoverageOnFile',
						only ? `the patient has no coverage ${only}` : 'the patient has no coverage to stamp',
					),
				);
			if (problems.length) return fail(...problems);
			return ok(
				(coverages ?? []).map((c) => ({
					method: 'POST' as const,
					path: `${path}/${encodeURIComponent(String(c.id))}/eligibility`,
					body: { eligibilityStatus: status, verifiedOn, ...(note ? { note } : {}) },
					coverage: c,
				})),
			);
		}, readCoverages);
		if (!checked.ok) throw problemsError(ctx, i, NOT_WRITTEN, checked.problems);
		const testMode = ctx.getNodeParameter('testMode', i, false) as boolean;
		// Each coverage once per status and day: one write each, through the write path.
		const stamped: IDataObject[] = [];
		const unchanged: IDataObject[] = [];
		const wouldWrite: IDataObject[] = [];
		for (const stamp of checked.value) {
			const c = stamp.coverage;
			const isStamped = (x: IDataObject | undefined) =>
				x?.eligibilityStatus === status && x?.eligibilityVerifiedOn === verifiedOn ? x : null;
			const result = await write<Stamp, IDataObject>(ctx, i, {
				notWritten: NOT_WRITTEN,
				check: () => ok(stamp),
				find: foundFirstIn(isStamped(c), async () =>
					isStamped((await readCoverages()).find((x) => x.id === c.id)),
				),
				testMode,
				send: (request, find) => writeOnce(ctx, request, find, { itemIndex: i }),
			});
			if (result.outcome === 'alreadyWritten')
				unchanged.push({
					coverageId: c.id,
					eligibilityStatus: status,
					eligibilityVerifiedOn: verifiedOn,
				});
			else if (result.outcome === 'testMode')
				wouldWrite.push(sharedWouldWrite({ ...stamp, path: sentPath(stamp.path) }));
			else
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

const NOT_WRITTEN = 'Nothing was stamped';

type Stamp = WireRequest<IDataObject> & { coverage: IDataObject };
