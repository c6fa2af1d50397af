import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import {
	parseCheckedAppointment,
	prefixProblems,
	todayIn,
	workList,
	type CheckedAppointment,
	type Problem,
} from '../../../../financing';
import { problemsError } from '../../../shared/parameters';
import type { OpenDentalOperation } from '../types';

/** Outcomes of Record Check that mean "recorded by this run" (so listed now, and never again today). */
const NEW = new Set(['created', 'testMode']);

export const buildWorkList: OpenDentalOperation = {
	resource: 'insuranceVerification',
	value: 'workList',
	name: 'Build Work List',
	action: 'Build the front desk work list',
	description:
		"One message for the front desk from the day's checks: what to check, grouped by visit day. Empty when nothing needs a look. No request to Open Dental.",
	properties: [
		{
			displayName: 'Checks',
			name: 'checks',
			type: 'json',
			default: '={{ $json.checks }}',
			required: true,
			description:
				'Every Record Check item of the run as one list (n8n\'s Aggregate node, "All Item Data", into the field "checks")',
		},
		{
			displayName: 'Only Recorded by This Run',
			name: 'onlyNew',
			type: 'boolean',
			default: true,
			description:
				'Whether to leave out appointments an earlier run of the same day already recorded (and listed), so a re-run sends nothing twice',
		},
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const raw = ctx.getNodeParameter('checks', i) as unknown;
		if (!Array.isArray(raw)) {
			throw new NodeOperationError(ctx.getNode(), '"Checks" is not a list', {
				itemIndex: i,
				description:
					'Aggregate the Record Check items into one list first (n8n Aggregate node, field "checks").',
			});
		}
		const onlyNew = ctx.getNodeParameter('onlyNew', i, true) as boolean;
		const items: CheckedAppointment[] = [];
		const problems: Problem[] = [];
		raw.forEach((entry, n) => {
			const outcome = (entry as { recorded?: { outcome?: string } })?.recorded?.outcome;
			if (onlyNew && !NEW.has(String(outcome))) return;
			const parsed = parseCheckedAppointment(entry);
			if (parsed.ok) items.push(parsed.value);
			else problems.push(...prefixProblems(`checks.${n}`, parsed.problems));
		});
		if (problems.length) throw problemsError(ctx, i, 'The work list was not built', problems);
		const list = workList(items, todayIn(ctx.getTimezone(), new Date()));
		return { send: list.lineCount > 0, ...list };
	},
};
