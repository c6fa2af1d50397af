import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	fail,
	localDateTimeIn,
	ok,
	parseCheckedAppointment,
	screenPatientData,
	verificationNote,
	type CheckedAppointment,
	type Problem,
	type Result,
} from '../../../../financing';
import { problemsError, testModeField } from '../../../shared/parameters';
import { foundFirstIn, wouldWrite, write } from '../../../shared/write';
import { hasNoteWith } from '../../insurance';
import { writeOnce, type OpenDentalRequest } from '../../transport';
import { fieldDefinitions, fieldProblems } from '../appointment/appointmentFields';
import type { OpenDentalOperation } from '../types';

/** The writes a checked appointment needs, in order; the commlog last (it marks the day done). */
function requestsFor(
	ctx: IExecuteFunctions,
	i: number,
	item: CheckedAppointment,
): { updates: OpenDentalRequest[]; commlog: OpenDentalRequest } {
	const updates: OpenDentalRequest[] = [];
	const today = item.record.date;
	const stamp = ctx.getNodeParameter('stamp', i, 'enrollment') as string;
	const status = Number(ctx.getNodeParameter('verifiedStatus', i, 0));
	if (item.status === 'ready' && stamp !== 'none') {
		const rows: Array<[string, string]> = [];
		for (const p of item.plans) {
			if (p.enrollmentVerifiedOn !== today) rows.push(['PatientEnrollment', p.patPlanId]);
			if (stamp === 'enrollmentAndBenefits' && p.planId) rows.push(['InsuranceBenefit', p.planId]);
		}
		for (const [VerifyType, FKey] of rows) {
			if (updates.some((u) => u.body?.VerifyType === VerifyType && u.body?.FKey === Number(FKey)))
				continue;
			updates.push({
				method: 'PUT',
				path: '/insverifies',
				body: {
					VerifyType,
					FKey: Number(FKey),
					DateLastVerified: today,
					...(status > 0 ? { DefNum: status } : {}),
				},
			});
		}
	}
	const fieldName = String(ctx.getNodeParameter('fieldName', i, '') ?? '').trim();
	const value = String(
		ctx.getNodeParameter(item.status === 'ready' ? 'readyValue' : 'notReadyValue', i, '') ?? '',
	).trim();
	if (fieldName && value && item.appointmentId) {
		updates.push({
			method: 'PUT',
			path: '/apptfields',
			body: { AptNum: Number(item.appointmentId), FieldName: fieldName, FieldValue: value },
		});
	}
	const commlog: OpenDentalRequest = {
		method: 'POST',
		path: '/commlogs',
		body: {
			PatNum: Number(item.patientId),
			CommDateTime: localDateTimeIn(ctx.getTimezone(), new Date()),
			commType: String(ctx.getNodeParameter('commType', i, 'Misc') || 'Misc'),
			Mode_: 'None',
			SentOrReceived: 'Neither',
			Note: verificationNote(item),
		},
	};
	return { updates, commlog };
}

export const recordCheck: OpenDentalOperation = {
	resource: 'insuranceVerification',
	value: 'record',
	name: 'Record Check',
	action: 'Record an insurance check',
	description:
		'Write what a check before a visit found, once a day: when ready, stamp the verification and set the appointment field; always one commlog with the result',
	properties: [
		{
			displayName: 'Check',
			name: 'check',
			type: 'json',
			default: '={{ $json }}',
			required: true,
			description:
				'The item of Insurance Verification: Check Before Visit (after any clearinghouse check)',
		},
		{
			displayName: 'Stamp When Ready',
			name: 'stamp',
			type: 'options',
			default: 'enrollment',
			options: [
				{
					name: 'Eligibility',
					value: 'enrollment',
					description:
						"Eligibility Last Verified of each of the patient's plans (PatientEnrollment)",
				},
				{
					name: 'Eligibility and Benefits',
					value: 'enrollmentAndBenefits',
					description:
						'Also Benefits Last Verified of each plan (InsuranceBenefit): only when a clearinghouse or a person checked the benefits',
				},
				{ name: 'Nothing', value: 'none' },
			],
		},
		{
			displayName: 'Verified Status',
			name: 'verifiedStatus',
			type: 'number',
			default: 0,
			description:
				'DefNum of an insurance verification status (definition Category 38) to set with the stamp; 0 leaves it',
		},
		{
			displayName: 'Appointment Field Name',
			name: 'fieldName',
			type: 'string',
			default: 'Ins Verified',
			description: 'An Appointment Field Def of the office; empty writes no field',
		},
		{ displayName: 'Value When Ready', name: 'readyValue', type: 'string', default: 'Yes' },
		{
			displayName: 'Value When Not Ready',
			name: 'notReadyValue',
			type: 'string',
			default: '',
			description: 'Empty leaves the field as it is',
		},
		{
			displayName: 'Commlog Type',
			name: 'commType',
			type: 'string',
			default: 'Misc',
			description: 'Item name of the commlog type (definition Category 27) of the note',
		},
		testModeField('Open Dental'),
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const parsed = parseCheckedAppointment(ctx.getNodeParameter('check', i));
		if (!parsed.ok) throw problemsError(ctx, i, NOT_WRITTEN, parsed.problems);
		const item = parsed.value;
		const out = (recorded: IDataObject) => ({
			...(ctx.getInputData()[i]?.json ?? {}),
			...item,
			recorded,
		});
		// Check Before Visit looked up the day's note (record.recordedToday): the day is done.
		if (item.record.recordedToday) return out({ outcome: 'alreadyWritten', writes: 0 });
		const checked = await checkRecord(ctx, i, item);
		if (!checked.ok) throw problemsError(ctx, i, NOT_WRITTEN, checked.problems);
		const { updates, commlog } = checked.value;
		const testMode = ctx.getNodeParameter('testMode', i, false) as boolean;
		const patNum = Number(item.patientId);
		const send = (request: OpenDentalRequest, find: () => Promise<IDataObject | null>) =>
			writeOnce(ctx, request, find, { itemIndex: i });
		// Stamps and fields set a value: what the check item shows as done today is left out, and
		// one is sent again after a fault (nothing marks it apart from its value).
		for (const request of updates)
			await write(ctx, i, {
				notWritten: NOT_WRITTEN,
				check: () => ok(request),
				find: async () => null,
				testMode,
				send,
			});
		// The commlog last: it marks the day done. Its first lookup is the check item's; after a
		// fault that may have committed, the patient's commlogs are read for the day's key.
		const note = await write(ctx, i, {
			notWritten: NOT_WRITTEN,
			check: () => ok(commlog),
			find: foundFirstIn<IDataObject>(null, async () =>
				(await hasNoteWith(ctx, i, patNum, item.record.key, {
					oneRead: false,
					today: item.record.date,
				}))
					? {}
					: null,
			),
			testMode,
			send,
		});
		if (testMode)
			return out({ outcome: 'testMode', wouldWrite: [...updates, commlog].map(wouldWrite) });
		return out({
			outcome: note.outcome,
			writes: updates.length + (note.created ? 1 : 0),
			stamped: updates.filter((u) => u.path === '/insverifies').map((u) => u.body),
			commlogId: note.created ? String(note.record?.CommlogNum ?? '') : null,
		});
	},
};

const NOT_WRITTEN = 'The check was not recorded';

/**
 * The complete set of writes, checked before the first: the clearinghouse note screened, the
 * appointment field against the office's definitions.
 */
async function checkRecord(
	ctx: IExecuteFunctions,
	i: number,
	item: CheckedAppointment,
): Promise<Result<{ updates: OpenDentalRequest[]; commlog: OpenDentalRequest }>> {
	const requests = requestsFor(ctx, i, item);
	const problems: Problem[] = screenPatientData(
		item.clearinghouse?.note ?? '',
		'clearinghouse.note',
		item.record.date,
	);
	const field = requests.updates.find((u) => u.path === '/apptfields')?.body;
	if (field) {
		problems.push(
			...fieldProblems(
				await fieldDefinitions(ctx, i),
				String(field.FieldName),
				String(field.FieldValue),
				ctx.getTimezone(),
			),
		);
	}
	return problems.length ? fail(...problems) : ok(requests);
}
