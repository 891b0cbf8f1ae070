/** One task queue for personnel workflows and their activities; the only place it is named. */
export const PERSONNEL_TASK_QUEUE = 'meritflow-personnel';
