export * from './roles';
export * from './errors';
export * from './i18n/messages';
export * from './personnel/golongan';
export * from './personnel/position';
export * from './sop/sop.types';
export * from './sop/sop.define';
export * from './sop/sop-engine';
export * from './sop/sop-registry';
export * from './sop/destructive-decisions';
export * from './sop/migration/sop-migration';
export * from './calendar/working-days';
export * from './decision/decision-record';
export * from './decision/decision-row';
export * from './vacancy/vacancy-proposal';
export * from './evidence/evidence-policy';
export * from './selection';
export * from './sop/open-selection/open-selection.types';
export * from './sop/open-selection/open-selection.v1';
export * from './sop/open-selection/open-selection.chains';
export * from './sop/open-selection/open-selection.senior-chains';
export * from './sop/open-selection/children.v1';
export { isIsoDate } from './selection/iso-date';
export * from './calendar/calendar-policy';
export * from './sop/vacancy/vacancy.v1';
export * from './sop/vacancy/vacancy.v1-1';
export * from './audit';
export * from './sop/move/move.v1';
export * from './sop/move/move.v1-1';
export * from './sop/move/bulk-move.v1';
export * from './sop/move/bulk-move.v1-1';
export * from './sop/talent-review/talent-review.v1';
export {
  mayEditReferenceData,
  REFERENCE_DATA_EDITORS,
  REGION_KINDS,
  type RegionKind,
  checkElectionWindowDates,
  checkNotFuture,
  MERIT_SCHEMES,
  type MeritScheme,
  MERIT_CATEGORIES,
  meritCategoryOf,
  resolveMeritCategory,
} from './mobility/reference-policy';
export * from './mobility';
export * from './access';
export * from './canonical-json';
export * from './register';
export * from './discipline';
export * from './talent';
export * from './decree';
