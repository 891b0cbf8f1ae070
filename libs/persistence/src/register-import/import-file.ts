import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import {
  DomainError,
  IMPORT_SHEETS,
  isImportSheet,
  missingColumns,
  normalizeCode,
  type ImportRow,
  type ImportSheet,
} from '@meritflow/domain';

export type ImportFormat = 'xlsx' | 'csv';

/** The column of a CSV upload that names each row's sheet (record type). */
export const CSV_SHEET_COLUMN = 'sheet';

const fileError = (field: string, rule: string, id: string, en: string) =>
  new DomainError('VALIDATION_FAILED', { fields: [{ field, rule, message: { id, en } }] });

/** XLSX by its zip signature, else CSV when the name says so or the bytes are text; otherwise refused. */
export function detectFormat(content: Buffer, fileName: string): ImportFormat {
  if (content.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
  const head = content.subarray(0, 4096);
  if (/\.csv$/i.test(fileName) || (head.length > 0 && !head.includes(0))) return 'csv';
  throw fileError(
    'file',
    'import.format',
    'berkas harus XLSX (lembar pegawai, pangkat, …) atau CSV dengan kolom sheet',
    'the file must be an XLSX workbook (sheets pegawai, pangkat, …) or a CSV with a sheet column',
  );
}

/** A cell as text: dates as YYYY-MM-DD, numbers too long to be exact in scientific notation (so a NIP typed as a number is caught). */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'number') return Number.isSafeInteger(v) || !Number.isInteger(v) ? String(v) : v.toExponential();
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'boolean') return String(v);
  if ('richText' in v)
    return v.richText
      .map((t) => t.text)
      .join('')
      .trim();
  if ('result' in v) return cellText((v.result ?? null) as ExcelJS.CellValue);
  if ('text' in v) return String(v.text).trim();
  if ('error' in v) return '';
  return '';
}

export interface ReadLimits {
  maxRows: number;
}

const tooMany = (max: number) =>
  fileError('file', 'import.maxRows', `berkas berisi lebih dari ${max} baris`, `the file has more than ${max} rows`);

const checkHeader = (sheet: ImportSheet, header: string[]): void => {
  const missing = missingColumns(sheet, header);
  if (missing.length > 0) {
    throw new DomainError('VALIDATION_FAILED', {
      fields: missing.map((c) => ({
        field: `${sheet}.${c}`,
        rule: 'import.missingColumn',
        message: { id: `lembar ${sheet} tidak memiliki kolom ${c}`, en: `sheet ${sheet} has no column ${c}` },
      })),
    });
  }
};

const xmlText = (v: string): string =>
  v.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-f]+|#\d+);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
    if (named[e.toLowerCase()]) return named[e.toLowerCase()];
    return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/**
 * What exceljs's streaming reader needs before the first worksheet: the sheet list, the workbook's
 * relationships and the shared strings. It reads them only when met in the zip, and a worksheet met
 * earlier is set aside and, with shared strings, read wrongly; writers order the parts differently
 * (exceljs's own writer puts the worksheets first). So they are read here first from the zip's
 * directory (jszip, inflating only these small parts) and handed to the reader.
 */
async function workbookParts(content: Buffer) {
  const zip = await JSZip.loadAsync(content);
  const read = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  const rels = [...(await read('xl/_rels/workbook.xml.rels')).matchAll(/<Relationship\b[^>]*>/g)].map((m) => ({
    Id: attr(m[0], 'Id') ?? '',
    Type: attr(m[0], 'Type') ?? '',
    // exceljs matches worksheets by 'worksheets/sheetN.xml'.
    Target: (attr(m[0], 'Target') ?? '').replace(/^\/?(xl\/)?/, ''),
  }));
  const sheets = [...(await read('xl/workbook.xml')).matchAll(/<sheet\b[^>]*>/g)].map((m) => ({
    id: Number(attr(m[0], 'sheetId')),
    name: xmlText(attr(m[0], 'name') ?? ''),
    rId: attr(m[0], 'r:id') ?? '',
    state: attr(m[0], 'state') ?? 'visible',
  }));
  const sharedStrings = [...(await read('xl/sharedStrings.xml')).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    xmlText([...m[1].replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')),
  );
  return { rels, sheets, sharedStrings };
}

/** Streams an XLSX workbook's known sheets row by row (exceljs's streaming reader); other sheets are skipped. */
async function readXlsx(content: Buffer, onRow: (row: ImportRow) => void, limits: ReadLimits): Promise<ImportSheet[]> {
  const parts = await workbookParts(content);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([content]), {
    // Also handed over below; 'ignore' would leave the part undrained and stall the zip stream.
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  Object.assign(reader, { model: { sheets: parts.sheets }, workbookRels: parts.rels, sharedStrings: parts.sharedStrings });
  const seen: ImportSheet[] = [];
  let rows = 0;
  for await (const ws of reader) {
    const name = normalizeCode((ws as unknown as { name: string }).name ?? '');
    if (!isImportSheet(name) || seen.includes(name)) {
      for await (const _ of ws) void _; // drain
      continue;
    }
    seen.push(name);
    let header: string[] | null = null;
    for await (const row of ws) {
      const values = (row.values as ExcelJS.CellValue[]) ?? [];
      const cells = values.map(cellText);
      if (!header) {
        header = cells.map((h) => normalizeCode(h ?? ''));
        checkHeader(name, header);
        continue;
      }
      if (cells.every((c) => !c)) continue;
      if (++rows > limits.maxRows) throw tooMany(limits.maxRows);
      const record: Record<string, string> = {};
      header.forEach((h, i) => {
        if (h) record[h] = cells[i] ?? '';
      });
      onRow({ sheet: name, row: row.number, cells: record });
    }
    if (!header) checkHeader(name, []);
  }
  return seen;
}

/** One CSV for the whole export: a `sheet` column names each row's sheet, the other columns are the union of the sheets'. */
async function readCsv(content: Buffer, onRow: (row: ImportRow) => void, limits: ReadLimits): Promise<ImportSheet[]> {
  const firstLine = content.subarray(0, Math.max(0, content.indexOf(0x0a)) || content.length).toString('utf8');
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const parser = Readable.from([content]).pipe(
    parseCsv({
      bom: true,
      delimiter,
      columns: (h: string[]) => h.map((c) => normalizeCode(c)),
      info: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }),
  );
  const seen = new Set<ImportSheet>();
  let header = true;
  let rows = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number; columns: { name: string }[] };
    }>) {
      if (header) {
        header = false;
        const names = info.columns.map((c) => c.name);
        if (!names.includes(CSV_SHEET_COLUMN)) {
          throw fileError(
            CSV_SHEET_COLUMN,
            'import.missingColumn',
            'CSV harus memiliki kolom sheet (pegawai, pangkat, …) pada tiap baris',
            'the CSV needs a sheet column (pegawai, pangkat, …) on every row',
          );
        }
      }
      if (Object.values(record).every((v) => !v)) continue;
      const sheet = normalizeCode(record[CSV_SHEET_COLUMN] ?? '');
      if (++rows > limits.maxRows) throw tooMany(limits.maxRows);
      if (!isImportSheet(sheet)) {
        throw fileError(
          `${CSV_SHEET_COLUMN}`,
          'isIn',
          `baris ${info.lines}: sheet "${sheet}" tidak dikenal (${IMPORT_SHEETS.join(', ')})`,
          `line ${info.lines}: sheet "${sheet}" is unknown (${IMPORT_SHEETS.join(', ')})`,
        );
      }
      seen.add(sheet);
      onRow({ sheet, row: info.lines, cells: record });
    }
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw fileError(
      'file',
      'import.csv',
      `CSV tidak terbaca: ${(err as Error).message}`,
      `the CSV cannot be read: ${(err as Error).message}`,
    );
  }
  return [...seen];
}

/**
 * Reads an import file row by row into `onRow`, checking each present sheet's header. Refuses the
 * whole file (VALIDATION_FAILED naming the sheet and column) when it cannot be read, lacks a
 * required column, names an unknown sheet (CSV) or has more than `maxRows` rows.
 */
export async function readImportFile(
  content: Buffer,
  format: ImportFormat,
  onRow: (row: ImportRow) => void,
  limits: ReadLimits,
): Promise<ImportSheet[]> {
  let sheets: ImportSheet[];
  if (format === 'csv') {
    // The header is the union of the sheets' columns; a sheet's required ones are checked at its first row.
    const headers = new Map<ImportSheet, boolean>();
    sheets = await readCsv(
      content,
      (row) => {
        if (!headers.has(row.sheet)) {
          checkHeader(row.sheet, Object.keys(row.cells));
          headers.set(row.sheet, true);
        }
        onRow(row);
      },
      limits,
    );
  } else {
    try {
      sheets = await readXlsx(content, onRow, limits);
    } catch (err) {
      if (err instanceof DomainError) throw err;
      throw fileError(
        'file',
        'import.xlsx',
        `XLSX tidak terbaca: ${(err as Error).message}`,
        `the XLSX workbook cannot be read: ${(err as Error).message}`,
      );
    }
  }
  if (sheets.length === 0) {
    throw fileError(
      'file',
      'import.noSheet',
      `berkas tidak memiliki lembar yang dikenal (${IMPORT_SHEETS.join(', ')})`,
      `the file has none of the known sheets (${IMPORT_SHEETS.join(', ')})`,
    );
  }
  return sheets;
}
