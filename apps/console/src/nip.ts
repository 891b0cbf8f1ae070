// NIP rules are the domain's own (libs/domain/src/selection/nip.ts), bundled into the console so a
// clerk sees the same verdict while typing as the API gives on submit.
export { parseNip } from '@meritflow/domain';
