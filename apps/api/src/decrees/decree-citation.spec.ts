import { DomainError } from '@meritflow/domain';
import type { DecreeEntity, DecreeRepository } from '@meritflow/persistence';
import { assertDecreeDraftCited } from './decree-citation';

/** A decree store holding one draft, counting how often it is read. */
function drafts(draft: Pick<DecreeEntity, 'decreeNumber' | 'sha256' | 'evidenceId'> | null) {
  const reads: [string, string][] = [];
  const repo = {
    latest: (caseId: string, subjectKey: string) => {
      reads.push([caseId, subjectKey]);
      return Promise.resolve(draft as DecreeEntity | null);
    },
  } as unknown as DecreeRepository;
  return { repo, reads };
}

const DRAFT = { decreeNumber: '800/12/BKPSDM/2026', sha256: 'a'.repeat(64), evidenceId: '11111111-1111-4111-8111-111111111111' };

describe('assertDecreeDraftCited', () => {
  it('reads no drafts for a decision that records no decree', async () => {
    const { repo, reads } = drafts(DRAFT);
    await expect(
      assertDecreeDraftCited(repo, 'open-selection:PEMKAB-X:S1', 'P1', { decision: 'screen_candidate' }),
    ).resolves.toBeUndefined();
    expect(reads).toEqual([]);
  });

  it('reads the latest draft of the subject for record_decree and refuses when it is not cited', async () => {
    const { repo, reads } = drafts(DRAFT);
    const refused = await assertDecreeDraftCited(repo, 'move:PEMKAB-X:M1', '', { decision: 'record_decree', evidence: [] }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('DECREE_DRAFT_NOT_CITED');
    expect(reads).toEqual([['move:PEMKAB-X:M1', '']]);
  });

  it('passes record_keppres citing the draft, and record_decree when nothing was drafted', async () => {
    const cited = drafts(DRAFT);
    await expect(
      assertDecreeDraftCited(cited.repo, 'open-selection:PEMKAB-X:S1', 'P1', {
        decision: 'record_keppres',
        evidence: [{ sha256: DRAFT.sha256 }],
      }),
    ).resolves.toBeUndefined();
    expect(cited.reads).toEqual([['open-selection:PEMKAB-X:S1', 'P1']]);
    const none = drafts(null);
    await expect(assertDecreeDraftCited(none.repo, 'move:PEMKAB-X:M1', '', { decision: 'record_decree' })).resolves.toBeUndefined();
    expect(none.reads).toHaveLength(1);
  });
});
