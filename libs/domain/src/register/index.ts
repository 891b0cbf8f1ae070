export * from './register.types';
export * from './register-rules';
export * from './register-import';
export * from './register-import-codes';
export * from './register-import-plan';
export * from './project-profile';
export * from './candidate-facts';
export * from './competency-gap';
