import type { ImportRowIssue } from '@meritflow/domain';
import type { ImportFormat } from './import-file';

// An import batch as the API and the CLI show it, read from register_import_batches.

export type ImportStatus = 'running' | 'completed' | 'failed';

export interface ImportBatchView {
  id: string;
  agencyCode: string;
  fileName: string;
  fileSha256: string;
  format: ImportFormat;
  status: ImportStatus;
  rulesVersion: string;
  rowsTotal: number;
  rowsDone: number;
  personsTotal: number;
  personsApplied: number;
  personsUnchanged: number;
  personsRejected: number;
  eventsRecorded: number;
  errorsTotal: number;
  createdBy: Record<string, unknown>;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface ImportErrorsPage {
  offset: number;
  limit: number;
  /** Every row error found; `items` pages through the first `stored` of them. */
  total: number;
  stored: number;
  items: ImportRowIssue[];
}

export interface BatchRow {
  id: string;
  agency_code: string;
  file_name: string;
  file_sha256: string;
  format: ImportFormat;
  status: ImportStatus;
  rules_version: string;
  rows_total: number;
  rows_done: number;
  persons_total: number;
  persons_applied: number;
  persons_unchanged: number;
  persons_rejected: number;
  events_recorded: number;
  errors_total: number;
  created_by: Record<string, unknown>;
  started_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

export const BATCH_COLUMNS = `id, agency_code, file_name, encode(file_sha256, 'hex') AS file_sha256, format, status, rules_version, rows_total,
  rows_done, persons_total, persons_applied, persons_unchanged, persons_rejected, events_recorded, errors_total, created_by, started_at,
  updated_at, finished_at`;

export const toView = (r: BatchRow): ImportBatchView => ({
  id: r.id,
  agencyCode: r.agency_code,
  fileName: r.file_name,
  fileSha256: r.file_sha256,
  format: r.format,
  status: r.status,
  rulesVersion: r.rules_version,
  rowsTotal: r.rows_total,
  rowsDone: r.rows_done,
  personsTotal: r.persons_total,
  personsApplied: r.persons_applied,
  personsUnchanged: r.persons_unchanged,
  personsRejected: r.persons_rejected,
  eventsRecorded: r.events_recorded,
  errorsTotal: r.errors_total,
  createdBy: r.created_by,
  startedAt: r.started_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  finishedAt: r.finished_at ? r.finished_at.toISOString() : null,
});
