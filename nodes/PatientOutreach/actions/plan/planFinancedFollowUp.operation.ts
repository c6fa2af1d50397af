import type { IExecuteFunctions } from 'n8n-workflow';

import { AUTOMATION_SIGNATURE, financedNotBooked, planTouch } from '../../../../financing';
import { objectParameter } from '../../../shared/parameters';
import { historyField, readHistory } from '../history';
import { messageField, readMessage } from '../message';
import { policyField, readPolicy, wholeNumber } from '../policy';
import type { PlanOperation } from '../types';
import { labelField, patientField } from './planMessage.operation';
import { needsReview, NO_MESSAGE, routeTouch, STAFF, type Subject } from './route';

export const planFinancedFollowUp: PlanOperation = {
	value: 'planFinancedFollowUp',
	name: 'Plan Financed Follow-Up',
	action: 'Plan the follow-up of a financed case not booked',
	description:
		'CareCredit approved and no appointment holds the financed procedures: a coordinator task first (Staff), then patient messages (Text or E-Mail); No Message once booked, or while it is too early',
	properties: [
		{
			displayName: 'Financed Case',
			name: 'financedCase',
			type: 'json',
			default: '={{ $json }}',
			required: true,
			description:
				'{caseId (the [cc:…] reference), patientId, approvedAt, procedureIds, appointments: [{appointmentId, status, procedureIds}]}',
		},
		patientField,
		labelField,
		{
			displayName: 'Coordinator Task After (Days)',
			name: 'coordinatorTaskAfterDays',
			type: 'number',
			default: 3,
			typeOptions: { minValue: 0 },
			description: 'Days after the approval before the coordinator is asked to book',
		},
		{
			displayName: 'Patient Message After (Days)',
			name: 'patientMessageAfterDays',
			type: 'number',
			default: 7,
			typeOptions: { minValue: 0 },
			description: 'Days after the approval before the patient is messaged (after the task)',
		},
		historyField,
		messageField,
		policyField,
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const policy = readPolicy(ctx, i);
		const financed = objectParameter(ctx, i, 'financedCase', 'Financed Case');
		const patient = objectParameter(ctx, i, 'patient', 'Patient Contact Preferences');
		const notes = readHistory(ctx, i);
		const name = String(ctx.getNodeParameter('patientName', i, '') ?? '').trim();
		const patientId = String(financed.patientId ?? patient.patientId ?? '');
		const subject: Subject = {
			purpose: 'financedNotBooked',
			patientId,
			subjectId: String(financed.caseId ?? ''),
			label: `${name || 'Patient'} (${patientId || 'no id'}, ${String(financed.caseId ?? 'no case')})`,
		};
		const now = new Date();
		const step = financedNotBooked(
			{ ...financed, notes },
			{
				timeZone: policy.timeZone,
				coordinatorTaskAfterDays: wholeNumber(ctx, 'coordinatorTaskAfterDays', i, 3),
				patientMessageAfterDays: wholeNumber(ctx, 'patientMessageAfterDays', i, 7),
			},
			now,
		);
		if (!step.ok) return needsReview(subject, step.problems);
		const s = step.value;
		switch (s.action) {
			case 'stop':
			case 'wait':
				return {
					output: NO_MESSAGE,
					json: {
						purpose: subject.purpose,
						patientId,
						subjectId: subject.subjectId,
						action: s.action === 'stop' ? 'booked' : 'wait',
						...(s.action === 'stop' ? { appointmentIds: s.appointmentIds } : { until: s.until }),
						text: s.text,
						summary: `${subject.label}: nothing sent (${s.text})`,
					},
				};
			case 'review':
			case 'coordinatorTask':
				return {
					output: STAFF,
					json: {
						purpose: subject.purpose,
						patientId,
						subjectId: subject.subjectId,
						action: s.action,
						...(s.action === 'coordinatorTask'
							? { taskKey: s.taskKey, daysSinceApproval: s.daysSinceApproval }
							: { appointmentIds: s.appointmentIds }),
						text: s.text,
						note:
							s.action === 'coordinatorTask'
								? `Coordinator task: ${s.text} ${AUTOMATION_SIGNATURE}. ${s.taskKey}`
								: undefined,
						summary: `${subject.label}: ${s.text}`,
					},
				};
			default: {
				const plan = planTouch(
					{
						purpose: 'financedNotBooked',
						patient,
						subjectId: s.subjectId,
						history: { notes },
					},
					policy,
					now,
				);
				if (!plan.ok) return needsReview(subject, plan.problems);
				return routeTouch(
					{ ...subject, subjectId: s.subjectId },
					plan.value,
					readMessage(ctx, i),
					policy,
					now,
				);
			}
		}
	},
};
