import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
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

/** Streams an XLSX workbook's known sheets row by row (exceljs's streaming reader); other sheets are skipped. */
async function readXlsx(content: Buffer, onRow: (row: ImportRow) => void, limits: ReadLimits): Promise<ImportSheet[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([content]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
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
