export * from './decree.types';
export * from './decree-templates';
export * from './decree-wording';
export * from './decree-numbering';
export * from './build-decree';
export * from './decree-instrument';
export * from './decree-citation';
