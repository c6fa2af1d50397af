// How each system numbers the same seeded people and plans: Dentrix ids are modeled prefixed
// strings (docs/dentrix-api.md), Open Dental's are numbers like its primary keys.
import type { LocationKey } from './types';

export const dentrixIds = {
	location: (key: LocationKey) => `loc_${key}`,
	provider: (key: string) => `prov_${key}`,
	patient: (personKey: number) => `pat_${1000 + personKey}`,
	plan: (planKey: number) => `tp_${2000 + planKey}`,
};

export const openDentalIds = {
	clinic: (key: LocationKey): number => (key === 'downtown' ? 1 : 2),
	provider: (key: string): number => ['patel', 'chen', 'rossi', 'okafor'].indexOf(key) + 1,
	patient: (personKey: number): number => 200 + personKey,
	/** The plan as presented (TPStatus Active, or Inactive when rejected). */
	treatPlan: (planKey: number): number => 300 + planKey,
	/** The signed copy an accepted or completed plan was saved as (TPStatus Saved). */
	savedTreatPlan: (planKey: number): number => 400 + planKey,
};

/** Location ids per system, for the CareCredit merchant numbers (one per location). */
export const LOCATION_IDS = {
	downtown: { dentrix: 'loc_downtown', openDental: 1 },
	lakeside: { dentrix: 'loc_lakeside', openDental: 2 },
} as const;
