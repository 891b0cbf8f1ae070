import type { WorkflowBundle } from '@temporalio/worker';
import { auditCase, type AuditVerdict, type CaseAudit } from './audit-case';
import type { ParsedCaseExport } from './case-export';
import { verifyChainRows, type ChainCheck } from './chain-check';

export interface ExportAudit extends CaseAudit {
  /** The case's hash chain recomputed from the file; null for a version-1 export, which has none. */
  chain: ChainCheck | null;
}

/**
 * The offline check of one exported case: its hash chain recomputed row by row, each archived
 * history against the hash the chain holds for it, every history replayed against this build's
 * workflow code, and the decisions compared with the ledger rows.
 */
export async function auditExport(exported: ParsedCaseExport, bundle: WorkflowBundle): Promise<ExportAudit> {
  const audit = await auditCase({ histories: exported.histories, ledger: exported.ledger, bundle, root: exported.root ?? undefined });
  const chain = exported.version >= 2 ? verifyChainRows(exported.caseId, exported.ledger) : null;
  const verdict: AuditVerdict = audit.verdict === 'consistent' && (chain?.ok ?? true) ? 'consistent' : 'inconsistent';
  return { ...audit, chain, verdict };
}
