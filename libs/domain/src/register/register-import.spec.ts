import { mapImportRow, missingColumns, type ImportRow, type ImportSheet, type MappedRow } from './register-import';
import { parseGolongan, parseImportDate } from './register-import-codes';
import { locateIssue, orderPersonDrafts } from './register-import-plan';

const NIP = '197504122000031001';
const row = (sheet: ImportSheet, cells: Record<string, string>, n = 2): ImportRow => ({ sheet, row: n, cells });
const person = (over: Record<string, string> = {}) =>
  row('pegawai', {
    nip: NIP,
    nama: 'Budi Santoso',
    tgl_lahir: '12-04-1975',
    jenis_kelamin: 'L',
    jenis_pegawai: 'PNS',
    unit_kerja: 'dinas-a',
    kode_instansi: 'PEMKAB-X',
    ...over,
  });
const issuesOf = (m: MappedRow) => (m.kind === 'invalid' ? m.issues.map((i) => `${i.field}:${i.rule}`) : []);

describe('parseImportDate', () => {
  it.each([
    ['2025-02-28', '2025-02-28'],
    ['28-02-2025', '2025-02-28'],
    ['1/2/2025', '2025-02-01'],
    ['29-02-2024', '2024-02-29'],
    ['36586', '2000-03-01'],
    ['45716', '2025-02-28'],
    ['2025-02-30', null],
    ['29-02-2025', null],
    ['30/02/2025', null],
    ['2025-13-01', null],
    ['12 April 1975', null],
    ['', null],
  ])('reads %p as %p', (text, expected) => {
    expect(parseImportDate(text)).toBe(expected);
  });
});

describe('parseGolongan', () => {
  it.each([
    ['III/a', 'III/a'],
    ['iii/A', 'III/a'],
    ['IIIa', 'III/a'],
    ['III a', 'III/a'],
    ['3a', 'III/a'],
    ['4/e', 'IV/e'],
    ['31', 'III/a'],
    ['45', 'IV/e'],
    ['I/d', 'I/d'],
    ['I/e', null],
    ['15', null],
    ['V/a', null],
    ['IV/f', null],
    ['Penata', null],
  ])('reads %p as %p', (text, expected) => {
    expect(parseGolongan(text)).toBe(expected);
  });
});

describe('mapImportRow', () => {
  it('maps a pegawai row to a registration, reading SIASN codes', () => {
    expect(mapImportRow(person(), 'PEMKAB-X')).toEqual({
      kind: 'person',
      ref: { sheet: 'pegawai', row: 2 },
      nip: NIP,
      draft: {
        type: 'person_registered',
        payload: {
          employmentType: 'pns',
          name: 'Budi Santoso',
          birthDate: '1975-04-12',
          sex: 'male',
          unitCode: 'DINAS-A',
          source: 'register',
        },
      },
    });
  });

  it.each([
    ['a NIP with 17 digits', { nip: '19750412200003100' }, ['nip:nip.format']],
    ['a NIP stored as a number', { nip: '1.97504122000031e+17' }, ['nip:nip.format']],
    ['a NIP with letters', { nip: '19750412200003100X' }, ['nip:nip.format']],
    ['another agency’s official', { kode_instansi: 'PEMKAB-Y' }, ['kode_instansi:register.otherAgency']],
    ['a birth date that does not exist', { tgl_lahir: '31-04-1975' }, ['tgl_lahir:date']],
    ['an unknown sex', { jenis_kelamin: 'X' }, ['jenis_kelamin:isIn']],
    ['an unknown employment type', { jenis_pegawai: 'honorer' }, ['jenis_pegawai:isIn']],
    ['a missing name', { nama: '' }, ['nama:required']],
    ['a unit that is not a code', { unit_kerja: 'Dinas A' }, ['unit_kerja:code']],
  ])('refuses %s, naming the column and rule', (_what, over, expected) => {
    expect(issuesOf(mapImportRow(person(over), 'PEMKAB-X'))).toEqual(expected);
  });

  it.each([
    [
      'pangkat',
      { nip: NIP, golongan: '3a', tmt_golongan: '01-03-2000', no_sk: 'SK-1', jenis_kp: 'CPNS' },
      'rank_changed',
      { golongan: 'III/a', tmt: '2000-03-01', decreeNumber: 'SK-1', kind: 'initial' },
    ],
    [
      'pangkat',
      { nip: NIP, golongan: 'III/b', tmt_golongan: '2004-04-01', no_sk: 'SK-2', jenis_kp: 'Reguler' },
      'rank_changed',
      { golongan: 'III/b', tmt: '2004-04-01', decreeNumber: 'SK-2', kind: 'regular' },
    ],
    [
      'pangkat',
      { nip: NIP, golongan: 'IV/a', tmt_golongan: '2010-04-01', no_sk: 'SK-3', jenis_kp: 'Penyesuaian Ijazah' },
      'rank_changed',
      { golongan: 'IV/a', tmt: '2010-04-01', decreeNumber: 'SK-3', kind: 'adjustment' },
    ],
    [
      'jabatan',
      {
        nip: NIP,
        kode_jabatan: 'kabid-1',
        nama_jabatan: 'Kepala Bidang',
        jenis_jabatan: 'Administrator',
        unit_kerja: 'DINAS-A',
        tmt_jabatan: '2021-01-04',
        no_sk: 'SK-J',
      },
      'position_assigned',
      {
        postCode: 'KABID-1',
        title: 'Kepala Bidang',
        postType: 'administrator',
        unitCode: 'DINAS-A',
        from: '2021-01-04',
        decreeNumber: 'SK-J',
      },
    ],
    [
      'jabatan',
      {
        nip: NIP,
        kode_jabatan: 'PEL-1',
        nama_jabatan: 'Pengadministrasi',
        jenis_jabatan: 'Fungsional Umum',
        unit_kerja: 'DINAS-A',
        tmt_jabatan: '2001-01-02',
        no_sk: 'SK-P',
      },
      'position_assigned',
      {
        postCode: 'PEL-1',
        title: 'Pengadministrasi',
        postType: 'pelaksana',
        unitCode: 'DINAS-A',
        from: '2001-01-02',
        decreeNumber: 'SK-P',
      },
    ],
    [
      'pendidikan',
      { nip: NIP, jenjang: 'S2', nama_sekolah: 'UGM', jurusan: '', tgl_lulus: '2010-08-20' },
      'education_recorded',
      { level: 'S2', institution: 'UGM', graduatedOn: '2010-08-20' },
    ],
    [
      'pendidikan',
      { nip: NIP, jenjang: 'D-III', tgl_lulus: '1996-08-20' },
      'education_recorded',
      { level: 'D3', graduatedOn: '1996-08-20' },
    ],
    ['kinerja', { nip: NIP, tahun: '2025', predikat: 'Sangat Baik' }, 'performance_rated', { year: 2025, predicate: 'sangat_baik' }],
    [
      'hukdis',
      { nip: NIP, tingkat: 'Ringan', jenis_hukuman: 'Teguran Lisan', tmt_hukuman: '2019-05-02', no_sk: 'SK-H' },
      'sanction_recorded',
      { level: 'light', sanction: 'teguran_lisan', imposedOn: '2019-05-02', decreeNumber: 'SK-H' },
    ],
    [
      'sertifikat',
      { nip: NIP, kode: 'diklatpim_ii', tgl_terbit: '2018-11-30', nomor: 'NO-1' },
      'credential_recorded',
      { code: 'DIKLATPIM_II', issuedOn: '2018-11-30', reference: 'NO-1' },
    ],
    [
      'talenta',
      { nip: NIP, periode: '2025', kinerja: 'Di atas ekspektasi', potensial: 'Tinggi' },
      'talent_placed',
      { period: '2025', performance: 'above', potential: 'high', box: 9 },
    ],
  ])('maps a %s row to its event (case %#)', (sheet, cells, type, payload) => {
    const m = mapImportRow(row(sheet as ImportSheet, cells), 'PEMKAB-X');
    expect(m).toMatchObject({ kind: 'event', nip: NIP, draft: { type, payload } });
    if (m.kind === 'event') expect(m.draft.payload).toEqual(payload);
  });

  it.each([
    ['pangkat', { nip: NIP, golongan: 'V/a', tmt_golongan: '2000-03-01', no_sk: 'SK', jenis_kp: 'reguler' }, ['golongan:isIn']],
    ['pangkat', { nip: NIP, golongan: 'III/b', tmt_golongan: '2025-02-30', no_sk: 'SK', jenis_kp: 'reguler' }, ['tmt_golongan:date']],
    [
      'pangkat',
      { nip: NIP, golongan: 'III/b', tmt_golongan: '2025-02-01', no_sk: '', jenis_kp: 'lompat' },
      ['no_sk:required', 'jenis_kp:isIn'],
    ],
    [
      'jabatan',
      { nip: NIP, kode_jabatan: 'K', nama_jabatan: 'K', jenis_jabatan: 'eselon 2', unit_kerja: 'U', tmt_jabatan: '2021-01-04', no_sk: 'S' },
      ['jenis_jabatan:isIn'],
    ],
    [
      'jabatan',
      {
        nip: NIP,
        kode_jabatan: 'K',
        nama_jabatan: 'K',
        jenis_jabatan: 'pengawas',
        unit_kerja: 'U',
        tmt_jabatan: '2021-01-04',
        no_sk: 'S',
        tmt_selesai: '2020-01-01',
      },
      ['tmt_selesai:position.endBeforeStart'],
    ],
    ['kinerja', { nip: NIP, tahun: '2025.5', predikat: 'baik' }, ['tahun:integer']],
    ['kinerja', { nip: NIP, tahun: '2025', predikat: 'cukup' }, ['predikat:isIn']],
    ['hukdis', { nip: NIP, tingkat: 'fatal', jenis_hukuman: 'teguran_lisan', tmt_hukuman: '2019-05-02', no_sk: 'S' }, ['tingkat:isIn']],
    [
      'kompetensi',
      { nip: NIP, tgl_asesmen: '2024-02-30', metode: 'AC', asesor: 'A', kompetensi: 'integritas', level: '4' },
      ['tgl_asesmen:date'],
    ],
    ['kinerja', { nip: '123', tahun: '2025', predikat: 'baik' }, ['nip:nip.format']],
  ])('refuses a bad %s row, naming the column and rule (case %#)', (sheet, cells, expected) => {
    expect(issuesOf(mapImportRow(row(sheet as ImportSheet, cells), 'PEMKAB-X'))).toEqual(expected);
  });

  it('leaves the sanction’s level check to the register’s rules (a light level with a heavy sanction maps)', () => {
    const m = mapImportRow(
      row('hukdis', { nip: NIP, tingkat: 'ringan', jenis_hukuman: 'Pemberhentian dengan hormat', tmt_hukuman: '2019-05-02', no_sk: 'S' }),
      'PEMKAB-X',
    );
    expect(m).toMatchObject({ kind: 'event', draft: { payload: { level: 'light', sanction: 'pemberhentian_dengan_hormat' } } });
  });

  it.each([
    [
      'unit',
      { kode_unit: 'dinas-a', nama_unit: 'Dinas A', kode_unit_induk: 'setda' },
      { kind: 'unit', unit: { code: 'DINAS-A', name: 'Dinas A', parentCode: 'SETDA' } },
    ],
    [
      'formasi',
      {
        kode_jabatan: 'KABID-1',
        nama_jabatan: 'Kepala Bidang',
        jenis_jabatan: 'administrator',
        unit_kerja: 'DINAS-A',
        jenis_kompetensi: 'Manajerial',
        kompetensi: 'Integritas',
        level: '3',
      },
      { kind: 'post', code: 'KABID-1', postType: 'administrator', competency: { type: 'managerial', name: 'integritas', level: 3 } },
    ],
  ])('maps reference data: a %s row', (sheet, cells, expected) => {
    expect(mapImportRow(row(sheet as ImportSheet, cells), 'PEMKAB-X')).toMatchObject(expected);
  });
});

describe('orderPersonDrafts', () => {
  const history = (sheet: ImportSheet, cells: Record<string, string>, n: number) => {
    const m = mapImportRow(row(sheet, { nip: NIP, ...cells }, n), 'PEMKAB-X');
    if (m.kind !== 'event' && m.kind !== 'competency') throw new Error(JSON.stringify(m));
    return m;
  };

  it('orders by effective date, a grade before a post on the same day, merges an assessment’s rows and ends the latest post', () => {
    const planned = orderPersonDrafts([
      history(
        'jabatan',
        {
          kode_jabatan: 'B',
          nama_jabatan: 'B',
          jenis_jabatan: 'administrator',
          unit_kerja: 'U',
          tmt_jabatan: '2021-01-04',
          no_sk: 'S2',
          tmt_selesai: '2025-06-30',
        },
        3,
      ),
      history(
        'kompetensi',
        { tgl_asesmen: '2023-05-10', metode: 'AC', asesor: 'BKD', kompetensi: 'Integritas', level: '4', jpm: '85,5' },
        7,
      ),
      history('pangkat', { golongan: 'III/b', tmt_golongan: '2021-01-04', no_sk: 'K2', jenis_kp: 'reguler' }, 5),
      history(
        'jabatan',
        {
          kode_jabatan: 'A',
          nama_jabatan: 'A',
          jenis_jabatan: 'pengawas',
          unit_kerja: 'U',
          tmt_jabatan: '2012-01-02',
          no_sk: 'S1',
          tmt_selesai: '2021-01-04',
        },
        2,
      ),
      history('kompetensi', { tgl_asesmen: '2023-05-10', metode: 'AC', asesor: 'BKD', kompetensi: 'Kerjasama', level: '6' }, 8),
      history('pangkat', { golongan: 'III/a', tmt_golongan: '2000-03-01', no_sk: 'K1', jenis_kp: 'cpns' }, 4),
    ]);
    expect(planned.map((p) => `${p.draft.type}@${p.refs.map((r) => `${r.sheet}:${r.row}`).join('+')}`)).toEqual([
      'rank_changed@pangkat:4',
      'position_assigned@jabatan:2',
      'rank_changed@pangkat:5',
      'position_assigned@jabatan:3',
      'competency_assessed@kompetensi:7+kompetensi:8',
      'position_ended@jabatan:3',
    ]);
    const assessment = planned[4];
    expect(assessment.draft.payload).toEqual({
      assessedOn: '2023-05-10',
      method: 'AC',
      assessor: 'BKD',
      levels: { integritas: 4, kerjasama: 6 },
      jpmPercent: 85.5,
    });
    // The register's rule names levels.kerjasama; the report points at that competency's row and its level column.
    expect(locateIssue(assessment, 'levels.kerjasama')).toEqual({ ref: { sheet: 'kompetensi', row: 8 }, column: 'level' });
    expect(locateIssue(planned[2], 'golongan')).toEqual({ ref: { sheet: 'pangkat', row: 5 }, column: 'golongan' });
    expect(locateIssue(planned[2], 'tmt')).toEqual({ ref: { sheet: 'pangkat', row: 5 }, column: 'tmt_golongan' });
  });
});

describe('missingColumns', () => {
  it.each([
    ['pegawai', ['NIP', 'Nama', 'tgl_lahir', 'Jenis Kelamin', 'jenis_pegawai', 'unit_kerja', 'kode_instansi', 'agama'], []],
    ['pangkat', ['nip', 'golongan', 'tmt_golongan'], ['no_sk', 'jenis_kp']],
    ['unit', [], ['kode_unit', 'nama_unit']],
  ])('%s with %p lacks %p', (sheet, header, expected) => {
    expect(missingColumns(sheet as ImportSheet, header)).toEqual(expected);
  });
});
