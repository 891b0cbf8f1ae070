import { DomainError } from '../errors';
import { ALL_SANCTIONS } from '../register/register.types';
import { buildDecree, decreeVariables, fillDecreeText } from './build-decree';
import { DECREE_TEMPLATES, decreeTemplateFor } from './decree-templates';
import type { DecreeFacts, DecreeKind, DecreeSubject } from './decree.types';
import { indonesianDate, SANCTIONS_WITHOUT_WORDING } from './decree-wording';
import { DECREE_KINDS } from './decree.types';

const person = { nip: '197501012000031001', name: 'Andi Wijaya', golongan: 'IV/b' };
const post = (code: string) => ({ code, title: `Kepala ${code}`, unit: 'Dinas PUPR', agencyCode: 'PEMKAB-SLEMAN' });

const SUBJECTS: Record<DecreeKind, DecreeSubject> = {
  selection_appointment: {
    kind: 'selection_appointment',
    selectionTitle: 'Seleksi Terbuka JPT Pratama 2026',
    post: { ...post('KADIS-PU'), positionClass: 'jpt_pratama' },
    person,
    rank: 2,
    shortlistSize: 3,
    recommendedBy: 'BKN',
  },
  move: {
    kind: 'move',
    moveKind: 'rotation',
    person,
    from: post('KABID-A'),
    to: post('KABID-B'),
    decidedBy: 'Pejabat Pembina Kepegawaian',
  },
  talent_promotion: {
    kind: 'talent_promotion',
    moveKind: 'talent_promotion',
    person,
    from: post('KABID-A'),
    to: post('KADIS-PU'),
    decidedBy: 'Pejabat Pembina Kepegawaian',
  },
  bulk_move: {
    kind: 'bulk_move',
    annex: [
      { nip: '198001012005011001', name: 'Budi Hartono', from: 'KASI-1', to: 'KASI-2' },
      { nip: '198202022006042002', name: 'Citra Lestari', from: 'KASI-2', to: 'KASI-3' },
    ],
  },
  discipline: {
    kind: 'discipline',
    person: { ...person, post: 'Kepala Seksi (KASI-1)' },
    allegation: 'tidak masuk kerja tanpa alasan yang sah selama 12 hari',
    examinedOn: '2026-11-20',
    level: 'medium',
    sanction: 'potongan_tunjangan_25_6_bulan',
  },
};

const facts = (subject: DecreeSubject, over: Partial<DecreeFacts> = {}): DecreeFacts => ({
  caseId: 'open-selection:PEMKAB-SLEMAN:SELTER-1',
  agencyCode: 'PEMKAB-SLEMAN',
  appointing: { decision: 'pick', decidedAt: '2026-12-03T03:00:00.000Z' },
  subject,
  decreeNumber: '821.2/7/PEMKAB-SLEMAN/2026',
  decreeDate: '2026-12-05',
  effectiveDate: '2026-12-07',
  place: 'Sleman',
  signatory: { office: 'Bupati Sleman', name: 'Drs. Harda', nip: null },
  ...over,
});

describe('decree templates', () => {
  it.each([
    ['selection_appointment', '2019-12-31', null],
    ['selection_appointment', '2020-01-01', 'sk-pengangkatan-jpt@1.0.0'],
    ['selection_appointment', '2023-10-30', 'sk-pengangkatan-jpt@1.0.0'],
    ['selection_appointment', '2023-10-31', 'sk-pengangkatan-jpt@2.0.0'],
    ['talent_promotion', '2025-12-31', 'sk-promosi-talenta@1.0.0'],
    ['talent_promotion', '2026-01-01', 'sk-promosi-talenta@2.0.0'],
    ['move', '2023-10-30', null],
    ['move', '2026-12-07', 'sk-mutasi@1.0.0'],
    ['bulk_move', '2026-12-07', 'sk-mutasi-kolektif@1.0.0'],
    ['discipline', '2026-12-07', 'sk-hukuman-disiplin@1.0.0'],
  ] as const)('a %s decree with TMT %s takes %s', (kind, date, expected) => {
    const t = decreeTemplateFor(kind, date);
    expect(t ? `${t.id}@${t.version}` : null).toBe(expected);
  });

  it('has one template family per kind, versions unique, frozen', () => {
    expect(new Set(DECREE_TEMPLATES.map((t) => t.kind))).toEqual(new Set(DECREE_KINDS));
    const keys = DECREE_TEMPLATES.map((t) => `${t.id}@${t.version}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(Object.isFrozen(DECREE_TEMPLATES[0])).toBe(true);
    expect(Object.isFrozen(DECREE_TEMPLATES[0].legalBases)).toBe(true);
  });

  it.each(DECREE_TEMPLATES.map((t) => [`${t.id}@${t.version}`, t] as const))('%s fills every placeholder from its kind’s facts', (_, t) => {
    const vars = decreeVariables(facts(SUBJECTS[t.kind]));
    for (const text of [t.about, t.decides, ...t.considerations, ...t.clauses]) {
      expect(fillDecreeText(text, vars, t.id)).not.toMatch(/\{\{|\}\}/);
    }
  });

  it('has decree wording for every PP 94/2021 sanction', () => {
    expect(ALL_SANCTIONS.length).toBeGreaterThan(0);
    expect(SANCTIONS_WITHOUT_WORDING()).toEqual([]);
  });
});

describe('buildDecree', () => {
  it('builds the appointment decree after the PPK’s pick, under the UU 20/2023 version for a TMT in 2026', () => {
    const d = buildDecree(facts(SUBJECTS.selection_appointment));
    expect(d.template).toEqual({ id: 'sk-pengangkatan-jpt', version: '2.0.0', effectiveFrom: '2023-10-31' });
    expect(d.heading).toBe('KEPUTUSAN BUPATI SLEMAN');
    expect(d.about).toBe('PENGANGKATAN DALAM JABATAN PIMPINAN TINGGI PRATAMA');
    expect(d.legalBases[0]).toBe('Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara');
    expect(d.legalBases.join(' ')).toContain('Pasal 127');
    expect(d.considerations[1]).toContain('pada tanggal 3 Desember 2026 telah memilih Andi Wijaya (peringkat 2)');
    expect(d.considerations[1]).toContain('3 nama calon');
    expect(d.clauses.map((c) => c.ordinal)).toEqual(['KESATU', 'KEDUA', 'KETIGA', 'KEEMPAT']);
    expect(d.clauses[0].text).toContain('NIP 197501012000031001');
    expect(d.clauses[0].text).toContain('terhitung mulai tanggal 7 Desember 2026');
    expect(d).toMatchObject({ dateText: '5 Desember 2026', place: 'Sleman', annex: null });
  });

  it('cites UU 5/2014 for a decision that took effect before UU 20/2023', () => {
    const d = buildDecree(
      facts(SUBJECTS.selection_appointment, {
        appointing: { decision: 'pick', decidedAt: '2023-05-01T01:00:00Z' },
        decreeDate: '2023-05-02',
        effectiveDate: '2023-06-01',
      }),
    );
    expect(d.template.version).toBe('1.0.0');
    expect(d.legalBases[0]).toContain('Nomor 5 Tahun 2014');
  });

  it('lists every person of a collective decree in its annex, numbered, under the decree’s number', () => {
    const d = buildDecree(facts(SUBJECTS.bulk_move, { appointing: { decision: 'approve_batch', decidedAt: '2026-12-03T03:00:00Z' } }));
    expect(d.annex).toEqual({
      title: 'DAFTAR PEGAWAI NEGERI SIPIL YANG DIPINDAHKAN DALAM JABATAN',
      number: '821.2/7/PEMKAB-SLEMAN/2026',
      columns: ['No.', 'NIP', 'Nama', 'Jabatan lama', 'Jabatan baru'],
      rows: [
        ['1', '198001012005011001', 'Budi Hartono', 'KASI-1', 'KASI-2'],
        ['2', '198202022006042002', 'Citra Lestari', 'KASI-2', 'KASI-3'],
      ],
    });
    expect(d.clauses[0].text).toContain('Memindahkan 2 Pegawai Negeri Sipil');
  });

  it.each([
    [
      'move',
      'ROTASI PEGAWAI NEGERI SIPIL',
      'dari jabatan Kepala KABID-A (KABID-A) pada Dinas PUPR, PEMKAB-SLEMAN ke jabatan Kepala KABID-B',
    ],
    ['talent_promotion', 'PENGANGKATAN PEGAWAI NEGERI SIPIL DARI KELOMPOK RENCANA SUKSESI', 'ke jabatan Kepala KADIS-PU'],
    [
      'discipline',
      'PENJATUHAN HUKUMAN DISIPLIN SEDANG',
      'pemotongan tunjangan kinerja sebesar 25% (dua puluh lima persen) selama 6 (enam) bulan',
    ],
  ] as const)('words a %s decree: about %s', (kind, about, clause) => {
    const d = buildDecree(facts(SUBJECTS[kind]));
    expect(d.about).toBe(about);
    expect(d.clauses[0].text).toContain(clause);
  });

  it('is pure: the same facts give the same content', () => {
    expect(buildDecree(facts(SUBJECTS.bulk_move))).toEqual(buildDecree(facts(SUBJECTS.bulk_move)));
  });

  it.each([
    ['2026-12-02', true],
    ['2026-12-03', false],
    ['2026-12-04', false],
  ])('dated %s against a decision taken on 3 December (WIB): refused %s', (decreeDate, refused) => {
    // 2026-12-02T20:00Z is already 3 December in WIB.
    const f = facts(SUBJECTS.selection_appointment, { appointing: { decision: 'pick', decidedAt: '2026-12-02T20:00:00Z' }, decreeDate });
    if (!refused) {
      expect(buildDecree(f).date).toBe(decreeDate);
      return;
    }
    try {
      buildDecree(f);
      throw new Error('not refused');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).params.fields?.[0]).toMatchObject({ field: 'decreeDate', rule: 'decree.beforeDecision' });
    }
  });

  it('refuses a TMT no template version covers, naming the kind and date', () => {
    expect(() =>
      buildDecree(
        facts(SUBJECTS.move, {
          appointing: { decision: 'approve', decidedAt: '2023-01-01T00:00:00Z' },
          decreeDate: '2023-01-02',
          effectiveDate: '2023-01-05',
        }),
      ),
    ).toThrow(expect.objectContaining({ code: 'DECREE_TEMPLATE_NOT_IN_FORCE', params: { kind: 'move', effectiveDate: '2023-01-05' } }));
  });

  it('never prints a placeholder the facts do not give', () => {
    expect(() => fillDecreeText('Nama {{nama}}', { name: 'x' }, 't@1')).toThrow(/\{\{nama\}\}/);
  });

  it.each([
    ['2026-01-09', '9 Januari 2026'],
    ['2026-12-31', '31 Desember 2026'],
    ['2024-02-29', '29 Februari 2024'],
  ])('writes %s as %s', (iso, text) => {
    expect(indonesianDate(iso)).toBe(text);
  });
});
