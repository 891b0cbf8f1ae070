export * from './registry';
export * from './archive-lag';
