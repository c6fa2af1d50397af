import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { planTouch, problem, type OutreachPurpose, type Problem } from '../../../../financing';
import { objectParameter } from '../../../shared/parameters';
import { historyField, readHistory } from '../history';
import { messageField, readMessage } from '../message';
import { policyField, readPolicy } from '../policy';
import type { PlanOperation } from '../types';
import { needsReview, routeTouch, type Subject } from './route';

const RECALL = { show: { purpose: ['recall'] } };

export const patientField = {
	displayName: 'Patient Contact Preferences',
	name: 'patient',
	type: 'json' as const,
	default: '={{ $json.contactPreferences }}',
	required: true,
	description:
		"The patient's contact preferences, as Patient: Get of the Open Dental or Dentrix node outputs them",
};

export const labelField = {
	displayName: 'Patient Name',
	name: 'patientName',
	type: 'string' as const,
	default: '',
	description: "For the front desk's summary only; never in a message",
};

export const planMessage: PlanOperation = {
	value: 'planMessage',
	name: 'Plan Next Message',
	action: 'Plan the next message to a patient',
	description:
		'Who may be contacted, by which channel and when: Text or E-Mail with the message and the note it leaves, Staff (a person contacts them, or a problem to fix), or No Message with the reason',
	properties: [
		{
			displayName: 'Purpose',
			name: 'purpose',
			type: 'options',
			default: 'recall',
			options: [
				{
					name: 'Recall',
					value: 'recall',
					description: 'Follows the preferred recall method',
				},
				{
					name: 'Reactivation',
					value: 'reactivation',
					description: 'Planned, unscheduled or broken treatment; follows the recall method',
				},
			],
		},
		patientField,
		labelField,
		{
			displayName: 'Subject ID',
			name: 'subjectId',
			type: 'string',
			default: '={{ $json.subjectId }}',
			required: true,
			description:
				'What the messages are about, for their keys: the recall (Open Dental: type and due date), or the reactivation item',
		},
		{
			displayName: 'Recall Due Date',
			name: 'dueDate',
			type: 'string',
			default: '',
			displayOptions: RECALL,
			description: 'The recall\'s due date (yyyy-MM-dd); empty is a problem: "no due date"',
		},
		{
			displayName: 'Recall Type ID',
			name: 'recallTypeId',
			type: 'string',
			default: '',
			displayOptions: RECALL,
			description:
				"The recall type's ID in the practice system; empty with Require a Known Recall Type is a problem",
		},
		{
			displayName: 'Require a Known Recall Type',
			name: 'requireRecallType',
			type: 'boolean',
			default: true,
			displayOptions: RECALL,
			description: 'Whether a recall of a type the practice does not have is a problem',
		},
		{
			displayName: 'Touches Already Made',
			name: 'touchesSent',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 0 },
			description:
				"Reminders the practice system counts (Open Dental's recall list NumRemind); touch keys in the history count too",
		},
		{
			displayName: 'Last Touch At',
			name: 'lastTouchAt',
			type: 'string',
			default: '',
			description: 'When the last reminder went out (a date or date-time), if known',
		},
		historyField,
		messageField,
		policyField,
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const policy = readPolicy(ctx, i);
		const message = readMessage(ctx, i);
		const purpose = ctx.getNodeParameter('purpose', i) as OutreachPurpose;
		const patient = objectParameter(ctx, i, 'patient', 'Patient Contact Preferences');
		const subjectId = String(ctx.getNodeParameter('subjectId', i, '') ?? '').trim();
		const patientId = String(patient.patientId ?? '');
		const name = String(ctx.getNodeParameter('patientName', i, '') ?? '').trim();
		const subject: Subject = {
			purpose,
			patientId,
			subjectId,
			label: `${name || 'Patient'} (${patientId || 'no id'}, ${subjectId || 'no subject'})`,
		};
		const problems: Problem[] = [];
		const request: IDataObject = {
			purpose,
			patient,
			subjectId,
			history: {
				touchesSent: Number(ctx.getNodeParameter('touchesSent', i, 0)) || 0,
				lastTouchAt: String(ctx.getNodeParameter('lastTouchAt', i, '') ?? '').trim() || null,
				notes: readHistory(ctx, i),
			},
		};
		if (purpose === 'recall') {
			const typeId = String(ctx.getNodeParameter('recallTypeId', i, '') ?? '').trim();
			request.recall = {
				dueDate: String(ctx.getNodeParameter('dueDate', i, '') ?? '').trim() || null,
				recallTypeId: typeId || null,
			};
			if (typeId === '' && ctx.getNodeParameter('requireRecallType', i, true)) {
				problems.push(
					problem(
						'recall.recallTypeId',
						'unknownRecallType',
						"the recall's type is not one of the practice's recall types; correct it in the practice system",
					),
				);
			}
		}
		const plan = planTouch(request, policy, new Date());
		if (!plan.ok || problems.length) {
			return needsReview(subject, [...problems, ...(plan.ok ? [] : plan.problems)]);
		}
		return routeTouch(subject, plan.value, message, policy, new Date());
	},
};
