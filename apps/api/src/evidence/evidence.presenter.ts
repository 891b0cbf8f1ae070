import { evidenceRefOf } from '@meritflow/domain';
import type { EvidenceEntity } from '@meritflow/persistence';

/** An evidence row as the API shows it, with a reference a decision can carry as it is. */
export const presentEvidence = (e: EvidenceEntity) => ({
  id: e.id,
  sha256: e.sha256,
  sizeBytes: e.sizeBytes,
  mediaType: e.mediaType,
  fileName: e.fileName,
  kind: e.kind,
  agencyCode: e.agencyCode,
  uploadedAt: e.uploadedAt.toISOString(),
  uploadedBy: { id: e.uploadedById, role: e.uploadedByRole, name: e.uploadedByName },
  ref: evidenceRefOf(e),
});
