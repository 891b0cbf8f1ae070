export * from './talent-review';
export * from './pool-membership';
export * from './talent-report';
