export * from './child-process';
export * from './embedded-postgres';
export * from './free-port';
export * from './log';
export * from './process-ledger';
export * from './redact-url';
export * from './temporal-binary';
export * from './temporal-dev-server';
