import { checkConformance, getSop } from '@meritflow/domain';
import { toLedgerDecision } from '@meritflow/api';
import type { CaseDossier, DossierDecision } from '@meritflow/api';
import type { DecisionEntity } from '@meritflow/persistence';

export const FIXTURE_CASE = 'open-selection:PEMKAB-SLEMAN:SELTER-2026';
export const FIXTURE_NIP = '197804122003031001';
export const FIXTURE_REASON = 'Pengalaman lapangan, "terbukti"\nlebih relevan, termasuk program prioritas';
const SHA = 'ab'.repeat(32);

let seq = 0;
/** A ledger row as the dossier carries it; times an hour apart. */
export function decision(over: Partial<DossierDecision> & Pick<DossierDecision, 'decision' | 'stepBefore' | 'stepAfter'>): DossierDecision {
  seq++;
  return {
    id: String(seq),
    workflowId: FIXTURE_CASE,
    runId: 'run-1',
    rootWorkflowId: FIXTURE_CASE,
    parentWorkflowId: null,
    sequence: seq,
    actor: { id: '198503152010012003', role: 'hr_officer', name: 'Siti Rahayu' },
    reason: null,
    payload: {},
    evidence: [],
    sop: { id: 'open-selection', version: '1.0.0-test.fast' },
    ruleVersion: null,
    decidedAt: new Date(Date.UTC(2026, 10, 2, seq)).toISOString(),
    recordedAt: new Date(Date.UTC(2026, 10, 2, seq, 0, 1)).toISOString(),
    idempotencyKey: `${FIXTURE_CASE}:run-1:${seq}`,
    chainSeq: seq,
    rowHash: SHA,
    prevHash: seq === 1 ? null : SHA,
    ...over,
  };
}

/** A small open-selection dossier with a committee, a conflict, a ranking, a pick with a justification and a decree. */
export function fixtureDossier(): CaseDossier {
  seq = 0;
  const ev = (kind: string) => [{ kind, uri: `evidence:00000000-0000-4000-8000-00000000000${kind.length % 10}`, sha256: SHA }];
  const decisions: DossierDecision[] = [
    decision({ decision: 'open_selection', stepBefore: null, stepAfter: 'committee_formation' }),
    decision({
      decision: 'form_committee',
      stepBefore: 'committee_formation',
      stepAfter: 'announcement',
      actor: { id: '196801011990031004', role: 'ppk', name: 'Bupati Sleman' },
      evidence: ev('sk_pansel'),
      payload: {
        members: [
          { id: 'pansel-1', name: 'Prof. Dr. Sri Wahyuni', affiliation: 'external', isChair: true },
          { id: 'pansel-2', name: 'Ir. Bambang Priyono', affiliation: 'internal', isChair: false },
        ],
      },
    }),
    decision({
      decision: 'register_candidates',
      stepBefore: 'announcement',
      stepAfter: 'registration',
      payload: { candidates: [{ postCode: 'KADIS-PUPR', profile: { nip: FIXTURE_NIP, name: 'Budi Hartono' }, eligible: true }] },
    }),
    decision({
      decision: 'declare_interests',
      stepBefore: 'scoring',
      stepAfter: 'scoring',
      workflowId: `${FIXTURE_CASE}:committee-review`,
      actor: { id: 'pansel-2', role: 'committee_member', name: 'Ir. Bambang Priyono' },
      payload: { declarations: [{ nip: FIXTURE_NIP, conflicted: true, note: 'ipar' }] },
    }),
    decision({
      decision: 'ranking_computed',
      stepBefore: 'ranking',
      stepAfter: 'ranking',
      actor: { id: 'system', role: 'system', name: 'meritflow' },
      payload: {
        ranking: {
          'KADIS-PUPR': [
            { nip: FIXTURE_NIP, rank: 1, total: 86.5, components: { administrative: 90, assessment: 91.67, paper: 85, interview: 84 } },
          ],
        },
        shortlist: { 'KADIS-PUPR': [{ nip: FIXTURE_NIP, rank: 1 }] },
      },
    }),
    decision({
      decision: 'pick',
      stepBefore: 'ppk_decision',
      stepAfter: 'ppk_decision',
      actor: { id: '196801011990031004', role: 'ppk', name: 'Bupati Sleman' },
      reason: FIXTURE_REASON,
      payload: { postCode: 'KADIS-PUPR', nip: FIXTURE_NIP, rank: 1, total: 86.5 },
    }),
    decision({
      decision: 'record_decree',
      stepBefore: 'awaiting_decree',
      stepAfter: 'awaiting_inauguration',
      workflowId: `${FIXTURE_CASE}:appointment:KADIS-PUPR`,
      evidence: ev('sk_pengangkatan'),
      reason: '=HYPERLINK("http://example.invalid")',
      payload: {
        postCode: 'KADIS-PUPR',
        nip: FIXTURE_NIP,
        decreeNumber: '821.2/123/2026',
        effectiveDate: '2026-12-01',
        inauguratedOn: null,
      },
    }),
  ];
  const sop = getSop({ id: 'open-selection', version: '1.0.0-test.fast' });
  const asEntity = (d: DossierDecision) =>
    ({
      ...d,
      actorId: d.actor.id,
      actorRole: d.actor.role,
      actorName: d.actor.name,
      sopId: d.sop.id,
      sopVersion: d.sop.version,
      decidedAt: new Date(d.decidedAt),
    }) as unknown as DecisionEntity;
  return {
    format: 'meritflow-case-dossier',
    version: 1,
    generatedAt: '2026-11-22T03:00:00.000Z',
    case: {
      caseId: FIXTURE_CASE,
      runId: 'run-1',
      caseType: 'open-selection',
      agencyCode: 'PEMKAB-SLEMAN',
      businessKey: 'SELTER-2026',
      title: 'Seleksi Terbuka JPT Pratama 2026 → Dinas PUPR ≥ 1 jabatan',
      status: 'appointment',
      step: 'appointment',
      details: {},
      createdAt: '2026-11-02T01:00:00.000Z',
      updatedAt: '2026-11-02T07:00:00.000Z',
    },
    sop: { id: sop.id, version: sop.version, title: sop.title, legalBasis: sop.legalBasis, effectiveFrom: sop.effectiveFrom },
    state: null,
    stateUnavailable: null,
    stateSource: null,
    archivedHistories: [],
    hashChain: true,
    decisions,
    evidence: [],
    conformance: checkConformance(sop, decisions.map(asEntity).map(toLedgerDecision), new Date('2026-11-22T03:00:00Z')),
  };
}
