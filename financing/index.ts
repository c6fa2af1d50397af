/**
 * The financing domain's public API (pure TypeScript: only zod/v3 and relative imports, no I/O).
 * financing/README.md describes it file by file.
 */
export * from './result';
export * from './money';
export * from './exact';
export * from './dates';
export * from './plans';
export * from './estimate';
export * from './schedule';
export * from './decision';
export * from './treatmentPlan';
export * from './policy';
export * from './notes';
export * from './arrangement';
export { readArrangement, type ArrangementView } from './arrangementView';
export * from './phi';
export * from './patientData';
export * from './fields';
export * from './contract';
export * from './dentrix';
export * from './openDental';
export * from './careCredit';
export * from './localTime';
export * from './businessDays';
export * from './insurance';
export * from './outreach';
export * from './numbers';
