import { mapImportRow, type FieldIssue, type ImportRowIssue, type MappedRow, type RowRef } from '@meritflow/domain';
import { detectFormat, readImportFile } from './import-file';

/** What the file holds, grouped: one entry per person (by NIP as written), reference rows, rows with no NIP. */
export interface ParsedFile {
  persons: Map<string, PersonRows>;
  units: Extract<MappedRow, { kind: 'unit' }>[];
  posts: Extract<MappedRow, { kind: 'post' }>[];
  orphans: ImportRowIssue[];
  rows: number;
}

export interface PersonRows {
  person: Extract<MappedRow, { kind: 'person' }>[];
  history: Extract<MappedRow, { kind: 'event' | 'competency' }>[];
  invalid: Extract<MappedRow, { kind: 'invalid' }>[];
  rows: number;
  /** A pegawai row named the person (valid or not). */
  named: boolean;
}

export const rowIssue = (ref: RowRef | { sheet: 'file'; row: number }, nip: string | null, f: FieldIssue): ImportRowIssue => ({
  sheet: ref.sheet,
  row: ref.row,
  nip,
  field: f.field,
  rule: f.rule,
  message: f.message,
});

/** Reads the whole file and maps every row; a person's rows are grouped by the NIP as written. */
export async function parseImport(content: Buffer, fileName: string, agencyCode: string, maxRows: number): Promise<ParsedFile> {
  const parsed: ParsedFile = { persons: new Map(), units: [], posts: [], orphans: [], rows: 0 };
  const personOf = (nip: string): PersonRows => {
    let p = parsed.persons.get(nip);
    if (!p) parsed.persons.set(nip, (p = { person: [], history: [], invalid: [], rows: 0, named: false }));
    return p;
  };
  await readImportFile(
    content,
    detectFormat(content, fileName),
    (row) => {
      parsed.rows++;
      const mapped = mapImportRow(row, agencyCode);
      switch (mapped.kind) {
        case 'unit':
          parsed.units.push(mapped);
          return;
        case 'post':
          parsed.posts.push(mapped);
          return;
        case 'invalid':
          if (!mapped.nip) {
            parsed.orphans.push(...mapped.issues.map((f) => rowIssue(mapped.ref, null, f)));
            return;
          }
          break;
      }
      const p = personOf(mapped.nip!);
      p.rows++;
      if (row.sheet === 'pegawai') p.named = true;
      if (mapped.kind === 'person') p.person.push(mapped);
      else if (mapped.kind === 'invalid') p.invalid.push(mapped);
      else p.history.push(mapped);
    },
    { maxRows },
  );
  return parsed;
}
