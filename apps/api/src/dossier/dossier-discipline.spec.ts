import { decision } from '../../../../test/support/dossier-fixture';
import { disciplineSection, printDisciplineSection } from './dossier-discipline';

const ID = 'discipline:PEMKAB-A:HD-1';
const on = { workflowId: ID, rootWorkflowId: ID, sop: { id: 'discipline', version: '1.0.0' } };
const subject = {
  nip: '198203042008011001',
  name: 'Budi',
  golongan: 'III/c',
  position: { postCode: 'KASI-1', title: 'Kepala Seksi' },
};
const sanction = { level: 'heavy', sanction: 'penurunan_jabatan_12_bulan', imposedOn: '2026-12-07', endsOn: '2027-12-06' };

const rows = () => [
  decision({
    ...on,
    decision: 'report',
    stepBefore: null,
    stepAfter: 'examination',
    payload: { subject, allegation: 'Mangkir', reportedOn: '2026-12-01' },
  }),
  decision({
    ...on,
    decision: 'record_examination',
    stepBefore: 'examination',
    stepAfter: 'decision',
    payload: { examination: { examinedOn: '2026-12-02', team: [{ id: 'a', name: 'Atasan' }] } },
  }),
  decision({
    ...on,
    decision: 'decide_sanction',
    stepBefore: 'decision',
    stepAfter: 'decree',
    payload: { sanction: { ...sanction, decidedOn: '2026-12-03' } },
  }),
  decision({
    ...on,
    decision: 'record_decree',
    stepBefore: 'decree',
    stepAfter: 'appeal_window',
    payload: { decree: { number: 'SK-1' }, appealWindow: { kind: 'keberatan', opensOn: '2026-12-07', endsOn: '2026-12-21' } },
  }),
  decision({
    ...on,
    decision: 'sanction_in_force',
    stepBefore: 'taking_effect',
    stepAfter: 'in_force',
    payload: { sanction, register: { drafts: [{ type: 'sanction_recorded' }, { type: 'rank_changed' }], eventIds: [11, 12] } },
  }),
  decision({
    ...on,
    decision: 'record_restoration',
    stepBefore: 'restoration',
    stepAfter: 'completed',
    payload: { register: { drafts: [{ type: 'rank_changed' }], eventIds: [40] } },
  }),
];

describe('the discipline section of a dossier', () => {
  it('reads the official, the decision, the appeal window, the sanction in force and each register change from the ledger rows', () => {
    const s = disciplineSection(rows())!;
    expect(s.subject).toEqual({ nip: subject.nip, name: 'Budi', golongan: 'III/c', post: 'Kepala Seksi (KASI-1)' });
    expect(s.decided).toMatchObject({ level: 'heavy', sanction: 'penurunan_jabatan_12_bulan', decidedOn: '2026-12-03' });
    expect(s.appealWindow).toEqual({ kind: 'keberatan', opensOn: '2026-12-07', endsOn: '2026-12-21' });
    expect(s.inForce).toMatchObject({ imposedOn: '2026-12-07', endsOn: '2027-12-06' });
    expect(s.registerChanges.map((r) => [r.kind, r.types, r.eventIds])).toEqual([
      ['effect', ['sanction_recorded', 'rank_changed'], [11, 12]],
      ['restoration', ['rank_changed'], [40]],
    ]);
  });

  it('is absent from a case of another type', () => {
    expect(disciplineSection([decision({ decision: 'report', stepBefore: null, stepAfter: 'x' })])).toBeNull();
  });

  it('prints the sanction with its dates and the register changes in Bahasa Indonesia', () => {
    const out: string[] = [];
    printDisciplineSection(disciplineSection(rows())!, {
      heading: (t) => out.push(`# ${t}`),
      field: (l, v) => out.push(`${l}: ${v}`),
      by: (d) => d.actor.id,
    });
    expect(out).toContain('Hukuman berlaku: penurunan_jabatan_12_bulan (heavy) sejak 2026-12-07 sampai 2027-12-06');
    expect(out).toContain('Masa upaya administratif: keberatan: 2026-12-07 s.d. 2026-12-21');
    expect(out.find((l) => l.startsWith('Perubahan register (pemulihan)'))).toContain('peristiwa #40');
  });
});
