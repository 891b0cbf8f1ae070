export * from './delegation';
export * from './separation-of-duties';
