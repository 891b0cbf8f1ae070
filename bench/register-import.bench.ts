import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { Pool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import { IMPORT_COLUMNS, wibDate, type ImportSheet } from '@meritflow/domain';
import { RegisterImporter, type ImportRequest } from '@meritflow/persistence';

/**
 * (h) Register import (issue 14, item 3): a province-sized synthetic SIASN export as one XLSX
 * workbook, imported through RegisterImporter (the code path of POST /v1/register/imports and
 * `npm run register:import`), against a raw `COPY … FROM STDIN` of the same event rows into a plain
 * table made `LIKE register_events INCLUDING DEFAULTS INCLUDING INDEXES` (the same three indexes;
 * no append-only triggers, no foreign key, no read model), measured in the same run. Also: the share
 * of the import spent reading the file, and a second import of the same file (a no-op).
 */

export interface BenchRow {
  id: string;
  measure: string;
  unit: string;
  meritflow: number | null;
  baseline: number | null;
  baselineName: string;
  ratio: number | null;
  target: string;
  pass: boolean | null;
  note?: string;
}

type Cells = Record<string, string | number>;
const dmy = (y: number, m: number, d: number) => `${String(d).padStart(2, '0')}-${String(m).padStart(2, '0')}-${y}`;
const THIS_YEAR = 2026;

/**
 * Official i: a NIP unique per i (birth day, sex digit, sequence), appointed at 25, and a history of
 * about 3 grades, 2 posts, 1–2 degrees, 2–3 ratings, a sanction for 1 in 20, an assessment of three
 * competencies, a credential and for half of them a 9-box placement.
 */
export function syntheticOfficial(agencyCode: string, i: number): Partial<Record<ImportSheet, Cells[]>> {
  const days = 10_950;
  const birth = new Date(Date.UTC(1965, 0, 1) + (i % days) * 86_400_000);
  const by = birth.getUTCFullYear();
  const bm = birth.getUTCMonth() + 1;
  const bd = birth.getUTCDate();
  const sex = (Math.floor(i / days) % 2) + 1;
  const seq = Math.floor(i / (2 * days)) + 1;
  const a = by + 25;
  const nip = `${by}${String(bm).padStart(2, '0')}${String(bd).padStart(2, '0')}${a}03${sex}${String(seq).padStart(3, '0')}`;
  const unit = `DINAS-${(i % 40) + 1}`;
  const pangkat: Cells[] = [{ nip, golongan: 'III/a', tmt_golongan: dmy(a, 3, 1), no_sk: `SK-CPNS-${a}-${i}`, jenis_kp: 'CPNS' }];
  if (a + 4 <= THIS_YEAR)
    pangkat.push({ nip, golongan: 'III/b', tmt_golongan: dmy(a + 4, 4, 1), no_sk: `SK-KP-${a + 4}-${i}`, jenis_kp: 'Reguler' });
  if (a + 8 <= THIS_YEAR)
    pangkat.push({ nip, golongan: 'III/c', tmt_golongan: dmy(a + 8, 4, 1), no_sk: `SK-KP-${a + 8}-${i}`, jenis_kp: 'Reguler' });
  const jabatan: Cells[] = [
    {
      nip,
      kode_jabatan: `PEL-${i % 300}`,
      nama_jabatan: 'Pengadministrasi Umum',
      jenis_jabatan: 'Pelaksana',
      unit_kerja: unit,
      tmt_jabatan: dmy(a, 3, 1),
      no_sk: `SK-JAB-${a}-${i}`,
    },
  ];
  if (a + 6 <= THIS_YEAR) {
    jabatan.push({
      nip,
      kode_jabatan: `KASI-${i % 500}`,
      nama_jabatan: 'Kepala Seksi',
      jenis_jabatan: 'Pengawas',
      unit_kerja: unit,
      tmt_jabatan: dmy(a + 6, 1, 2),
      no_sk: `SK-JAB-${a + 6}-${i}`,
    });
  }
  const pendidikan: Cells[] = [
    { nip, jenjang: 'S1', nama_sekolah: 'Universitas Negeri', jurusan: 'Administrasi', tgl_lulus: dmy(a - 2, 8, 20) },
  ];
  if (i % 2 === 0 && a + 3 <= THIS_YEAR)
    pendidikan.push({ nip, jenjang: 'S2', nama_sekolah: 'Universitas Gadjah Mada', tgl_lulus: dmy(a + 3, 8, 20) });
  const kinerja: Cells[] = [2024, 2025].map((tahun) => ({ nip, tahun, predikat: i % 7 === 0 ? 'Butuh Perbaikan' : 'Baik' }));
  if (i % 3 !== 0) kinerja.unshift({ nip, tahun: 2023, predikat: 'Sangat Baik' });
  const assessed = dmy(Math.min(a + 5, 2025), 5, 10);
  return {
    pegawai: [
      {
        nip,
        nama: `Pegawai Sintetis ${i}`,
        tgl_lahir: dmy(by, bm, bd),
        jenis_kelamin: sex === 1 ? 'L' : 'P',
        jenis_pegawai: 'PNS',
        unit_kerja: unit,
        kode_instansi: agencyCode,
      },
    ],
    pangkat,
    jabatan,
    pendidikan,
    kinerja,
    hukdis:
      i % 20 === 0
        ? [{ nip, tingkat: 'Ringan', jenis_hukuman: 'Teguran Tertulis', tmt_hukuman: dmy(a + 1, 6, 3), no_sk: `SK-HD-${i}` }]
        : [],
    kompetensi: ['integritas', 'kerjasama', 'komunikasi'].map((kompetensi, k) => ({
      nip,
      tgl_asesmen: assessed,
      metode: 'Assessment Center',
      asesor: 'UPT Penilaian Kompetensi',
      kompetensi,
      level: 2 + ((i + k) % 3),
      jpm: 80,
    })),
    sertifikat: [{ nip, kode: 'LATSAR_CPNS', tgl_terbit: dmy(a, 11, 30), nomor: `LATSAR-${i}` }],
    talenta: i % 2 === 0 ? [{ nip, periode: '2025', kinerja: 'Sesuai ekspektasi', potensial: 'Menengah' }] : [],
  };
}

/** Writes the export with exceljs's streaming writer (inline strings, as large exports are written). */
async function writeWorkbook(file: string, agencyCode: string, people: number): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const sheets = ['pegawai', 'pangkat', 'jabatan', 'pendidikan', 'kinerja', 'hukdis', 'kompetensi', 'sertifikat', 'talenta'] as const;
  const cols = Object.fromEntries(sheets.map((s) => [s, [...IMPORT_COLUMNS[s].required, ...IMPORT_COLUMNS[s].optional] as string[]]));
  const ws = Object.fromEntries(sheets.map((s) => [s, wb.addWorksheet(s)]));
  for (const s of sheets) ws[s].addRow(cols[s]).commit();
  let rows = 0;
  for (let i = 0; i < people; i++) {
    const o = syntheticOfficial(agencyCode, i);
    for (const s of sheets) {
      for (const r of o[s] ?? []) {
        ws[s].addRow(cols[s].map((c) => r[c] ?? null)).commit();
        rows++;
      }
    }
  }
  for (const s of sheets) ws[s].commit();
  await wb.commit();
  return rows;
}

/** The stored events of `batchId` as COPY text rows, in the plain table's column order (not timed). */
async function copyText(pg: Pool, batchId: string): Promise<{ text: string; rows: number }> {
  const res = await pg.query(
    `SELECT agency_code, nip, event_type, effective_date::text AS effective_date, payload::text AS payload, encode(content_sha256, 'hex') AS hash,
       actor_id, actor_role, actor_name, acting_for::text AS acting_for, reason, evidence::text AS evidence, import_batch_id, rules_version
     FROM register_events WHERE import_batch_id = $1 ORDER BY id`,
    [batchId],
  );
  const esc = (v: unknown) =>
    v === null || v === undefined ? '\\N' : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
  const lines = res.rows.map((r) =>
    [
      r.agency_code,
      r.nip,
      r.event_type,
      r.effective_date,
      r.payload,
      `\\\\x${r.hash}`,
      r.actor_id,
      r.actor_role,
      r.actor_name,
      r.acting_for,
      r.reason,
      r.evidence,
      r.import_batch_id,
      r.rules_version,
    ]
      .map((v, k) => (k === 5 ? v : esc(v)))
      .join('\t'),
  );
  return { text: lines.join('\n') + '\n', rows: res.rows.length };
}

export async function registerImportBench(
  ds: DataSource,
  databaseUrl: string,
  people: number,
  log: (line: string) => void,
): Promise<{ result: Record<string, unknown>; rows: BenchRow[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-register-'));
  const pg = new Pool({ connectionString: databaseUrl, max: 2 });
  try {
    const agencyCode = `BENCH-REG-${Date.now().toString(36).toUpperCase()}`;
    const file = path.join(dir, 'siasn-export.xlsx');
    let t0 = performance.now();
    const fileRows = await writeWorkbook(file, agencyCode, people);
    const writeS = (performance.now() - t0) / 1000;
    const content = readFileSync(file);
    log(
      `(h) synthetic export: ${people} officials, ${fileRows} rows, ${(statSync(file).size / 2 ** 20).toFixed(1)} MB XLSX (written in ${writeS.toFixed(0)} s)`,
    );

    const importer = new RegisterImporter(ds);
    const req: ImportRequest = {
      agencyCode,
      fileName: 'siasn-export.xlsx',
      content,
      actor: { id: 'bench', role: 'system', name: 'bench' },
      today: wibDate(new Date()),
    };
    // The reading and mapping alone, on the same file, for the parse share (not part of the import's time).
    t0 = performance.now();
    // Only the counts are kept: holding the parsed file through the import would double the heap it runs with.
    const parsed = await importer.parse(req).then((p) => ({ rows: p.rows, persons: p.persons.size }));
    const parseS = (performance.now() - t0) / 1000;
    log(`(h) reading and mapping alone: ${parseS.toFixed(1)} s (${parsed.rows} rows, ${parsed.persons} officials)`);

    t0 = performance.now();
    let last = 0;
    const { batch } = await importer.import(req, (b) => {
      if (Date.now() - last > 15_000) {
        last = Date.now();
        log(`(h) import: ${b.rowsDone}/${b.rowsTotal} rows, ${b.eventsRecorded} events`);
      }
    });
    const importS = (performance.now() - t0) / 1000;
    if (batch.status !== 'completed' || batch.errorsTotal > 0) {
      const errors = await importer.errors(batch.id, 0, 5);
      throw new Error(`(h) the synthetic import did not apply cleanly: ${JSON.stringify({ batch, errors: errors.items })}`);
    }
    log(`(h) import: ${batch.eventsRecorded} events of ${batch.personsApplied} officials in ${importS.toFixed(1)} s`);

    // The baseline: the same event rows, COPY'd raw into a plain copy of the table.
    await pg.query('DROP TABLE IF EXISTS bench_register_events_plain');
    await pg.query('CREATE TABLE bench_register_events_plain (LIKE register_events INCLUDING DEFAULTS INCLUDING INDEXES)');
    const copy = await copyText(pg, batch.id);
    const client = await pg.connect();
    let copyS: number;
    try {
      t0 = performance.now();
      await pipeline(
        Readable.from([copy.text]),
        client.query(
          copyFrom(`COPY bench_register_events_plain (agency_code, nip, event_type, effective_date, payload, content_sha256, actor_id, actor_role,
            actor_name, acting_for, reason, evidence, import_batch_id, rules_version) FROM STDIN`),
        ),
      );
      copyS = (performance.now() - t0) / 1000;
    } finally {
      client.release();
    }
    const copied = Number((await pg.query('SELECT count(*) AS n FROM bench_register_events_plain')).rows[0].n);
    await pg.query('DROP TABLE bench_register_events_plain');
    log(`(h) raw COPY: ${copied} rows in ${copyS.toFixed(1)} s`);

    // The same file again: the earlier batch answers, nothing is written.
    const before = Number((await pg.query('SELECT count(*) AS n FROM register_events WHERE agency_code = $1', [agencyCode])).rows[0].n);
    t0 = performance.now();
    const again = await importer.import(req);
    const againS = (performance.now() - t0) / 1000;
    const after = Number((await pg.query('SELECT count(*) AS n FROM register_events WHERE agency_code = $1', [agencyCode])).rows[0].n);
    const noop = again.alreadyImported && again.batch.id === batch.id && after === before;

    const importRate = batch.eventsRecorded / importS;
    const copyRate = copied / copyS;
    const result = {
      unit: 'event rows/s',
      people,
      fileRows,
      fileMb: statSync(file).size / 2 ** 20,
      events: batch.eventsRecorded,
      seconds: { write: writeS, parse: parseS, import: importS, copy: copyS, secondImport: againS },
      importRowsPerS: importRate,
      copyRowsPerS: copyRate,
      ratio: importRate / copyRate,
      parseShare: parseS / importS,
      secondImport: {
        alreadyImported: again.alreadyImported,
        sameBatch: again.batch.id === batch.id,
        eventsBefore: before,
        eventsAfter: after,
      },
    };
    const rows: BenchRow[] = [
      {
        id: '(h)',
        measure: `register import, ${people.toLocaleString('en-US')} officials (${fileRows.toLocaleString('en-US')} XLSX rows → ${batch.eventsRecorded.toLocaleString('en-US')} events)`,
        unit: 'rows/s',
        meritflow: importRate,
        baseline: copyRate,
        baselineName: 'raw COPY',
        ratio: importRate / copyRate,
        target: 'reported',
        pass: null,
        note: `import ${importS.toFixed(1)} s (reading the file ${((parseS / importS) * 100).toFixed(0)} % of it), COPY ${copyS.toFixed(1)} s`,
      },
      {
        id: '',
        measure: '  the same file again (no-op: the earlier batch answers)',
        unit: 's',
        meritflow: againS,
        baseline: null,
        baselineName: '',
        ratio: null,
        target: 'no new rows',
        pass: noop,
        note: `${after - before} new events`,
      },
    ];
    return { result, rows };
  } finally {
    await pg.end().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}
