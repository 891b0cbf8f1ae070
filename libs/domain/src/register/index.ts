export * from './register.types';
export * from './register-rules';
export * from './project-profile';
export * from './candidate-facts';
export * from './competency-gap';
export * from './register-import';
