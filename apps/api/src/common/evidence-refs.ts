import { DomainError, type EvidenceRef } from '../../../../libs/domain/src';
import type { EvidenceRepository } from '../../../../libs/persistence/src';

/** Refuses (400, naming `field`) evidence that was never uploaded or whose hash differs. */
export async function assertEvidenceExists(evidence: EvidenceRepository, refs: readonly EvidenceRef[], field = 'evidence'): Promise<void> {
  const { missing } = await evidence.resolveRefs([...refs]);
  if (missing.length === 0) return;
  throw new DomainError('VALIDATION_FAILED', {
    fields: missing.map((uri) => ({
      field,
      rule: 'evidenceExists',
      message: { id: `bukti ${uri} tidak ditemukan atau hash-nya berbeda`, en: `evidence ${uri} was not found or its hash differs` },
    })),
  });
}
