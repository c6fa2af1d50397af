/** The CareCredit contract: purchase and refund, and the transaction read back. */
export * from './transaction';
export * from './purchase';
