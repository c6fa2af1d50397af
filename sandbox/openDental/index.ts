// The Open Dental stand-in: the public API subset of opendental-api.md under /api/v1, with its
// conventions (ODFHIR auth, string booleans, yyyy-MM-dd dates, Limit/Offset paging of 100) and
// the documented limits. What the docs leave open is modeled in docs/opendental-sandbox.md.
// One file per resource; ./route.ts guards every route (auth, throttle, errors).
import type { ServiceDefinition } from '../core/types';
import { appointmentRoutes } from './appointments';
import { insuranceRoutes } from './insurance';
import { insVerifyRoutes } from './insverifies';
import { ledgerRoutes } from './ledger';
import { payPlanLinkRoutes } from './payplanLinks';
import { payPlanRoutes } from './payplanRoutes';
import { patientRoutes } from './patients';
import { procedureRoutes } from './procedures';
import { recallRoutes } from './recalls';
import { seedOpenDental } from './seed';
import type { OpenDentalState } from './types';

export * from './types';
export { OPEN_DENTAL_AUTH, OD_DEFS } from './seed';
export { SCENARIO_DEFS, RECALL_TYPE_NUMS, financedNote } from './seedScenarios';
export { fullSchedule, principalOf } from './payplans';
export { THROTTLE_MS } from './route';
export { BASE_PATH } from './wire';

export const seed = seedOpenDental;

export const service: ServiceDefinition<OpenDentalState> = {
	name: 'openDental',
	routes: [
		...patientRoutes,
		...procedureRoutes,
		...payPlanRoutes,
		...payPlanLinkRoutes,
		...ledgerRoutes,
		...insuranceRoutes,
		...insVerifyRoutes,
		...appointmentRoutes,
		...recallRoutes,
	],
};
