import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import type { PayloadCodec } from '@temporalio/common';
import type { DecisionRecord } from '@meritflow/domain';
import { mapHistoryPayloads, type CaseHistory, type History, type LedgerRow } from '@meritflow/audit';

/** The histories committed in workflows/test/histories, for the audit library's unit tests. */
const HISTORIES = path.resolve(__dirname, '../../workflows/test/histories');

export const committedHistoryJson = (name: string): { events: Record<string, unknown>[] } =>
  JSON.parse(readFileSync(path.join(HISTORIES, `${name}.json`), 'utf8'));

export const committedHistory = (name: string): History => historyFromJSON(committedHistoryJson(name));

/** The ids of the patches a history's markers record (`patched()` in the workflow code). */
export const patchIdsOf = (history: History): string[] =>
  (history.events ?? []).flatMap((e) => {
    const data = e.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.[0]?.data;
    return data ? [(JSON.parse(Buffer.from(data).toString('utf8')) as { id: string }).id] : [];
  });

export function committedCase(name: string): CaseHistory {
  const history = committedHistory(name);
  const started = history.events![0].workflowExecutionStartedEventAttributes!;
  return {
    workflowId: started.workflowId ?? name,
    runId: started.originalExecutionRunId!,
    workflowType: started.workflowType!.name!,
    history,
  };
}

/** A committed case as a worker with the payload codec would have recorded it: every payload encrypted. */
export async function encryptedCase(name: string, codec: PayloadCodec): Promise<CaseHistory> {
  const plain = committedCase(name);
  return {
    ...plain,
    history: await mapHistoryPayloads(
      plain.history,
      () => true,
      (payloads) => codec.encode(payloads),
    ),
  };
}

/** The row LedgerRepository.append writes for a record, as a plain object. */
export const rowOf = (r: DecisionRecord, id = r.sequence): LedgerRow => ({
  id: String(id),
  idempotencyKey: r.idempotencyKey,
  caseType: r.caseType,
  workflowId: r.workflowId,
  runId: r.runId,
  rootWorkflowId: r.rootWorkflowId ?? r.workflowId,
  parentWorkflowId: r.parentWorkflowId ?? null,
  sequence: r.sequence,
  decision: r.decision,
  stepBefore: r.stepBefore,
  stepAfter: r.stepAfter,
  actorId: r.actor.id,
  actorRole: r.actor.role,
  actorName: r.actor.name ?? null,
  reason: r.reason,
  payload: r.payload,
  evidence: r.evidence,
  sopId: r.sop.id,
  sopVersion: r.sop.version,
  ruleVersion: r.ruleVersion,
  decidedAt: r.decidedAt,
  recordedAt: r.decidedAt,
});

const quote = (v: string | null): string => (v === null ? 'NULL' : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
const micros = (iso: string): string => `${new Date(iso).toISOString().slice(0, 23)}000Z`;

/**
 * Rows as the database would chain them (decision_canonical v1/v2, sha256 over prev_hash || text),
 * built in TypeScript for the audit library's unit tests. Every element is quoted; PostgreSQL quotes
 * only some, and the offline check reads both.
 */
export function chained(rows: readonly LedgerRow[]): LedgerRow[] {
  let prev: string | null = null;
  return rows.map((r, i) => {
    const json = (v: unknown) => JSON.stringify(v);
    const actingFor = r.actingFor ?? null;
    const elements: (string | null)[] = [
      actingFor ? 'meritflow.decision/v2' : 'meritflow.decision/v1',
      String(i + 1),
      r.idempotencyKey,
      r.caseType,
      r.workflowId,
      r.runId,
      r.rootWorkflowId,
      r.parentWorkflowId,
      String(r.sequence),
      r.decision,
      r.stepBefore,
      r.stepAfter,
      r.actorId,
      r.actorRole,
      r.actorName,
      ...(actingFor ? [json(actingFor)] : []),
      r.reason,
      json(r.payload),
      json(r.evidence),
      r.sopId,
      r.sopVersion,
      r.ruleVersion,
      micros(r.decidedAt),
      micros(r.recordedAt),
    ];
    const canonical = `{${elements.map(quote).join(',')}}`;
    const rowHash = createHash('sha256')
      .update(Buffer.from(prev ?? '', 'hex'))
      .update(canonical, 'utf8')
      .digest('hex');
    const row = { ...r, chainSeq: i + 1, prevHash: prev, rowHash, canonical };
    prev = rowHash;
    return row;
  });
}
