/**
 * The financing domain's public API (pure TypeScript: only zod and relative imports, no I/O).
 * See financing/README.md for the modeling decisions and their sources in domain.md.
 */
export * from './result';
export * from './money';
export * from './dates';
export * from './plans';
export * from './estimate';
export * from './schedule';
export * from './decision';
export * from './treatmentPlan';
export * from './policy';
export * from './notes';
export * from './arrangement';
export * from './validate';
export * from './phi';
export * from './localTime';
export * from './insurance';
export * from './outreach';
export * from './numbers';
