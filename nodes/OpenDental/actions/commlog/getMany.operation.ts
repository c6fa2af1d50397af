import type { IExecuteFunctions } from 'n8n-workflow';

import { hasReferenceToken } from '../../../../financing';
import { toCommlog } from '../../shapes';
import { openDentalList } from '../../transport';
import { numberParameter, patNumField } from '../fields';
import type { OpenDentalOperation } from '../types';
import { listFields, listOptions } from '../../../shared/parameters';

export const getManyCommlogs: OpenDentalOperation = {
	resource: 'commlog',
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many commlogs',
	description: "A patient's commlogs, optionally only those carrying a case reference",
	properties: [
		patNumField,
		{
			displayName: 'Case Reference',
			name: 'caseReference',
			type: 'string',
			default: '',
			placeholder: 'e.g. [cc:APP-123456]',
			description: 'Only the commlogs whose note carries this reference',
		},
		...listFields(),
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const patNum = numberParameter(ctx, 'patNum', i);
		const token = String(ctx.getNodeParameter('caseReference', i, '')).trim();
		const { returnAll, limit } = listOptions(ctx, i);
		const rows = await openDentalList(ctx, '/commlogs', { PatNum: patNum }, { itemIndex: i });
		const found = rows.filter((c) => !token || hasReferenceToken(c.Note, token)).map(toCommlog);
		return returnAll ? found : found.slice(0, limit);
	},
};
