import { DomainError, evidenceIdOf, isEvidenceUri, type EvidenceRef, type FieldIssue } from '@meritflow/domain';
import type { EvidenceRepository } from '@meritflow/persistence';
import { OutOfScope } from './out-of-scope';

const notFound = (field: string, uri: string): FieldIssue => ({
  field,
  rule: 'evidenceExists',
  message: { id: `bukti ${uri} tidak ditemukan atau hash-nya berbeda`, en: `evidence ${uri} was not found or its hash differs` },
});

/**
 * Refuses (400, naming `field`) evidence that was never uploaded, whose hash differs, or that belongs
 * to an agency outside `agencies`: the case's own agency (and the acting officer's, who reached the
 * case). A ledger row must rest on documents the case's agency and its auditors can open. Another
 * agency's document is refused exactly like a missing one, and recorded as a security event.
 */
export async function assertEvidenceExists(
  evidence: EvidenceRepository,
  refs: readonly EvidenceRef[],
  field: string,
  agencies: readonly string[],
): Promise<void> {
  const { missing } = await evidence.resolveRefs([...refs]);
  const ours = refs.filter((r) => isEvidenceUri(r.uri) && !missing.includes(r.uri!));
  const ids = ours.map((r) => evidenceIdOf(r.uri!)).filter((id): id is string => id !== null);
  const foreign = (await evidence.findMany(ids)).filter((e) => !agencies.includes(e.agencyCode));
  const foreignUris = ours.filter((r) => foreign.some((e) => e.id === evidenceIdOf(r.uri!)?.toLowerCase())).map((r) => r.uri!);
  const refused = [...new Set([...missing, ...foreignUris])];
  if (refused.length === 0) return;
  // One entry per refused reference, named by its place in the list.
  const params = { fields: refs.flatMap((r, i) => (r.uri && refused.includes(r.uri) ? [notFound(`${field}.${i}`, r.uri)] : [])) };
  if (foreignUris.length === 0) throw new DomainError('VALIDATION_FAILED', params);
  throw new OutOfScope('VALIDATION_FAILED', params, 'EVIDENCE_OUT_OF_SCOPE', {
    evidence: foreign.map((e) => ({ id: e.id, agencyCode: e.agencyCode })),
    allowedAgencies: agencies,
  });
}
