export * from './discipline-rules';
export * from './discipline.v1';
export * from './discipline-decision-fields';
