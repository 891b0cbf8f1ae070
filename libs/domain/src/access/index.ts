export * from './delegation';
export * from './separation-of-duties';
export * from './assignment';
export * from './tasks';
