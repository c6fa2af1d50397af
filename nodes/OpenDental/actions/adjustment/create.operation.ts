import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { centsToDollars, parseMoney } from '../../../../financing';
import { toAdjustment } from '../../shapes';
import { dateParameter, numberParameter, testModeField } from '../fields';
import type { OpenDentalOperation } from '../types';
import { findInList, idempotentWrite, wouldWrite } from '../write';
import { problemsError } from '../../../shared/parameters';

export const createAdjustment: OpenDentalOperation = {
	resource: 'adjustment',
	value: 'create',
	name: 'Create',
	action: 'Create an adjustment',
	description:
		'Write an adjustment (e.g. the CareCredit merchant fee or a CareCredit refund), once per reference',
	properties: [
		{
			displayName: 'PatNum',
			name: 'patNum',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 201',
		},
		{
			displayName: 'Adjustment Type',
			name: 'adjType',
			type: 'number',
			default: 0,
			required: true,
			description:
				'DefNum of the adjustment type (definition Category 1); its + or − decides the sign of the amount',
		},
		{
			displayName: 'Amount',
			name: 'amount',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. -172.50',
			description: 'In dollars: positive for a + type, negative for a − type (Open Dental rule)',
		},
		{
			displayName: 'Date',
			name: 'date',
			type: 'string',
			default: '',
			placeholder: 'e.g. 2026-11-20',
			description:
				"Date as yyyy-MM-dd, not in the future; empty means today in the workflow's time zone",
		},
		{
			displayName: 'Reference',
			name: 'reference',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. [cc:APP-123456] fee',
			description:
				'Written into the note; an adjustment of this type whose note carries it is not written again',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Note',
					name: 'note',
					type: 'string',
					default: '',
				},
				{
					displayName: 'ProcNum',
					name: 'procNum',
					type: 'number',
					default: 0,
					description: "A procedure of the patient's to attach the adjustment to",
				},
			],
		},
		testModeField,
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const patNum = numberParameter(ctx, 'patNum', i);
		const adjType = numberParameter(ctx, 'adjType', i);
		const reference = String(ctx.getNodeParameter('reference', i)).trim();
		const more = ctx.getNodeParameter('additionalFields', i, {}) as IDataObject;
		const amount = parseMoney(ctx.getNodeParameter('amount', i), 'amount', {
			allowNegative: true,
			allowZero: false,
		});
		const problems = amount.ok ? [] : [...amount.problems];
		if (!reference)
			problems.push({
				field: 'reference',
				code: 'required',
				message: 'reference: needed so the adjustment is never written twice',
			});
		if (!amount.ok || problems.length > 0)
			throw problemsError(ctx, i, 'The adjustment was not written', problems);
		const note = String(more.note ?? '').trim();
		const body: IDataObject = {
			PatNum: patNum,
			AdjType: adjType,
			AdjAmt: centsToDollars(amount.value),
			AdjDate: dateParameter(ctx, 'date', i),
			AdjNote: note.includes(reference) ? note : `${note} ${reference}`.trim(),
			...(more.procNum ? { ProcNum: Number(more.procNum) } : {}),
		};
		const request = { method: 'POST' as const, path: '/adjustments', body };
		const result = await idempotentWrite(ctx, i, {
			request,
			testMode: ctx.getNodeParameter('testMode', i, false) as boolean,
			find: () =>
				findInList(ctx, i, '/adjustments', { PatNum: patNum, AdjType: adjType }, (a) =>
					String(a.AdjNote ?? '').includes(reference),
				),
		});
		const written =
			result.outcome === 'testMode'
				? { wouldWrite: wouldWrite(request) }
				: { adjustment: toAdjustment((result.record ?? {}) as IDataObject) };
		return { created: result.created, outcome: result.outcome, reference, ...written };
	},
};
