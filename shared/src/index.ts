export * from './enums';
export * from './errors';
export * from './auth';
export * from './users';
export * from './system';
export * from './pagination';
export * from './accounts';
export * from './live';
