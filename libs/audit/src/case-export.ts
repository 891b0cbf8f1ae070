import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { z } from 'zod';
import { DomainError, type FieldIssue } from '../../domain/src';
import type { CaseHistory } from './history.types';
import { toLedgerRow, type LedgerRow, type LedgerRowLike } from './ledger-row';

export const CASE_EXPORT_FORMAT = 'meritflow-case-export';
export const CASE_EXPORT_VERSION = 1;

/** A case as an auditor takes it away: every run's Temporal history and every ledger row of the case. */
export interface CaseExport {
  format: typeof CASE_EXPORT_FORMAT;
  version: typeof CASE_EXPORT_VERSION;
  /** ISO 8601. */
  exportedAt: string;
  caseId: string;
  /** The root run first, then its children; each history in Temporal's JSON history format. */
  histories: { workflowId: string; runId: string; workflowType: string; history: unknown }[];
  ledger: LedgerRow[];
}

export interface CaseExportInput {
  caseId: string;
  exportedAt: Date;
  histories: readonly CaseHistory[];
  ledger: readonly LedgerRowLike[];
}

export function buildCaseExport(input: CaseExportInput): CaseExport {
  return {
    format: CASE_EXPORT_FORMAT,
    version: CASE_EXPORT_VERSION,
    exportedAt: input.exportedAt.toISOString(),
    caseId: input.caseId,
    histories: input.histories.map((h) => ({
      workflowId: h.workflowId,
      runId: h.runId,
      workflowType: h.workflowType,
      history: JSON.parse(historyToJSON(h.history)) as unknown,
    })),
    ledger: input.ledger.map(toLedgerRow),
  };
}

const text = z.string();
const nullableText = z.string().nullable();

const rowSchema = z
  .object({
    id: text,
    idempotencyKey: text.min(1),
    caseType: text,
    workflowId: text.min(1),
    runId: text.min(1),
    rootWorkflowId: text,
    parentWorkflowId: nullableText,
    sequence: z.number().int(),
    decision: text,
    stepBefore: nullableText,
    stepAfter: text,
    actorId: text,
    actorRole: text,
    actorName: nullableText,
    reason: nullableText,
    payload: z.record(z.string(), z.unknown()),
    evidence: z.array(z.unknown()),
    sopId: text,
    sopVersion: text,
    ruleVersion: nullableText,
    decidedAt: text,
    recordedAt: text,
  })
  // Columns added to the ledger later (the hash chain) are kept as they are.
  .loose();

const exportSchema = z.object({
  format: z.literal(CASE_EXPORT_FORMAT),
  version: z.literal(CASE_EXPORT_VERSION),
  exportedAt: text,
  caseId: text.min(1),
  histories: z.array(
    z.object({
      workflowId: text.min(1),
      runId: text.min(1),
      workflowType: text,
      history: z.object({ events: z.array(z.unknown()) }).loose(),
    }),
  ),
  ledger: z.array(rowSchema),
});

export interface ParsedCaseExport {
  caseId: string;
  exportedAt: string;
  histories: CaseHistory[];
  ledger: LedgerRow[];
}

const invalid = (fields: FieldIssue[]) => new DomainError('VALIDATION_FAILED', { fields });

/** Reads an export back; anything that is not a version-1 case export is refused, naming the field. */
export function parseCaseExport(json: unknown): ParsedCaseExport {
  const parsed = exportSchema.safeParse(json);
  if (!parsed.success) {
    throw invalid(
      parsed.error.issues.slice(0, 20).map((i) => ({
        field: i.path.join('.') || '(root)',
        rule: i.code,
        message: { id: `tidak sesuai format ekspor kasus: ${i.message}`, en: `not in the case export format: ${i.message}` },
      })),
    );
  }
  const { caseId, exportedAt, histories, ledger } = parsed.data;
  return {
    caseId,
    exportedAt,
    ledger,
    histories: histories.map((h, i) => {
      try {
        return { workflowId: h.workflowId, runId: h.runId, workflowType: h.workflowType, history: historyFromJSON(h.history) };
      } catch (err) {
        throw invalid([
          {
            field: `histories.${i}.history`,
            rule: 'temporalHistory',
            message: { id: `bukan riwayat Temporal yang sah: ${String(err)}`, en: `not a valid Temporal history: ${String(err)}` },
          },
        ]);
      }
    }),
  };
}

/** A file name without the colons of a workflow id, which some file systems refuse. */
export const caseExportFileName = (caseId: string): string => `meritflow-case-${caseId.replace(/[^A-Za-z0-9._-]/g, '_')}.json`;
