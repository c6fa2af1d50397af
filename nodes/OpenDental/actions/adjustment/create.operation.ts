import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	checkOpenDentalAdjustment,
	ok,
	typedCents,
	typedText,
	type OpenDentalAdjustmentFacts,
	type Problem,
	type WireRequest,
} from '../../../../financing';
import { typedThenChecked, wouldWrite, write, writeContext } from '../../../shared/write';
import { toAdjustment } from '../../shapes';
import { openDentalList, openDentalListOrAbsent, writeOnce } from '../../transport';
import { findOnPatient, patientNotFound } from '../facts';
import { testModeField } from '../fields';
import type { OpenDentalOperation } from '../types';

type Request = WireRequest<{ PatNum: number; AdjType: number; AdjNote: string }> & {
	reference: string;
};

const NOT_WRITTEN = 'The adjustment was not written';

/** The adjustment type's sign (its ItemValue) and, when one is named, the patient's procedures. */
async function adjustmentFacts(
	ctx: IExecuteFunctions,
	i: number,
	input: Record<string, unknown>,
): Promise<OpenDentalAdjustmentFacts | null> {
	const types = await openDentalList(ctx, '/definitions', { Category: 1 }, { itemIndex: i });
	const type = types.find((d) => String(d.DefNum) === input.adjType);
	const sign = type?.ItemValue === '+' || type?.ItemValue === '-' ? type.ItemValue : null;
	const procedures =
		input.procNum === null
			? []
			: await openDentalListOrAbsent(
					ctx,
					'/procedurelogs',
					{ PatNum: String(input.patNum) },
					{ itemIndex: i },
				);
	if (procedures === null) return null;
	return { adjTypeSign: sign, patientProcNums: procedures.map((p) => String(p.ProcNum)) };
}

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
		const more = ctx.getNodeParameter('additionalFields', i, {}) as IDataObject;
		const context = writeContext(ctx);
		const problems: Problem[] = [];
		const date = typedText(ctx.getNodeParameter('date', i, ''));
		const number = (value: unknown) =>
			typeof value === 'number' ? (value === 0 ? null : String(value)) : typedText(value);
		const input = {
			patNum: typedText(ctx.getNodeParameter('patNum', i, '')),
			adjType: number(ctx.getNodeParameter('adjType', i, '')),
			amountCents: typedCents(ctx.getNodeParameter('amount', i, ''), 'amount', problems, {
				allowNegative: true,
				allowZero: false,
			}),
			adjDate: date === '' ? context.today : date,
			reference: typedText(ctx.getNodeParameter('reference', i, '')),
			note: typedText(more.note ?? ''),
			procNum: more.procNum === undefined ? null : number(more.procNum),
			belongsToAmountCents: null,
		};
		const result = await write<Request, IDataObject>(ctx, i, {
			notWritten: NOT_WRITTEN,
			check: async () => {
				const bare = typedThenChecked(problems, checkOpenDentalAdjustment(input, context));
				if (!bare.ok) return bare;
				const facts = await adjustmentFacts(ctx, i, input);
				if (!facts) return { ok: false, problems: [patientNotFound('patNum')] };
				const checked = checkOpenDentalAdjustment(input, context, facts);
				return checked.ok
					? ok({ ...(checked.value.request as Request), reference: String(input.reference) })
					: checked;
			},
			find: (request) =>
				findOnPatient(
					ctx,
					i,
					{ notWritten: NOT_WRITTEN, field: 'patNum' },
					'/adjustments',
					{ PatNum: request.body!.PatNum, AdjType: request.body!.AdjType },
					(a) => String(a.AdjNote ?? '').includes(request.reference),
				),
			testMode: ctx.getNodeParameter('testMode', i, false) as boolean,
			send: (request, find) => writeOnce(ctx, request, find, { itemIndex: i }),
		});
		return {
			created: result.created,
			outcome: result.outcome,
			reference: result.request.reference,
			...(result.outcome === 'testMode'
				? { wouldWrite: wouldWrite(result.request) }
				: { adjustment: result.record ? toAdjustment(result.record) : null }),
		};
	},
};
