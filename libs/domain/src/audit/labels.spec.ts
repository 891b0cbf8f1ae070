import { decisionLabelOf } from './labels';

describe('decisionLabelOf', () => {
  it.each([
    ['vacancy', 'propose', 'Usulan lowongan'],
    ['move', 'propose', 'Usulan pemindahan pegawai'],
    ['open-selection', 'record_decree', 'SK pengangkatan'],
    ['move', 'record_decree', 'SK pemindahan (mutasi/rotasi/promosi)'],
    ['bulk-move', 'record_decree', 'SK kolektif'],
    ['move', 'history_archived', 'Riwayat alur kerja diarsipkan'],
    ['move', 'no_such_decision', 'no_such_decision'],
  ])('labels %s %s as "%s"', (caseType, decision, label) => {
    expect(decisionLabelOf(caseType, decision).id).toBe(label);
  });
});
