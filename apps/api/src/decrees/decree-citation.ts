import { decreeCitationVerdict, DomainError, recordsDecree, type CitedEvidence } from '@meritflow/domain';
import type { DecreeRepository } from '@meritflow/persistence';

/**
 * Refuses (409 DECREE_DRAFT_NOT_CITED) a decision that records the decree of a case whose SK
 * meritflow drafted, unless it cites the latest draft's SHA-256; checked before the update, so a
 * refusal starts and records nothing. `subjectKey` is the post for a selection, '' otherwise. Any
 * other decision passes without reading the drafts (one query fewer per decision, issue 19).
 */
export async function assertDecreeDraftCited(
  decrees: DecreeRepository,
  caseId: string,
  subjectKey: string,
  input: { decision: string; evidence?: readonly CitedEvidence[] },
): Promise<void> {
  if (!recordsDecree(input.decision)) return;
  const latest = await decrees.latest(caseId, subjectKey);
  const draft = latest && { decreeNumber: latest.decreeNumber, sha256: latest.sha256, uri: `evidence:${latest.evidenceId}` };
  const verdict = decreeCitationVerdict(input.decision, draft, input.evidence);
  if (!verdict.ok) throw new DomainError(verdict.code, verdict.params);
}
