export * from './move';
export * from './mobility-policy';
export * from './rules';
export * from './evaluate-move';
export * from './talent';
export * from './effective-date';
export * from './region-hierarchy';
export * from './register-facts';
