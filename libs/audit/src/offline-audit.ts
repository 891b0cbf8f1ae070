import type { WorkflowBundle } from '@temporalio/worker';
import type { AesGcmPayloadCodec } from '@meritflow/codec';
import { checkArchivedHistories } from './archive-check';
import { auditCase, type AuditVerdict, type CaseAudit } from './audit-case';
import type { ParsedCaseExport } from './case-export';
import { verifyChainRows, type ChainCheck } from './chain-check';
import { KEYLESS_CODEC, payloadKeyIdsOf } from './history-payloads';

/** `needs_key`: the chain and the history hashes are intact, but replay needs payload keys not given. */
export type ExportVerdict = AuditVerdict | 'needs_key';

export interface ExportAudit extends Omit<CaseAudit, 'verdict'> {
  /** The case's hash chain recomputed from the file; null for a version-1 export, which has none. */
  chain: ChainCheck | null;
  /** Keys the histories' encrypted payloads name that were not given; then nothing was replayed or compared. */
  missingKeys: string[];
  verdict: ExportVerdict;
}

const NOTHING_COMPARED = { matches: 0, missing: [], extra: [], altered: [], pending: [], afterSnapshot: [] };

/**
 * The offline check of one exported case: its hash chain recomputed row by row, each archived
 * history against the hash the chain holds for it, every history replayed against this build's
 * workflow code, and the decisions compared with the ledger rows.
 *
 * Histories are exported as stored, with encrypted payloads. Without the keys they name, the chain
 * and the hashes are still checked (they cover the stored bytes), and the verdict says that the
 * replay needs the keys.
 */
export async function auditExport(
  exported: ParsedCaseExport,
  bundle: WorkflowBundle,
  codec: AesGcmPayloadCodec = KEYLESS_CODEC,
): Promise<ExportAudit> {
  const chain = exported.version >= 2 ? verifyChainRows(exported.caseId, exported.ledger) : null;
  const needed = new Set(exported.histories.flatMap((h) => [...payloadKeyIdsOf(h.history)]));
  const missingKeys = [...needed].filter((id) => !codec.hasKey(id)).sort();
  if (missingKeys.length > 0) {
    const archive = checkArchivedHistories(exported.histories, exported.ledger);
    const intact = (chain?.ok ?? true) && archive.every((a) => a.ok);
    return { replay: [], comparison: NOTHING_COMPARED, archive, chain, missingKeys, verdict: intact ? 'needs_key' : 'inconsistent' };
  }
  const audit = await auditCase({
    histories: exported.histories,
    ledger: exported.ledger,
    bundle,
    root: exported.root ?? undefined,
    codec,
  });
  const verdict: AuditVerdict = audit.verdict === 'consistent' && (chain?.ok ?? true) ? 'consistent' : 'inconsistent';
  return { ...audit, chain, missingKeys: [], verdict };
}
