// The Dentrix stand-in: the modeled REST contract of docs/dentrix-api.md over the state in
// ./types.ts, one file per resource; ./http.ts holds the conventions every route shares.
import type { ServiceDefinition } from '../core/types';
import { agreementRoutes } from './agreements';
import { careRoutes } from './care';
import { ledgerRoutes } from './ledger';
import { patientRoutes } from './patients';
import { seedDentrix } from './seed';
import type { DentrixState } from './types';

export * from './types';
export { DENTRIX_API_KEY } from './seed';
export { FUNDING_METHODS, planOut } from './patients';
export { agreementOut, editPaymentAgreement, ledgerCorrections, LIMITS } from './agreements';

export const seed = seedDentrix;

export const service: ServiceDefinition<DentrixState> = {
	name: 'dentrix',
	routes: [...patientRoutes, ...agreementRoutes, ...ledgerRoutes, ...careRoutes],
};
