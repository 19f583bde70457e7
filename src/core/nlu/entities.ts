/**
 * Entities a support case needs, read from what users write: transaction ids and wallet
 * addresses with "I have no id" (identifiers.ts), amounts with their currency (amounts.ts), and
 * dates on the user's clock (dates.ts).
 */
export * from './identifiers.ts';
export * from './amounts.ts';
export * from './dates.ts';
