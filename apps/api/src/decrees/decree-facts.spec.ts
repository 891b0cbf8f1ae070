import type { DossierDecision } from '../dossier/dossier.types';
import { CASE_TYPE_LIST } from '@meritflow/contracts';
import { decreeBasis, type DecreeRequest } from './decree-facts';

let seq = 0;
const row = (workflowId: string, decision: string, payload: Record<string, unknown>, role = 'ppk'): DossierDecision =>
  ({
    id: String(++seq),
    workflowId,
    runId: 'r',
    rootWorkflowId: workflowId.split(':').slice(0, 3).join(':'),
    parentWorkflowId: null,
    sequence: seq,
    decision,
    stepBefore: null,
    stepAfter: 'x',
    actor: { id: `${role}-1`, role, name: role === 'ppk' ? 'Drs. Harda Kiswaya' : 'Petugas' },
    reason: null,
    payload,
    evidence: [],
    sop: { id: 's', version: '1.0.0' },
    ruleVersion: null,
    decidedAt: '2026-12-03T03:00:00.000Z',
    recordedAt: '2026-12-03T03:00:00.000Z',
    idempotencyKey: '',
    chainSeq: null,
    rowHash: null,
    prevHash: null,
  }) as DossierDecision;

const REQ: DecreeRequest = { decreeDate: '2026-12-05', effectiveDate: '2026-12-07', place: 'Sleman' };
const SEL = {
  caseId: 'open-selection:PEMKAB-SLEMAN:SELTER-1',
  caseType: 'open-selection',
  agencyCode: 'PEMKAB-SLEMAN',
  title: 'Seleksi Terbuka JPT Pratama 2026',
  sop: { id: 'open-selection', version: '1.1.0' },
};
const NIP = '197501012000031001';

const selectionRows = (withPick: boolean) => [
  row(
    SEL.caseId,
    'open_selection',
    { posts: [{ positionCode: 'KADIS-PU', title: 'Kepala Dinas PU', organisationalUnit: 'Dinas PU', positionClass: 'jpt_pratama' }] },
    'hr_officer',
  ),
  row(
    SEL.caseId,
    'register_candidates',
    { candidates: [{ register: { facts: { nip: NIP, name: 'Andi Wijaya', golongan: 'IV/b' } } }] },
    'hr_officer',
  ),
  row(
    SEL.caseId,
    'recommend',
    { postCode: 'KADIS-PU', recommended: [NIP, '2', '3'], overseer: { code: 'bkn', name: { id: 'BKN', en: 'BKN' } } },
    'overseer',
  ),
  ...(withPick ? [row(SEL.caseId, 'pick', { postCode: 'KADIS-PU', nip: NIP, rank: 1, total: 88 })] : []),
];

describe('decreeBasis: the decree’s facts from the ledger', () => {
  it.each(CASE_TYPE_LIST.map((e) => [e.type, e.decree] as const))(
    'reads the %s case type’s decree kind (%s) from the case-type registry',
    (caseType, family) => {
      const id = `${caseType}:PEMKAB-SLEMAN:X-1`;
      const sop = { id: CASE_TYPE_LIST.find((e) => e.type === caseType)!.sopIds[0], version: '1.0.0' };
      const code = family === null ? 'DECREE_NOT_APPLICABLE' : 'DECREE_NOT_READY';
      expect(() => decreeBasis({ ...SEL, caseId: id, caseType, sop }, [], REQ)).toThrow(expect.objectContaining({ code }));
    },
  );

  it('reads a selection appointment from the pick, the opening’s post and the registration’s register facts', () => {
    const b = decreeBasis(SEL, selectionRows(true), REQ);
    expect(b).toMatchObject({ kind: 'selection_appointment', subjectKey: 'KADIS-PU', appointingRow: { decision: 'pick' } });
    expect(b.facts.subject).toEqual({
      kind: 'selection_appointment',
      selectionTitle: SEL.title,
      post: { code: 'KADIS-PU', title: 'Kepala Dinas PU', unit: 'Dinas PU', agencyCode: 'PEMKAB-SLEMAN', positionClass: 'jpt_pratama' },
      person: { nip: NIP, name: 'Andi Wijaya', golongan: 'IV/b' },
      rank: 1,
      shortlistSize: 3,
      recommendedBy: 'BKN',
    });
    expect(b.facts.signatory).toEqual({ office: 'Pejabat Pembina Kepegawaian PEMKAB-SLEMAN', name: 'Drs. Harda Kiswaya', nip: null });
  });

  it.each([
    ['a selection before the PPK’s pick', SEL, selectionRows(false), 'DECREE_NOT_READY', { requires: ['pick'] }],
    [
      'a move before its approval',
      { ...SEL, caseId: 'move:PEMKAB-SLEMAN:MUT-1', caseType: 'move' },
      [row('move:PEMKAB-SLEMAN:MUT-1', 'propose', { move: { kind: 'mutation', person: { nip: NIP }, from: {}, to: {} } }, 'hr_officer')],
      'DECREE_NOT_READY',
      { requires: ['approve', 'record_governor_decision', 'record_minister_decision'] },
    ],
    [
      'a discipline case before the sanction',
      { ...SEL, caseId: 'discipline:PEMKAB-SLEMAN:HD-1', caseType: 'discipline' },
      [row('discipline:PEMKAB-SLEMAN:HD-1', 'report', { subject: { nip: NIP, name: 'Andi' } }, 'hr_officer')],
      'DECREE_NOT_READY',
      { requires: ['decide_sanction'] },
    ],
    [
      'a vacancy',
      { ...SEL, caseId: 'vacancy:PEMKAB-SLEMAN:KADIS-PU', caseType: 'vacancy' },
      [],
      'DECREE_NOT_APPLICABLE',
      { caseType: 'vacancy' },
    ],
    ...(['1.0.0-madya', '1.0.1-madya', '1.1.0-madya', '1.0.0-utama', '1.1.0-utama'] as const).map(
      (version) =>
        [
          `a selection pinned to ${version} (its chain ends in a Keppres), even with a pick`,
          { ...SEL, sop: { id: 'open-selection', version } },
          selectionRows(true),
          'DECREE_NOT_APPLICABLE',
          { detail: 'Keppres' },
        ] as const,
    ),
  ] as const)('refuses %s (case %#)', (_, c, rows, code, params) => {
    expect(() => decreeBasis(c, rows as DossierDecision[], REQ)).toThrow(
      expect.objectContaining({ code, params: expect.objectContaining(params) }),
    );
  });

  it('lists a bulk move’s members except those the PPK excluded, in proposal order', () => {
    const id = 'bulk-move:PEMKAB-SLEMAN:SK-1';
    const move = (nip: string, name: string) => ({
      person: { nip, name },
      from: { positionCode: `A-${name}` },
      to: { positionCode: `B-${name}` },
    });
    const rows = [
      row(id, 'propose_batch', { moves: [move('1', 'Satu'), move('2', 'Dua'), move('3', 'Tiga')] }, 'hr_officer'),
      row(id, 'approve_batch', { exclusions: [{ nip: '2', reason: 'terhalang' }] }),
    ];
    const b = decreeBasis({ ...SEL, caseId: id, caseType: 'bulk-move' }, rows, REQ);
    expect(b.facts.subject).toEqual({
      kind: 'bulk_move',
      annex: [
        { nip: '1', name: 'Satu', from: 'A-Satu', to: 'B-Satu' },
        { nip: '3', name: 'Tiga', from: 'A-Tiga', to: 'B-Tiga' },
      ],
    });
  });
  it('reads a move’s person from the register facts its approval was judged on, and who decided', () => {
    const id = 'move:PEMKAB-SLEMAN:MUT-1';
    const rows = [
      row(
        id,
        'propose',
        {
          move: {
            kind: 'rotation',
            scope: 'intra_agency',
            person: { nip: NIP },
            from: { positionCode: 'KABID-A', agencyCode: 'PEMKAB-SLEMAN' },
            to: { positionCode: 'KABID-B', agencyCode: 'PEMKAB-SLEMAN' },
          },
        },
        'hr_officer',
      ),
      row(id, 'approve', {
        evaluation: { allowed: true, facts: { register: { facts: { nip: NIP, name: 'Andi Wijaya', golongan: 'III/d' } } } },
      }),
    ];
    const b = decreeBasis({ ...SEL, caseId: id, caseType: 'move' }, rows, REQ);
    expect(b).toMatchObject({ kind: 'move', subjectKey: '', appointingRow: { decision: 'approve' } });
    expect(b.facts.subject).toEqual({
      kind: 'move',
      moveKind: 'rotation',
      person: { nip: NIP, name: 'Andi Wijaya', golongan: 'III/d' },
      from: { code: 'KABID-A', title: null, unit: null, agencyCode: 'PEMKAB-SLEMAN' },
      to: { code: 'KABID-B', title: null, unit: null, agencyCode: 'PEMKAB-SLEMAN' },
      decidedBy: 'Pejabat Pembina Kepegawaian',
    });
  });

  it('reads a discipline decree from the report, the examination and the PPK’s sanction', () => {
    const id = 'discipline:PEMKAB-SLEMAN:HD-1';
    const rows = [
      row(
        id,
        'report',
        {
          subject: { nip: NIP, name: 'Andi Wijaya', golongan: 'III/c', position: { title: 'Kepala Seksi', postCode: 'KASI-1' } },
          allegation: 'Tidak masuk kerja 12 hari',
          reportedOn: '2026-11-01',
        },
        'hr_officer',
      ),
      row(id, 'record_examination', { examination: { examinedOn: '2026-11-20', team: [] } }, 'hr_officer'),
      row(id, 'decide_sanction', { sanction: { level: 'medium', sanction: 'potongan_tunjangan_25_6_bulan', decidedOn: '2026-12-03' } }),
    ];
    const b = decreeBasis({ ...SEL, caseId: id, caseType: 'discipline' }, rows, REQ);
    expect(b.facts.subject).toEqual({
      kind: 'discipline',
      person: { nip: NIP, name: 'Andi Wijaya', golongan: 'III/c', post: 'Kepala Seksi (KASI-1)' },
      allegation: 'Tidak masuk kerja 12 hari',
      examinedOn: '2026-11-20',
      level: 'medium',
      sanction: 'potongan_tunjangan_25_6_bulan',
    });
  });
});
