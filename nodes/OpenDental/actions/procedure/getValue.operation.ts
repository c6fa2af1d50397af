import type { IExecuteFunctions } from 'n8n-workflow';

import { centsFromWireOrNull } from '../../../../financing';
import { openDentalList } from '../../transport';
import { numberParameter } from '../fields';
import type { OpenDentalOperation } from '../types';

/**
 * The procedures an appointment holds (procedurelogs AptNum, Open Dental 22.3.32) or a planned
 * appointment plans (PlannedAptNum, 24.4.5; https://www.opendental.com/site/apiprocedurelogs.html),
 * with their fees added up: what the appointment is worth, for the reactivation list.
 */
export const getAppointmentValue: OpenDentalOperation = {
	resource: 'procedure',
	value: 'getAppointmentValue',
	name: 'Get Appointment Value',
	action: 'Get the procedures of an appointment and their value',
	description:
		'The procedures an appointment holds (or a planned appointment plans) and the sum of their fees, in cents',
	properties: [
		{
			displayName: 'AptNum',
			name: 'aptNum',
			type: 'string',
			default: '={{ $json.appointmentId }}',
			required: true,
			description: "The appointment's number",
		},
		{
			displayName: 'Planned Appointment',
			name: 'planned',
			type: 'boolean',
			default: false,
			description:
				'Whether the appointment is a planned one (its procedures carry it as PlannedAptNum, Open Dental 24.4.5)',
		},
	],
	async execute(ctx: IExecuteFunctions, i: number) {
		const aptNum = numberParameter(ctx, 'aptNum', i);
		const planned = ctx.getNodeParameter('planned', i, false) === true;
		const rows = await openDentalList(
			ctx,
			'/procedurelogs',
			planned ? { PlannedAptNum: aptNum } : { AptNum: aptNum },
			{ itemIndex: i },
		);
		const procedures = rows.map((p) => ({
			procedureId: String(p.ProcNum),
			code: p.procCode,
			description: p.descript,
			status: p.ProcStatus,
			feeCents: centsFromWireOrNull(p.ProcFee),
		}));
		return {
			appointmentId: String(aptNum),
			procedureIds: procedures.map((p) => p.procedureId),
			procedures,
			valueCents: procedures.reduce((sum, p) => sum + (p.feeCents ?? 0), 0),
		};
	},
};
