/**
 * Pure normalization and matching functions for imports and identity resolution: no I/O, safe on
 * every cell of a million-row file (precompiled patterns, fast paths for plain ASCII, no throwing on
 * user input — failures come back as stable reason codes for the import report).
 */
export * from './email';
export * from './phone';
export * from './credit-code';
export * from './domain';
export * from './company-name';
export * from './person-name';
export * from './headers';
