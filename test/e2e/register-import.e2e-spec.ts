import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PPK } from '../support/api-client';
import { Stack } from '../support/api-client';
import { hrOf, makeNip, newAgency } from '../support/register-fixtures';
import {
  EVENTS_PER_OFFICIAL,
  importCsv,
  importResult,
  importWorkbook,
  mergeRows,
  officialRows,
  uploadImport,
} from '../support/register-import-fixtures';

const stack = new Stack();
afterAll(() => stack.close());

const count = async (sql: string, params: unknown[]) => Number((await (await stack.db()).query(sql, params)).rows[0].n);
const eventsOf = (agencyCode: string, nip?: string) =>
  nip
    ? count(`SELECT count(*) AS n FROM register_events WHERE agency_code = $1 AND nip = $2`, [agencyCode, nip])
    : count(`SELECT count(*) AS n FROM register_events WHERE agency_code = $1`, [agencyCode]);
const peopleOf = (agencyCode: string) => count(`SELECT count(*) AS n FROM register_people WHERE agency_code = $1`, [agencyCode]);

/** Uploads and waits for the batch to finish (a 202 is polled); returns the first answer and the final state. */
async function importFile(agencyCode: string, content: Buffer, name?: string) {
  const first = await uploadImport(stack, agencyCode, content, { name });
  if (first.status !== 201 && first.status !== 202 && first.status !== 200) return { first, final: first };
  const final = await importResult(stack, agencyCode, first.body.batch.id, '?errorsLimit=1000');
  return { first, final };
}

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/apps/worker/src/register-import.cli.js');
function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: stack.state.databaseUrl },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('register import from a SIASN/SIMPEG export', () => {
  it('imports an XLSX export as one batch and the officials’ profiles are there, with units and posts', async () => {
    const agencyCode = newAgency();
    const a = makeNip({ birth: '1975-04-12' });
    const b = makeNip({ birth: '1980-09-30', sex: 'female', tmt: '2005-01' });
    const file = await importWorkbook(
      mergeRows(officialRows(agencyCode, a, { name: 'Budi Santoso' }), officialRows(agencyCode, b, { name: 'Sri Wahyuni' }), {
        // The child first: the import writes parents first.
        unit: [
          { kode_unit: 'DINAS-A', nama_unit: 'Dinas Pendidikan', kode_unit_induk: 'SETDA' },
          { kode_unit: 'SETDA', nama_unit: 'Sekretariat Daerah' },
        ],
        formasi: [
          {
            kode_jabatan: 'KABID-2',
            nama_jabatan: 'Kepala Bidang',
            jenis_jabatan: 'administrator',
            unit_kerja: 'DINAS-A',
            jenis_kompetensi: 'manajerial',
            kompetensi: 'integritas',
            level: 3,
          },
          {
            kode_jabatan: 'KABID-2',
            nama_jabatan: 'Kepala Bidang',
            jenis_jabatan: 'administrator',
            unit_kerja: 'DINAS-A',
            jenis_kompetensi: 'manajerial',
            kompetensi: 'kerjasama',
            level: 3,
          },
        ],
      }),
    );
    const { first, final } = await importFile(agencyCode, file);
    expect([201, 202]).toContain(first.status);
    expect(first.body.alreadyImported).toBe(false);
    expect(final.body.batch).toMatchObject({
      agencyCode,
      status: 'completed',
      format: 'xlsx',
      personsTotal: 2,
      personsApplied: 2,
      personsRejected: 0,
      eventsRecorded: 2 * EVENTS_PER_OFFICIAL,
      errorsTotal: 0,
      createdBy: { role: 'hr_officer' },
    });
    expect(final.body.batch.rowsDone).toBe(final.body.batch.rowsTotal);
    expect(final.body.batch.fileSha256).toMatch(/^[0-9a-f]{64}$/);

    const profile = await stack.call('GET', `/v1/register/people/${b}`, { actor: hrOf(agencyCode) });
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({
      name: 'Sri Wahyuni',
      sex: 'female',
      birthDate: '1980-09-30',
      rank: { golongan: 'IV/b', tmt: '2022-04-01', kind: 'regular' },
      position: { postCode: 'KABID-2', postType: 'administrator', from: '2021-01-04', to: null },
      education: [{ level: 'S2', graduatedOn: '2010-08-20' }],
      performance: [
        { year: 2024, predicate: 'sangat_baik' },
        { year: 2025, predicate: 'baik' },
      ],
      sanctions: [{ level: 'light', sanction: 'teguran_lisan', imposedOn: '2019-05-02' }],
      competencies: [{ assessedOn: '2023-05-10', levels: { integritas: 4, kerjasama: 3 }, jpmPercent: 86 }],
      credentials: [{ code: 'DIKLATPIM_III', issuedOn: '2016-11-30' }],
      talentPlacements: [{ period: '2025', performance: 'above', potential: 'high', box: 9 }],
    });
    const events = await stack.call('GET', `/v1/register/people/${a}/events`, { actor: hrOf(agencyCode) });
    expect(new Set(events.body.events.map((e: { importBatchId: string }) => e.importBatchId))).toEqual(new Set([final.body.batch.id]));
    const search = await stack.call('GET', '/v1/register/people?golongan=IV/b', { actor: hrOf(agencyCode) });
    expect(search.body.total).toBe(2);
    const db = await stack.db();
    expect(
      (await db.query(`SELECT code, parent_code FROM register_units WHERE agency_code = $1 ORDER BY code`, [agencyCode])).rows,
    ).toEqual([
      { code: 'DINAS-A', parent_code: 'SETDA' },
      { code: 'SETDA', parent_code: null },
    ]);
    // Recorded like an edit through PUT /register/units|posts, with the import as the reason.
    const changes = await stack.call('GET', '/v1/register/reference-changes', { actor: hrOf(agencyCode) });
    expect(changes.status).toBe(200);
    expect(JSON.stringify(changes.body)).toMatch(/Impor dari sistem kepegawaian/);
    const post = (await db.query(`SELECT competency_standard FROM register_posts WHERE agency_code = $1`, [agencyCode])).rows[0];
    expect(post.competency_standard).toEqual([
      { type: 'managerial', name: 'integritas', level: 3 },
      { type: 'managerial', name: 'kerjasama', level: 3 },
    ]);
    const list = await stack.call('GET', '/v1/register/imports', { actor: hrOf(agencyCode) });
    expect(list.body).toMatchObject({ total: 1, items: [{ id: final.body.batch.id, status: 'completed' }] });
  });

  it('answers the same file again with the earlier batch (200, alreadyImported) and records nothing', async () => {
    const agencyCode = newAgency();
    const file = await importWorkbook(officialRows(agencyCode, makeNip()));
    const { final } = await importFile(agencyCode, file);
    expect(final.body.batch.status).toBe('completed');
    const before = await eventsOf(agencyCode);
    const again = await uploadImport(stack, agencyCode, file, { name: 'renamed.xlsx' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      alreadyImported: true,
      batch: { id: final.body.batch.id, status: 'completed', fileName: 'siasn-export.xlsx' },
    });
    expect(await eventsOf(agencyCode)).toBe(before);
    expect(await count(`SELECT count(*) AS n FROM register_import_batches WHERE agency_code = $1`, [agencyCode])).toBe(1);
  });

  it('runs the same file sent twice at once only once (the batch is unique per agency and file hash)', async () => {
    const agencyCode = newAgency();
    const file = await importWorkbook(
      mergeRows(officialRows(agencyCode, makeNip()), officialRows(agencyCode, makeNip({ birth: '1979-01-31' }))),
    );
    const [x, y] = await Promise.all([uploadImport(stack, agencyCode, file), uploadImport(stack, agencyCode, file)]);
    expect([x.body.alreadyImported, y.body.alreadyImported].sort()).toEqual([false, true]);
    expect([x.status, y.status].sort()).toEqual(expect.arrayContaining([200]));
    expect(x.body.batch.id).toBe(y.body.batch.id);
    const final = await importResult(stack, agencyCode, x.body.batch.id);
    expect(final.body.batch).toMatchObject({ status: 'completed', personsApplied: 2, eventsRecorded: 2 * EVENTS_PER_OFFICIAL });
    expect(await eventsOf(agencyCode)).toBe(2 * EVENTS_PER_OFFICIAL);
  });

  it('records only the new facts of a newer, overlapping export (a new rating, a new grade, a new official, a changed name)', async () => {
    const agencyCode = newAgency();
    const a = makeNip();
    const b = makeNip({ birth: '1982-06-15', tmt: '2006-03' });
    await importFile(agencyCode, await importWorkbook(officialRows(agencyCode, a)));
    const newer = officialRows(agencyCode, a, { name: 'Budi Santoso, S.E.' });
    newer.kinerja!.push({ nip: a, tahun: 2026, predikat: 'Baik' });
    newer.pangkat!.push({ nip: a, golongan: 'IV/c', tmt_golongan: '01-04-2026', no_sk: 'SK-KP-2026', jenis_kp: 'Reguler' });
    const { final } = await importFile(agencyCode, await importWorkbook(mergeRows(newer, officialRows(agencyCode, b))));
    expect(final.body.batch).toMatchObject({
      status: 'completed',
      personsTotal: 2,
      personsApplied: 2,
      personsUnchanged: 0,
      // a: the name change, the 2026 rating and IV/c; b: everything.
      eventsRecorded: 3 + EVENTS_PER_OFFICIAL,
      errorsTotal: 0,
    });
    expect(await eventsOf(agencyCode, a)).toBe(EVENTS_PER_OFFICIAL + 3);
    const profile = await stack.call('GET', `/v1/register/people/${a}`, { actor: hrOf(agencyCode) });
    expect(profile.body).toMatchObject({ name: 'Budi Santoso, S.E.', rank: { golongan: 'IV/c' } });
    // The 2026 rating takes effect at the year's end.
    const yearEnd = await stack.call('GET', `/v1/register/people/${a}?asOf=2026-12-31`, { actor: hrOf(agencyCode) });
    expect(yearEnd.body.performance).toEqual([
      { year: 2024, predicate: 'sangat_baik' },
      { year: 2025, predicate: 'baik' },
      { year: 2026, predicate: 'baik' },
    ]);
    // The same facts in a file whose bytes differ (an extra column SIASN exports, which the import ignores): a new batch, nothing new.
    const again = mergeRows(newer, officialRows(agencyCode, b));
    for (const r of again.pegawai!) r.agama = 'Islam';
    const third = await importFile(agencyCode, await importWorkbook(again));
    expect(third.first.body.alreadyImported).toBe(false);
    expect(third.final.body.batch).toMatchObject({ status: 'completed', personsUnchanged: 2, personsApplied: 0, eventsRecorded: 0 });
    expect(await eventsOf(agencyCode)).toBe(2 * EVENTS_PER_OFFICIAL + 3);
  });

  it('reports every bad row by sheet, row, NIP, column and rule, applies none of a bad official’s rows and all of the good ones', async () => {
    const agencyCode = newAgency();
    const good = makeNip({ birth: '1970-01-01' });
    const badDate = makeNip({ birth: '1971-02-02' });
    const badRank = makeNip({ birth: '1972-03-03' });
    const badSanction = makeNip({ birth: '1973-04-04' });
    const foreign = makeNip({ birth: '1974-05-05' });
    const badGrade = makeNip({ birth: '1977-08-08' });
    const rows = mergeRows(
      officialRows(agencyCode, badGrade),
      officialRows(agencyCode, good),
      officialRows(agencyCode, badDate),
      officialRows(agencyCode, badRank),
      officialRows(agencyCode, badSanction),
      officialRows('PEMKAB-LAIN', foreign),
    );
    rows.pegawai!.push({
      nip: '19750412200003100',
      nama: 'NIP Pendek',
      tgl_lahir: '12-04-1975',
      jenis_kelamin: 'L',
      jenis_pegawai: 'PNS',
      unit_kerja: 'DINAS-A',
      kode_instansi: agencyCode,
    });
    // A rating for a NIP that is neither in the file's pegawai sheet nor in the register.
    const ghost = makeNip({ birth: '1976-06-06' });
    rows.kinerja!.push({ nip: ghost, tahun: 2025, predikat: 'Baik' });
    rows.hukdis!.find((r) => r.nip === badDate)!.tmt_hukuman = '2025-02-30';
    rows.pangkat!.find((r) => r.nip === badGrade && r.golongan === 'IV/b')!.golongan = 'IV/z';
    rows.pangkat!.find((r) => r.nip === badRank && r.golongan === 'IV/b')!.golongan = 'IV/d';
    Object.assign(
      rows.hukdis!.find((r) => r.nip === badSanction)!,
      { tingkat: 'Ringan', jenis_hukuman: 'Pemberhentian dengan hormat' },
    );
    const { first, final } = await importFile(agencyCode, await importWorkbook(rows));
    expect([201, 202]).toContain(first.status);
    expect(final.body.batch).toMatchObject({ status: 'completed', personsTotal: 8, personsApplied: 1, personsRejected: 7 });
    const rowOf = (sheet: string, nip: string) => 2 + rows[sheet as 'pegawai']!.findIndex((r) => r.nip === nip);
    const report = final.body.errors.items.map(
      (e: { sheet: string; row: number; nip: string; field: string; rule: string }) => `${e.sheet}:${e.row}:${e.nip}:${e.field}:${e.rule}`,
    );
    expect(report.sort()).toEqual(
      [
        `pegawai:${rowOf('pegawai', '19750412200003100')}:19750412200003100:nip:nip.format`,
        `hukdis:${rowOf('hukdis', badDate)}:${badDate}:tmt_hukuman:date`,
        `pangkat:${2 + rows.pangkat!.findIndex((r) => r.nip === badRank && r.golongan === 'IV/d')}:${badRank}:golongan:rank.sequence`,
        `hukdis:${rowOf('hukdis', badSanction)}:${badSanction}:jenis_hukuman:sanction.level`,
        `pegawai:${rowOf('pegawai', foreign)}:${foreign}:kode_instansi:register.otherAgency`,
        `kinerja:${rowOf('kinerja', ghost)}:${ghost}:nip:register.unknownNip`,
        `pangkat:${2 + rows.pangkat!.findIndex((r) => r.nip === badGrade && r.golongan === 'IV/z')}:${badGrade}:golongan:isIn`,
      ].sort(),
    );
    expect(final.body.errors.total).toBe(7);
    const sanction = final.body.errors.items.find((e: { rule: string }) => e.rule === 'sanction.level');
    expect(sanction.message.en).toMatch(/not a light sanction/);
    for (const nip of [badDate, badRank, badSanction, foreign, badGrade, ghost]) {
      expect(await eventsOf(agencyCode, nip)).toBe(0);
      expect(await eventsOf('PEMKAB-LAIN', nip)).toBe(0);
    }
    expect(await eventsOf(agencyCode, good)).toBe(EVENTS_PER_OFFICIAL);
    expect(await peopleOf(agencyCode)).toBe(1);
    const gone = await stack.call('GET', `/v1/register/people/${badRank}`, { actor: hrOf(agencyCode) });
    expect(gone.status).toBe(404);
  });

  it('imports the CSV shape: one file with a sheet column, semicolon-separated as Excel writes it here', async () => {
    const agencyCode = newAgency();
    const nip = makeNip({ birth: '1985-12-01', tmt: '2010-01' });
    const { first, final } = await importFile(agencyCode, importCsv(officialRows(agencyCode, nip), ';'), 'siasn.csv');
    expect([201, 202]).toContain(first.status);
    expect(final.body.batch).toMatchObject({ status: 'completed', format: 'csv', personsApplied: 1, eventsRecorded: EVENTS_PER_OFFICIAL });
    const profile = await stack.call('GET', `/v1/register/people/${nip}`, { actor: hrOf(agencyCode) });
    expect(profile.body).toMatchObject({ birthDate: '1985-12-01', rank: { golongan: 'IV/b' } });
  });

  it('refuses a file without a required column with a 400 naming sheet and column, and records no event', async () => {
    const agencyCode = newAgency();
    const file = await importWorkbook(officialRows(agencyCode, makeNip()), { pangkat: ['jenis_kp'] });
    const res = await uploadImport(stack, agencyCode, file);
    expect(res.status).toBe(400);
    expect(res.body.details.fields).toEqual([expect.objectContaining({ field: 'pangkat.jenis_kp', rule: 'import.missingColumn' })]);
    expect(await eventsOf(agencyCode)).toBe(0);
    const notAFile = await uploadImport(stack, agencyCode, Buffer.from([0, 1, 2, 3, 0, 0]), { name: 'x.bin' });
    expect([notAFile.status, notAFile.body.details.fields[0].rule]).toEqual([400, 'import.format']);
  });

  it('lets only HR import, and shows a batch only to its own agency', async () => {
    const agencyCode = newAgency();
    const file = await importWorkbook(officialRows(agencyCode, makeNip()));
    const ppk = await uploadImport(stack, agencyCode, file, { actor: { ...PPK, agency: agencyCode } });
    expect(ppk.status).toBe(403);
    const { final } = await importFile(agencyCode, file);
    const other = await stack.call('GET', `/v1/register/imports/${final.body.batch.id}`, { actor: hrOf(newAgency()) });
    expect([other.status, other.body.code]).toEqual([404, 'IMPORT_NOT_FOUND']);
  });

  it('imports through the CLI against the same database: progress, the report, exit 1 when rows were rejected, and a no-op rerun', async () => {
    const agencyCode = newAgency();
    const dir = mkdtempSync(path.join(tmpdir(), 'register-import-'));
    try {
      const good = makeNip();
      const rows = mergeRows(officialRows(agencyCode, good), officialRows('PEMKAB-LAIN', makeNip({ birth: '1977-07-07' })));
      const file = path.join(dir, 'siasn.xlsx');
      writeFileSync(file, await importWorkbook(rows));
      const run = await runCli(['--agency', agencyCode, '--file', file, '--actor-id', '199001012015031001']);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/baris \/ rows/);
      expect(run.stdout).toMatch(/Status: completed/);
      expect(run.stdout).toMatch(/applied 1, .*rejected 1/);
      expect(run.stdout).toMatch(/pegawai:3 nip=\d{18} kode_instansi \[register\.otherAgency\]/);
      expect(await eventsOf(agencyCode, good)).toBe(EVENTS_PER_OFFICIAL);
      const actor = await (
        await stack.db()
      ).query(`SELECT DISTINCT actor_id, actor_role FROM register_events WHERE agency_code = $1`, [agencyCode]);
      expect(actor.rows).toEqual([{ actor_id: '199001012015031001', actor_role: 'system' }]);

      const again = await runCli(['--agency', agencyCode, '--file', file]);
      expect(again.stdout).toMatch(/imported before; nothing changed/);
      expect(await eventsOf(agencyCode)).toBe(EVENTS_PER_OFFICIAL);

      const clean = path.join(dir, 'clean.csv');
      writeFileSync(clean, importCsv(officialRows(agencyCode, makeNip({ birth: '1988-08-08', tmt: '2012-02' }))));
      const ok = await runCli(['--agency', agencyCode, '--file', clean]);
      expect([ok.code, ok.stdout]).toEqual([0, expect.stringMatching(/Row errors: 0/)]);
      const usage = await runCli(['--file', clean]);
      expect(usage.code).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
