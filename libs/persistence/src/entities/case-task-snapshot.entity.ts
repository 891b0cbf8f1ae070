import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What an open root case waited for when the API last read its workflow state (migration
 * 1765091800000), for the inbox. A cache, not a record: `tree_version` is the version of the case tree
 * (its `cases` rows and its children's) it was read at; once the tree moves on the API reads the
 * workflow again and overwrites the row. Tasks are stored as the workflow answered them: who may
 * take them, blind masking and overdue are decided when read.
 */
@Entity({ name: 'case_task_snapshots' })
export class CaseTaskSnapshotEntity {
  @PrimaryColumn({ name: 'root_workflow_id', type: 'text' })
  rootWorkflowId!: string;

  @PrimaryColumn({ name: 'root_run_id', type: 'text' })
  rootRunId!: string;

  @Column({ name: 'tree_version', type: 'text' })
  treeVersion!: string;

  @Column({ type: 'text' })
  step!: string;

  @Column({ type: 'text' })
  status!: string;

  /** The case's own pending tasks (InboxPendingTask[]). */
  @Column({ name: 'pending_tasks', type: 'jsonb' })
  pendingTasks!: Record<string, unknown>[];

  /** Tasks to start the case that follows (an approved vacancy's selection); dropped when read once a case fills it. */
  @Column({ name: 'follow_ups', type: 'jsonb' })
  followUps!: Record<string, unknown>[];

  /** The committee roster's ids; null when the case keeps none (a move's TPK). */
  @Column({ name: 'committee_ids', type: 'jsonb', nullable: true })
  committeeIds!: string[] | null;

  /** A blind selection's codebook (BlindScoringState), to mask tasks for blind readers. */
  @Column({ name: 'blind_scoring', type: 'jsonb', nullable: true })
  blindScoring!: Record<string, unknown> | null;

  @Column({ name: 'captured_at', type: 'timestamptz' })
  capturedAt!: Date;
}
