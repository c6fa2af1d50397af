import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OpenDentalSettings } from '../../../financing';
import { itemParameter } from '../../shared/itemParameter';

/**
 * The practice's Open Dental choices the writers need beside the built arrangement (the
 * financing domain's `OpenDentalSettings`; definitions are DefNums from Setup, Definitions).
 */
export const openDentalSettingsField = (
	only: Array<keyof OpenDentalSettings>,
): INodeProperties => ({
	displayName: 'Open Dental Settings',
	name: 'openDental',
	type: 'collection',
	placeholder: 'Add Setting',
	default: {},
	options: ALL.filter((o) => only.includes(o.name as keyof OpenDentalSettings)),
});

const ALL: INodeProperties[] = [
	{
		displayName: 'Plan Category',
		name: 'planCategory',
		type: 'number',
		default: 0,
		description: 'DefNum of a payment plan category (definition Category 47); 0 means none',
	},
	{
		displayName: 'Treatment Not Yet Complete',
		name: 'dynamicPayPlanTPOption',
		type: 'options',
		default: 'AwaitComplete',
		description: "DynamicPayPlanTPOption: how the plan treats procedures that aren't complete",
		options: [
			{
				name: 'Await Complete',
				value: 'AwaitComplete',
				description:
					"Charge only completed treatment (Open Dental's default): a plan signed at the chair does not bill before the work is done",
			},
			{
				name: 'Treat as Complete',
				value: 'TreatAsComplete',
				description: 'Charge on schedule whether or not the treatment is done',
			},
		],
	},
	{
		displayName: 'Commlog Type',
		name: 'commType',
		type: 'string',
		default: 'Financial',
		description: 'Item name of the commlog type (definition Category 27) the audit note gets',
	},
	{
		displayName: 'CareCredit Pay Type',
		name: 'careCreditPayType',
		type: 'number',
		default: 0,
		description:
			"DefNum of the practice's CareCredit payment type (definition Category 10); 0 means the office's API payment type",
	},
	{
		displayName: 'Clinic Number',
		name: 'clinicNum',
		type: 'number',
		default: 0,
		description: "ClinicNum the payment is posted to; 0 means the patient's clinic",
	},
];

export function readSettings(ctx: IExecuteFunctions, i: number): OpenDentalSettings {
	const s = itemParameter(ctx, 'openDental', i, {}) as IDataObject;
	const settings: OpenDentalSettings = {};
	if (s.planCategory) settings.planCategory = Number(s.planCategory);
	if (s.dynamicPayPlanTPOption)
		settings.dynamicPayPlanTPOption =
			s.dynamicPayPlanTPOption as OpenDentalSettings['dynamicPayPlanTPOption'];
	if (s.commType) settings.commType = String(s.commType);
	if (s.careCreditPayType) settings.careCreditPayType = Number(s.careCreditPayType);
	if (s.clinicNum) settings.clinicNum = Number(s.clinicNum);
	return settings;
}
