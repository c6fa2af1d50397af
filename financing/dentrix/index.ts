/** The Dentrix contract: one check per request the package sends to Dentrix. */
export * from './shared';
export * from './paymentAgreement';
export * from './agreementFields';
export * from './ledgerNote';
export * from './ledgerEntries';
export * from './arrangement';
export * from './responses';
