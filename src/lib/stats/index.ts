/**
 * Statistics for the ETL and the browser app: pure functions, no dependencies, no Node APIs.
 * Proportions are on the 0..1 scale; rates per `perN` (default 100,000).
 */
export * from './types';
export * from './normal';
export * from './gamma';
export * from './beta';
export * from './random';
export * from './wilson';
export * from './byar';
export * from './dobson';
export * from './compare';
export * from './funnel';
export * from './disclosure';
export * from './rank';
export * from './gap';
export * from './trend';
