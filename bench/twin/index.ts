// Entry point of the twin's workflow bundle (benchmark only; see contracts.ts).
export {
  twinVacancyWorkflow,
  twinSelectionWorkflow,
  twinAssessmentWorkflow,
  twinCommitteeReviewWorkflow,
  twinAppointmentWorkflow,
} from './twin.workflows';
export { twinBulkMoveWorkflow, twinBulkPartWorkflow, twinBulkMemberWorkflow } from './twin-bulk.workflows';
