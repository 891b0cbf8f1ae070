import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { z } from 'zod';
import { DomainError, type FieldIssue } from '@meritflow/domain';
import type { SourcedHistory, HistorySource } from './archive-check';
import { historySha256 } from './archived-history';
import type { CaseHistory } from './history.types';
import { toLedgerRow, type LedgerRow, type LedgerRowLike } from './ledger-row';

export const CASE_EXPORT_FORMAT = 'meritflow-case-export';
/** Version 2 adds each history's source and hash, the audited root run, and the case's whole hash chain. */
export const CASE_EXPORT_VERSION = 2;
export const AUDIT_BUNDLE_FORMAT = 'meritflow-audit-bundle';
export const AUDIT_BUNDLE_VERSION = 1;

/** A case as an auditor takes it away: every run's history and the case's whole hash chain. */
export interface CaseExport {
  format: typeof CASE_EXPORT_FORMAT;
  version: typeof CASE_EXPORT_VERSION;
  /** ISO 8601. */
  exportedAt: string;
  caseId: string;
  /** The root run audited (the latest run of the case id). */
  root: { workflowId: string; runId: string };
  /**
   * The root run first, then its children; each history in Temporal's JSON history format, with
   * where it was read from and the SHA-256 of its canonical JSON.
   */
  histories: { workflowId: string; runId: string; workflowType: string; source: HistorySource; sha256: string; history: unknown }[];
  /**
   * Every row of the case's hash chain in chain order (all its runs, children and archive rows), each
   * with `chainSeq`, `prevHash`, `rowHash` (hex) and the `canonical` text the hash covers.
   */
  ledger: LedgerRow[];
}

/** Every case of one agency and period, for an offline audit of the lot. */
export interface AuditBundle {
  format: typeof AUDIT_BUNDLE_FORMAT;
  version: typeof AUDIT_BUNDLE_VERSION;
  exportedAt: string;
  agencyCode: string;
  /** The cases created in [from, to), ISO 8601. */
  from: string;
  to: string;
  cases: CaseExport[];
}

export interface CaseExportInput {
  caseId: string;
  exportedAt: Date;
  root: { workflowId: string; runId: string };
  histories: readonly (SourcedHistory | CaseHistory)[];
  ledger: readonly LedgerRowLike[];
}

export function buildCaseExport(input: CaseExportInput): CaseExport {
  return {
    format: CASE_EXPORT_FORMAT,
    version: CASE_EXPORT_VERSION,
    exportedAt: input.exportedAt.toISOString(),
    caseId: input.caseId,
    root: input.root,
    histories: input.histories.map((h) => {
      const json = 'json' in h && h.json !== undefined ? h.json : (JSON.parse(historyToJSON(h.history)) as unknown);
      return {
        workflowId: h.workflowId,
        runId: h.runId,
        workflowType: h.workflowType,
        source: 'source' in h ? h.source : 'temporal',
        sha256: historySha256(json),
        history: json,
      };
    }),
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

const historySchema = z.object({
  workflowId: text.min(1),
  runId: text.min(1),
  workflowType: text,
  source: z.enum(['temporal', 'archive', 'archive-snapshot']).optional(),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  history: z.object({ events: z.array(z.unknown()) }).loose(),
});

const exportSchema = z.discriminatedUnion('version', [
  z.object({
    format: z.literal(CASE_EXPORT_FORMAT),
    version: z.literal(1),
    exportedAt: text,
    caseId: text.min(1),
    histories: z.array(historySchema),
    ledger: z.array(rowSchema),
  }),
  z.object({
    format: z.literal(CASE_EXPORT_FORMAT),
    version: z.literal(2),
    exportedAt: text,
    caseId: text.min(1),
    root: z.object({ workflowId: text.min(1), runId: text.min(1) }),
    histories: z.array(historySchema.required({ source: true, sha256: true })),
    ledger: z.array(rowSchema.extend({ chainSeq: z.number().int(), prevHash: nullableText, rowHash: text, canonical: text })),
  }),
]);

export interface ParsedCaseExport {
  caseId: string;
  exportedAt: string;
  version: number;
  /** Version 2: the root run audited; the ledger is then the case's whole chain. */
  root: { workflowId: string; runId: string } | null;
  histories: SourcedHistory[];
  ledger: LedgerRow[];
}

const invalid = (fields: FieldIssue[]) => new DomainError('VALIDATION_FAILED', { fields });

/** Reads an export back (version 1 or 2); anything else is refused, naming the field. */
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
  const data = parsed.data;
  const { caseId, exportedAt, histories, ledger } = data;
  return {
    caseId,
    exportedAt,
    version: data.version,
    root: data.version === 2 ? data.root : null,
    ledger,
    histories: histories.map((h, i) => {
      try {
        return {
          workflowId: h.workflowId,
          runId: h.runId,
          workflowType: h.workflowType,
          source: h.source ?? 'temporal',
          json: h.history,
          history: historyFromJSON(h.history),
        };
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

const bundleSchema = z.object({
  format: z.literal(AUDIT_BUNDLE_FORMAT),
  version: z.literal(AUDIT_BUNDLE_VERSION),
  exportedAt: text,
  agencyCode: text.min(1),
  from: text,
  to: text,
  cases: z.array(z.unknown()),
});

export interface ParsedAuditBundle {
  agencyCode: string;
  from: string;
  to: string;
  exportedAt: string;
  cases: ParsedCaseExport[];
}

/** Whether a parsed JSON file is an audit bundle rather than a single case export. */
export const isAuditBundle = (json: unknown): boolean =>
  typeof json === 'object' && json !== null && (json as { format?: unknown }).format === AUDIT_BUNDLE_FORMAT;

/** Reads a bundle back; each case is read as a case export, and a bad one is named by its index. */
export function parseAuditBundle(json: unknown): ParsedAuditBundle {
  const parsed = bundleSchema.safeParse(json);
  if (!parsed.success) {
    throw invalid(
      parsed.error.issues.slice(0, 20).map((i) => ({
        field: i.path.join('.') || '(root)',
        rule: i.code,
        message: { id: `tidak sesuai format bundel audit: ${i.message}`, en: `not in the audit bundle format: ${i.message}` },
      })),
    );
  }
  const { agencyCode, from, to, exportedAt, cases } = parsed.data;
  return {
    agencyCode,
    from,
    to,
    exportedAt,
    cases: cases.map((c, i) => {
      try {
        return parseCaseExport(c);
      } catch (err) {
        if (err instanceof DomainError && Array.isArray((err.params as { fields?: FieldIssue[] }).fields)) {
          throw invalid((err.params as { fields: FieldIssue[] }).fields.map((f) => ({ ...f, field: `cases.${i}.${f.field}` })));
        }
        throw err;
      }
    }),
  };
}

export const auditBundleFileName = (agencyCode: string, from: string, to: string): string =>
  `meritflow-audit-${agencyCode}-${from}-${to}.json`.replace(/[^A-Za-z0-9._-]/g, '_');
