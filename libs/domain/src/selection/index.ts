export * from './nip';
export * from './candidate';
export * from './eligibility';
export * from './committee';
export * from './scoring';
export * from './selection-decisions';
export * from './decision-chain';
export * from './blind-scoring';
