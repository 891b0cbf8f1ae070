export * from './discipline-rules';
export * from './discipline.v1';
