export * from './conformance';
export * from './compliance';
export * from './labels';
export * from './access';
export * from './period';
export * from './audit-policy';
export * from './history-archive';
