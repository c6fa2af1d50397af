// How the group practice's two locations are set up for the templates (issue 15): each location
// maps to its CareCredit merchant number, its clinic or location id in each PMS, its time zone,
// its coordinator and channel, and any override of the group's policy. Served by
// `GET /__sandbox/locations` so tests, the demo and the console read one source.
import { LOCATION_IDS } from './ids';
import type { LocationKey } from './types';

export interface LocationSetup {
	key: LocationKey;
	name: string;
	merchantNumber: string;
	openDentalClinicNum: number;
	dentrixLocationId: string;
	timeZone: string;
	coordinator: { name: string; email: string; channel: string };
	/** Where this location departs from the group's single policy; {} when it does not. */
	policyOverride: { billingType?: string; downPaymentPercent?: number };
}

export const LOCATION_SETUP: LocationSetup[] = [
	{
		key: 'downtown',
		name: 'Prairie Smiles Dental - Downtown',
		merchantNumber: '5348120100000001',
		openDentalClinicNum: LOCATION_IDS.downtown.openDental,
		dentrixLocationId: LOCATION_IDS.downtown.dentrix,
		timeZone: 'America/Chicago',
		coordinator: {
			name: 'Keisha Monroe',
			email: 'keisha.monroe@prairiesmiles.example.com',
			channel: 'coordinators-downtown',
		},
		policyOverride: {},
	},
	{
		key: 'lakeside',
		name: 'Prairie Smiles Dental - Lakeside',
		merchantNumber: '5348120100000002',
		openDentalClinicNum: LOCATION_IDS.lakeside.openDental,
		dentrixLocationId: LOCATION_IDS.lakeside.dentrix,
		timeZone: 'America/Chicago',
		coordinator: {
			name: 'Pete Alvarado',
			email: 'pete.alvarado@prairiesmiles.example.com',
			channel: 'coordinators-lakeside',
		},
		// Lakeside's one override: its own billing type and a 20% down payment on in-house plans.
		policyOverride: { billingType: 'Payment Agreement - Lakeside', downPaymentPercent: 20 },
	},
];
