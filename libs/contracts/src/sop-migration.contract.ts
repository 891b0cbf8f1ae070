import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  Actor,
  DutyRegistry,
  ErrorCode,
  ErrorParams,
  EvidenceRef,
  MigrationOutcome,
  PendingMigration,
  SopRef,
} from '@meritflow/domain';

/** The steps of the four-eyes procedure, as the API sends them to a case's workflow. */
export const MIGRATION_ACTIONS = ['request', 'approve', 'reject'] as const;
export type MigrationAction = (typeof MIGRATION_ACTIONS)[number];

/** One step of the four-eyes procedure that keeps a running case on its SOP version or moves it to a newer one. */
export interface SopMigrationInput {
  action: MigrationAction;
  /** The ledger decision the step records (MIGRATION_DECISIONS), named for the API's refusal of a finished case. */
  decision: string;
  actor: Actor;
  /** request: keep the case on its version, or migrate it to `toVersion`. */
  outcome?: MigrationOutcome;
  toVersion?: string;
  /** The legal basis in words; the evidence is the uploaded document. */
  reason?: string;
  evidence?: EvidenceRef[];
  batchId?: string | null;
  /** Whether test-only SOP versions and mappings count (the API's MERITFLOW_ALLOW_TEST_SOPS). */
  allowTestOnly?: boolean;
}

export interface SopMigrationAck {
  workflowId: string;
  runId: string;
  sop: SopRef;
  step: string;
  pending: PendingMigration | null;
  /** Set once an approved migration is under way: the run continues as new on this version. */
  migratingTo: (SopRef & { step: string }) | null;
  /** Why the case cannot migrate at this moment whatever the mapping says (a child workflow runs); absent or null: nothing. */
  blocked?: { code: ErrorCode; params: ErrorParams } | null;
}

/** What a run started by a migration carries over from the run before it. */
export interface SopResume {
  from: SopRef & { step: string; runId: string };
  /** The step the case enters on the new version (from the mapping). */
  step: string;
  duties: DutyRegistry;
  /** The request and its approval, recorded again as the first row of the new run. */
  requestedBy: Actor;
  approvedBy: Actor;
  reason: string;
  approvalReason: string | null;
  evidence: EvidenceRef[];
  batchId: string | null;
}

/**
 * What a run that continues a long history (continue-as-new on the same SOP version) carries over:
 * the step, the duties held and the step's running deadline, so the deadline does not start again.
 */
export interface SopContinuation {
  from: SopRef & { step: string; runId: string };
  step: string;
  duties: DutyRegistry;
  deadline: { step: string; dueAt: string; onExpiry: string; notifyRole: string } | null;
  /** The length and size of the history the run before ended with. */
  history: { length: number; sizeBytes: number };
  /** Why the run continued before its history reached the limit (e.g. the assessments would not fit). */
  because?: string;
}

/** Every case type that accepts migrations registers this one update (and answers the state query). */
export const sopMigrationUpdate = defineUpdate<SopMigrationAck, [SopMigrationInput]>('case.sop-migration');
export const sopMigrationQuery = defineQuery<SopMigrationAck>('case.sop-migration.state');
