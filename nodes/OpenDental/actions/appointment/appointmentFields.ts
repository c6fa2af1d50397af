import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { problem, screenPatientData, todayIn, type Problem } from '../../../../financing';
import { toFieldDef, type FieldDef } from '../../appointmentShapes';
import { oncePerRun } from '../../../shared/runCache';
import { openDentalList, openDentalRequest } from '../../transport';

/**
 * Appointment fields (https://opendental.com/site/apiapptfields.html): a field exists only once
 * the office has defined it under Setup, Appointments, Appointment Field Defs
 * (apiapptfielddefs.html, Open Dental 21.4); GET answers "" for a field never set.
 */

/** The office's field definitions, read once per node run. */
export async function fieldDefinitions(ctx: IExecuteFunctions, i: number): Promise<FieldDef[]> {
	return await oncePerRun(ctx, 'apptfielddefs', async () =>
		(await openDentalList(ctx, '/apptfielddefs', {}, { itemIndex: i })).map(toFieldDef),
	);
}

export async function fieldValue(
	ctx: IExecuteFunctions,
	i: number,
	aptNum: number,
	fieldName: string,
): Promise<string> {
	const answer = (await openDentalRequest(
		ctx,
		{ method: 'GET', path: '/apptfields', qs: { AptNum: aptNum, FieldName: fieldName } },
		{ itemIndex: i },
	)) as IDataObject;
	return typeof answer?.FieldValue === 'string' ? answer.FieldValue : '';
}

/**
 * What is wrong with writing `value` into the field `name`, checked against the office's
 * definitions before anything is sent: an undefined field, a value not in its pick list, patient
 * data in free text.
 */
export function fieldProblems(
	defs: FieldDef[],
	name: string,
	value: string,
	timeZone: string,
): Problem[] {
	const def = defs.find((d) => d.name === name);
	if (!def) {
		const known = defs.map((d) => `"${d.name}"`).join(', ') || 'none';
		return [
			problem(
				'fieldName',
				'unknownField',
				`the office has no appointment field named "${name}" (its fields: ${known}); add it in Open Dental under Setup, Appointments, Appointment Field Defs`,
			),
		];
	}
	if (def.type === 'PickList' && value !== '' && !def.choices.includes(value)) {
		return [
			problem(
				'value',
				'notInPickList',
				`"${name}" is a pick list: use one of ${def.choices.map((c) => `"${c}"`).join(', ')}`,
			),
		];
	}
	return screenPatientData(value, 'value', todayIn(timeZone, new Date()));
}
