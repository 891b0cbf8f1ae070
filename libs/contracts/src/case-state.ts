import type { AllowedDecision, SopRef } from '@meritflow/domain';

/** What every case's state query answers, whatever its type. */
export interface CaseStateBase {
  workflowId: string;
  runId: string;
  sop: SopRef;
  step: string;
  stepLabel: { id: string; en: string };
  status: string;
  terminal: boolean;
  allowedDecisions: AllowedDecision[];
  deadline: { step: string; dueAt: string; onExpiry: string; notifyRole: string } | null;
  /** Decisions accepted so far, including automatic ones. */
  decisionCount: number;
  /** Decisions whose ledger row is written; equals decisionCount when the ledger has caught up. */
  recordedCount: number;
}
