import type { IExecuteFunctions } from 'n8n-workflow';

import { openDentalList } from '../../transport';
import { numberParameter, patNumField } from '../fields';
import type { OpenDentalOperation } from '../types';
import { practiceRecallTypes } from './recallTypes';
import { toRecall } from './rows';
import { listFields, listOptions } from '../../../shared/parameters';

export const getManyRecalls: OpenDentalOperation = {
	resource: 'recall',
	value: 'getMany',
	name: 'Get Many',
	action: "Get a patient's recalls",
	description:
		"A patient's recalls with due date, interval, status and type name (Open Dental 22.4.40; type names 24.1.44)",
	properties: [
		patNumField,
		{
			displayName: 'Name Recall Types',
			name: 'nameRecallTypes',
			type: 'boolean',
			default: true,
			description:
				"Whether to read the practice's recall types once (Open Dental 24.1.44) and name each recall's type; a recall of a type the practice does not have gets none",
		},
		...listFields(),
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const patNum = numberParameter(ctx, 'patNum', i);
		const { returnAll, limit } = listOptions(ctx, i);
		const rows = await openDentalList(
			ctx,
			'/recalls',
			{ PatNum: patNum },
			{ returnAll, limit, itemIndex: i },
		);
		const names = ctx.getNodeParameter('nameRecallTypes', i, true)
			? new Map(
					(await practiceRecallTypes(ctx, i)).map((t) => [
						Number(t.RecallTypeNum),
						String(t.Description),
					]),
				)
			: null;
		return rows.map((r) => toRecall(r, names));
	},
};
