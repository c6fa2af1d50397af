import type { IExecuteFunctions } from 'n8n-workflow';

import { toRecallType } from '../recall/rows';
import { practiceRecallTypes } from '../recall/recallTypes';
import type { OpenDentalOperation } from '../types';

export const getManyRecallTypes: OpenDentalOperation = {
	resource: 'recallType',
	value: 'getMany',
	name: 'Get Many',
	action: 'Get the recall types',
	description:
		"The practice's recall types with their default interval and procedure codes (Open Dental 24.1.44)",
	properties: [],
	async execute(ctx: IExecuteFunctions, i: number) {
		return (await practiceRecallTypes(ctx, i)).map(toRecallType);
	},
};
