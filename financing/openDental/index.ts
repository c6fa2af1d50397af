/** The Open Dental contract: one check per request the package sends to Open Dental. */
export * from './shared';
export * from './payPlan';
export * from './payPlanLinks';
export * from './ledger';
export * from './adjustment';
export * from './arrangement';
export * from './responses';
