export * from './case-state';
export * from './task-queues';
export * from './ledger.activities.contract';
export * from './vacancy.contract';
export * from './selection.contract';
export * from './reference.activities.contract';
export * from './move.contract';
export * from './case-id';
