export * from './talent-review';
export * from './pool-membership';
