import { decision } from '../../../../test/support/dossier-fixture';
import { dossierSections } from './dossier-sections';

const MOVE = 'move:PEMPROV-X:198203042008011001';
const BULK = 'bulk-move:PEMKAB-B:SK-1';
const ppk = { id: '196801011990031004', role: 'ppk', name: 'Gubernur' };
const evaluation = (allowed: boolean, evaluatedAt: string, extra: Record<string, unknown>[] = []) => ({
  allowed,
  ruleVersion: 'mobility@2026-01-01',
  evaluatedAt,
  verdicts: [
    {
      rule: 'minimumTenure',
      ruleVersion: 'mobility@2026-01-01',
      passed: true,
      fact: '3 years',
      message: { id: 'masa jabatan cukup', en: 'long enough' },
    },
    ...extra,
  ],
  facts: {
    windows: [],
    approvals: [],
    agencyMerit: { agencyCode: 'PEMPROV-X', category: 'sangat_baik', scheme: 'kasn_400', assessedOn: '2026-03-01' },
  },
});
const onMove = { workflowId: MOVE, rootWorkflowId: MOVE, sop: { id: 'talent-promotion', version: '1.0.0' } };

describe('dossier sections of moves and bulk moves', () => {
  it('reads a talent promotion: the move, its 9-box inputs with the weights of their version, the merit category, the deciding verdicts, overrides and decree', () => {
    const talent = {
      vacancyId: 'vacancy:PEMPROV-X:KADIS-1',
      placement: { performance: 'above', potential: 'high', box: 9 },
      inputs: { performanceMain: 95, potentialScore: 92.5 },
      ruleVersion: 'mobility@2026-01-01',
    };
    const move = {
      kind: 'talent_promotion',
      scope: 'intra_agency',
      atOwnRequest: false,
      person: { nip: '198203042008011001', name: 'Ani' },
      from: { positionCode: 'KABID-1' },
      to: { positionCode: 'KADIS-1' },
    };
    const s = dossierSections([
      decision({ ...onMove, decision: 'propose', stepBefore: null, stepAfter: 'talent_review', payload: { move, talent } }),
      decision({
        ...onMove,
        decision: 'rules_evaluated',
        stepBefore: 'talent_review',
        stepAfter: 'talent_review',
        payload: { evaluation: evaluation(false, '2026-11-01T00:00:00Z') },
      }),
      decision({
        ...onMove,
        decision: 'override',
        stepBefore: 'ppk_decision',
        stepAfter: 'ppk_decision',
        actor: ppk,
        reason: 'Kebutuhan organisasi',
        evidence: [{ kind: 'dasar_hukum', uri: 'evidence:x', sha256: 'ab'.repeat(32) }],
        payload: { rules: ['minimumTenure'] },
      }),
      decision({
        ...onMove,
        decision: 'approve',
        stepBefore: 'ppk_decision',
        stepAfter: 'decree',
        actor: ppk,
        payload: {
          evaluation: evaluation(true, '2026-11-02T00:00:00Z', [
            { rule: 'fillWithoutOpenSelection', passed: true, message: { id: 'boleh', en: 'may' } },
          ]),
        },
      }),
      decision({
        ...onMove,
        decision: 'rules_evaluated',
        stepBefore: 'decree',
        stepAfter: 'decree',
        payload: { evaluation: evaluation(false, '2026-11-03T00:00:00Z') },
      }),
      decision({
        ...onMove,
        decision: 'record_decree',
        stepBefore: 'decree',
        stepAfter: 'completed',
        payload: { decree: { number: '821/5/2026', effectiveDate: '2026-12-01' } },
      }),
    ]);
    expect(s.move).toMatchObject({ kind: 'talent_promotion', scope: 'intra_agency', person: { nip: '198203042008011001' } });
    expect(s.talent).toMatchObject({
      placement: { performance: 'above', potential: 'high', box: 9 },
      inputs: { performanceMain: 95, potentialScore: 92.5 },
      ruleVersion: 'mobility@2026-01-01',
      weights: { final: { performance: 50, potential: 50 }, performance: { main: 60, supporting: 40 } },
      acceptedMeritCategories: expect.arrayContaining(['sangat_baik']),
    });
    // The approval's evaluation stands; a later check does not replace it.
    expect(s.evaluation).toMatchObject({
      decision: 'approve',
      allowed: true,
      evaluatedAt: '2026-11-02T00:00:00Z',
      agencyMerit: { category: 'sangat_baik' },
    });
    expect(s.overrides).toEqual([expect.objectContaining({ rules: ['minimumTenure'], reason: 'Kebutuhan organisasi' })]);
    expect(s.decree).toMatchObject({ number: '821/5/2026', effectiveDate: '2026-12-01' });
    expect(s.appointments).toEqual([]);
    expect(s.vacancy).toBeNull();
  });

  it('reads a bulk move: each member checked, excluded or included, and the annex of the collective decree', () => {
    const fact = (nip: string, name: string) => ({
      person: { nip, name },
      from: { positionCode: `A-${nip.slice(-1)}` },
      to: { positionCode: `B-${nip.slice(-1)}` },
    });
    const [n1, n2] = ['198203042008011001', '198203042008011002'];
    const onBulk = { workflowId: BULK, rootWorkflowId: BULK, sop: { id: 'bulk-move', version: '1.0.0' } };
    const member = (nip: string) => ({
      workflowId: `${BULK}:member:${nip}`,
      rootWorkflowId: BULK,
      parentWorkflowId: BULK,
      sop: { id: 'bulk-member', version: '1.0.0' },
    });
    const s = dossierSections([
      decision({
        ...onBulk,
        decision: 'propose_batch',
        stepBefore: null,
        stepAfter: 'checking',
        payload: { moves: [fact(n1, 'Ani'), fact(n2, 'Budi')] },
      }),
      decision({
        ...member(n1),
        decision: 'member_checked',
        stepBefore: 'checking',
        stepAfter: 'awaiting_batch',
        payload: { evaluation: { allowed: true, verdicts: [] } },
      }),
      decision({
        ...member(n2),
        decision: 'member_checked',
        stepBefore: 'checking',
        stepAfter: 'awaiting_batch',
        payload: { evaluation: { allowed: false, verdicts: [{ rule: 'minimumTenure', passed: false }] } },
      }),
      decision({
        ...onBulk,
        decision: 'approve_batch',
        stepBefore: 'awaiting_approval',
        stepAfter: 'decree',
        actor: ppk,
        payload: { exclusions: [{ nip: n2, reason: 'Terhalang' }], included: 1 },
      }),
      decision({
        ...onBulk,
        decision: 'record_decree',
        stepBefore: 'decree',
        stepAfter: 'completed',
        payload: {
          decree: { number: '821/9/2026', effectiveDate: '2026-12-01' },
          annex: [{ no: 1, nip: n1, name: 'Ani', from: 'A-1', to: 'B-1' }],
        },
      }),
      decision({ ...member(n1), decision: 'included_in_decree', stepBefore: 'awaiting_batch', stepAfter: 'moved', payload: {} }),
      decision({ ...member(n2), decision: 'excluded_from_batch', stepBefore: 'awaiting_batch', stepAfter: 'excluded', payload: {} }),
    ]);
    expect(s.bulk?.members).toEqual([
      { nip: n1, name: 'Ani', from: 'A-1', to: 'B-1', allowed: true, blocking: [], excluded: null, included: true },
      {
        nip: n2,
        name: 'Budi',
        from: 'A-2',
        to: 'B-2',
        allowed: false,
        blocking: ['minimumTenure'],
        excluded: 'Terhalang',
        included: false,
      },
    ]);
    expect(s.bulk?.annex).toEqual([{ no: 1, nip: n1, name: 'Ani', from: 'A-1', to: 'B-1' }]);
    expect(s.decree).toMatchObject({ number: '821/9/2026' });
    expect(s.move).toBeNull();
  });
});
