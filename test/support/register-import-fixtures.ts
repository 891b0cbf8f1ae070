import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { IMPORT_COLUMNS, type ImportSheet } from '@meritflow/domain';
import type { Stack, TestActor } from './api-client';
import { hrOf } from './register-fixtures';

/** One file's rows per sheet, cells as an export would hold them (text, numbers or dates). */
export type ImportRows = Partial<Record<ImportSheet, Record<string, string | number | Date>[]>>;

const columnsOf = (sheet: ImportSheet, rows: Record<string, unknown>[]): string[] => {
  const spec = IMPORT_COLUMNS[sheet];
  const cols: string[] = [...spec.required, ...spec.optional];
  for (const r of rows) for (const k of Object.keys(r)) if (!cols.includes(k)) cols.push(k);
  return cols;
};

/**
 * An XLSX workbook with one sheet per key, written by exceljs in memory (no binary fixtures in the
 * repo). Every sheet has its documented columns, less those named in `omit`.
 */
export async function importWorkbook(rows: ImportRows, omit: Partial<Record<ImportSheet, string[]>> = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [sheet, list] of Object.entries(rows) as [ImportSheet, Record<string, string | number | Date>[]][]) {
    const ws = wb.addWorksheet(sheet);
    const cols = columnsOf(sheet, list).filter((c) => !omit[sheet]?.includes(c));
    ws.addRow(cols);
    for (const r of list) ws.addRow(cols.map((c) => r[c] ?? null));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The CSV shape: one file, a `sheet` column, the union of the sheets' columns (what csvkit's csvstack -g … -n sheet gives). */
export function importCsv(rows: ImportRows, delimiter = ','): Buffer {
  const entries = Object.entries(rows) as [ImportSheet, Record<string, string | number | Date>[]][];
  const cols = ['sheet', ...new Set(entries.flatMap(([s, list]) => columnsOf(s, list)))];
  const text = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : v === undefined || v === null ? '' : String(v));
  const records = entries.flatMap(([sheet, list]) => list.map((r) => cols.map((c) => (c === 'sheet' ? sheet : text(r[c])))));
  return Buffer.from(stringify([cols, ...records], { delimiter }));
}

/** Concatenates the rows of several officials (or files) sheet by sheet. */
export function mergeRows(...parts: ImportRows[]): ImportRows {
  const out: ImportRows = {};
  for (const p of parts)
    for (const [s, list] of Object.entries(p) as [ImportSheet, Record<string, string | number | Date>[]][])
      out[s] = [...(out[s] ?? []), ...list];
  return out;
}

/**
 * An official as a SIASN export lists them: a pegawai row (birth date from the NIP, dd-mm-yyyy as
 * SIASN writes it) and a history like the register fixtures' administrator: three grades, two posts,
 * a degree, two ratings, a light sanction, an assessment of two competencies, a credential, a 9-box.
 */
export function officialRows(agencyCode: string, nip: string, o: { name?: string; unit?: string } = {}): ImportRows {
  const birth = `${nip.slice(6, 8)}-${nip.slice(4, 6)}-${nip.slice(0, 4)}`;
  return {
    pegawai: [
      {
        nip,
        nama: o.name ?? `Pegawai ${nip.slice(-4)}`,
        tgl_lahir: birth,
        jenis_kelamin: nip[14] === '2' ? 'P' : 'L',
        jenis_pegawai: 'PNS',
        unit_kerja: o.unit ?? 'DINAS-A',
        kode_instansi: agencyCode,
      },
    ],
    pangkat: [
      { nip, golongan: 'III/a', tmt_golongan: '01-03-2000', no_sk: 'SK-CPNS-2000', jenis_kp: 'CPNS' },
      { nip, golongan: 'IV/a', tmt_golongan: '01-04-2018', no_sk: 'SK-KP-2018', jenis_kp: 'Penyesuaian Ijazah' },
      { nip, golongan: 'IV/b', tmt_golongan: '01-04-2022', no_sk: 'SK-KP-2022', jenis_kp: 'Reguler' },
    ],
    jabatan: [
      {
        nip,
        kode_jabatan: 'KASI-1',
        nama_jabatan: 'Kepala Seksi',
        jenis_jabatan: 'Pengawas',
        unit_kerja: 'DINAS-A',
        tmt_jabatan: '02-01-2012',
        no_sk: 'SK-JAB-2012',
      },
      {
        nip,
        kode_jabatan: 'KABID-2',
        nama_jabatan: 'Kepala Bidang',
        jenis_jabatan: 'Administrator',
        unit_kerja: 'DINAS-A',
        tmt_jabatan: '04-01-2021',
        no_sk: 'SK-JAB-2021',
      },
    ],
    pendidikan: [{ nip, jenjang: 'S2', nama_sekolah: 'Universitas Gadjah Mada', jurusan: 'Administrasi Publik', tgl_lulus: '20-08-2010' }],
    kinerja: [
      { nip, tahun: 2024, predikat: 'Sangat Baik' },
      { nip, tahun: 2025, predikat: 'Baik' },
    ],
    hukdis: [{ nip, tingkat: 'Ringan', jenis_hukuman: 'Teguran Lisan', tmt_hukuman: '02-05-2019', no_sk: 'SK-HD-2019' }],
    kompetensi: [
      {
        nip,
        tgl_asesmen: '10-05-2023',
        metode: 'Assessment Center',
        asesor: 'UPT Penilaian Kompetensi',
        kompetensi: 'integritas',
        level: 4,
        jpm: 86,
      },
      {
        nip,
        tgl_asesmen: '10-05-2023',
        metode: 'Assessment Center',
        asesor: 'UPT Penilaian Kompetensi',
        kompetensi: 'kerjasama',
        level: 3,
        jpm: 86,
      },
    ],
    sertifikat: [{ nip, kode: 'DIKLATPIM_III', tgl_terbit: '30-11-2016', nomor: 'PIM-III-2016-001' }],
    talenta: [{ nip, periode: '2025', kinerja: 'Di atas ekspektasi', potensial: 'Tinggi' }],
  };
}

/** Events one `officialRows` official records: registration, 3 grades, 2 posts, degree, 2 ratings, sanction, assessment, credential, 9-box. */
export const EVENTS_PER_OFFICIAL = 13;

/** POSTs a file to /v1/register/imports as a real multipart form. */
export async function uploadImport(stack: Stack, agencyCode: string, content: Buffer, o: { name?: string; actor?: TestActor } = {}) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)]), o.name ?? 'siasn-export.xlsx');
  const res = await fetch(`${stack.state.apiUrl}/v1/register/imports`, {
    method: 'POST',
    body: form,
    headers: await stack.authHeaders(o.actor ?? hrOf(agencyCode), '', agencyCode),
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** The import's final state: polls GET /v1/register/imports/:id while it runs (202 answers). */
export async function importResult(stack: Stack, agencyCode: string, id: string, query = '') {
  for (let i = 0; i < 600; i++) {
    const r = await stack.call('GET', `/v1/register/imports/${id}${query}`, { actor: hrOf(agencyCode) });
    if (r.status !== 200 || r.body.batch.status !== 'running') return r;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`import ${id} still running`);
}
