export * from './segment-filter';
export * from './segment-api';
