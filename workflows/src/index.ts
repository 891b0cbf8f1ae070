// Entry point of the workflow bundle: every workflow type the worker registers.
export { vacancyWorkflow } from './vacancy/vacancy.workflow';
export { openSelectionWorkflow } from './selection/open-selection.workflow';
export { assessmentWorkflow } from './selection/assessment.workflow';
export { committeeReviewWorkflow } from './selection/committee-review.workflow';
export { appointmentWorkflow } from './selection/appointment.workflow';
export { moveWorkflow } from './move/move.workflow';
export { bulkMoveWorkflow, bulkMemberWorkflow } from './move/bulk-move.workflow';
export { bulkMovePartWorkflow } from './move/bulk-move-part.workflow';
export { disciplineWorkflow } from './discipline/discipline.workflow';
export { talentReviewWorkflow } from './talent/talent-review.workflow';
export { historyArchiveSweepWorkflow } from './archive/history-archive-sweep.workflow';
