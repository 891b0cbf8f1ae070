import { vacancyV1 } from '../sop/vacancy/vacancy.v1';
import type { LedgerDecision } from './conformance';

/** The conformance specs' ledger rows: a vacancy and a selection of one agency, judged as of NOW. */
export const VACANCY = 'vacancy:PEMKAB-SLEMAN:KADIS-PUPR';
export const SELECTION = 'open-selection:PEMKAB-SLEMAN:SELTER-2026';
export const NOW = new Date('2026-03-01T00:00:00Z');

export type Row = Partial<LedgerDecision> & Pick<LedgerDecision, 'decision' | 'stepBefore' | 'stepAfter' | 'actorRole'>;

/** Rows of one workflow run, numbered and an hour apart, under `sop`. */
export function rows(
  workflowId: string,
  sop: { id: string; version: string },
  list: Row[],
  root = workflowId,
  startHour = 0,
): LedgerDecision[] {
  return list.map((r, i) => ({
    workflowId,
    rootWorkflowId: root,
    sequence: i + 1,
    sop,
    decidedAt: new Date(Date.UTC(2026, 1, 2, startHour + i)).toISOString(),
    evidenceCount: 0,
    payload: {},
    ...r,
  }));
}

export const vacancySop = { id: vacancyV1.id, version: vacancyV1.version };
export const propose: Row = { decision: 'propose', stepBefore: null, stepAfter: 'awaiting_ppk_decision', actorRole: 'hr_officer' };
export const approve: Row = { decision: 'approve', stepBefore: 'awaiting_ppk_decision', stepAfter: 'approved', actorRole: 'ppk' };
