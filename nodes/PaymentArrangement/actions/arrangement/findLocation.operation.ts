import type { IExecuteFunctions } from 'n8n-workflow';

import { locationFor, locationSummary, type FinancingDecision } from '../../../../financing';
import { locationsParameter, objectParameter, problemsError } from '../../../shared/parameters';
import type { ArrangementOperation } from '../types';

/**
 * The case's location for any decision, approved or not (Build finds it for an approved one):
 * what a status message needs to reach the location's coordinator. A case that matches no
 * location goes on with `location: null` and the reason, so its message goes to the group.
 */
export const findLocation: ArrangementOperation = {
	value: 'findLocation',
	name: 'Find Location',
	action: "Find a case's location",
	description:
		"Find the Practice settings' location of a decision (by its location ID or merchant number): its name and coordinator's channel",
	properties: [
		{
			displayName: 'Decision',
			name: 'decision',
			type: 'json',
			default: '={{ $json }}',
			required: true,
			description: 'The financing decision as the CareCredit node and trigger output it',
		},
		{
			displayName: 'Locations',
			name: 'locations',
			type: 'json',
			default: '[]',
			description:
				'The practice\'s locations, as in the Practice settings ([{"name", "merchantNumber", "pmsLocationId", "timeZone", "coordinatorWebhookUrl", "policyOverride"}]). Empty: one practice, and `location` is null.',
		},
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const decision = objectParameter(ctx, i, 'decision', 'Decision');
		const located = locationFor(
			locationsParameter(ctx, i, 'locations'),
			decision as unknown as FinancingDecision,
		);
		if (located.ok) {
			const location = located.value;
			return {
				json: { ...decision, location: location ? locationSummary(location) : null },
				output: 0,
			};
		}
		// A list that does not read is the settings' fault: named, for ops to correct.
		if (located.problems.some((p) => p.code !== 'noMatchingLocation'))
			throw problemsError(ctx, i, 'The locations were not read', located.problems);
		return {
			json: { ...decision, location: null, locationProblem: located.problems[0]!.message },
			output: 0,
		};
	},
};
