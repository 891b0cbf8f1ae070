import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadDatabaseConfig } from '@meritflow/config';
import { BUSINESS_CODE_PATTERN, DomainError, errorMessage, wibDate, type Actor } from '@meritflow/domain';
import { createDataSource, RegisterImporter, type ImportBatchView } from '@meritflow/persistence';

/**
 * `npm run register:import -- --agency <code> --file <export.xlsx|.csv> [--actor-id <id>] [--actor-name <name>]`
 * imports a SIASN/SIMPEG export into an agency's register through the same importer the API uses
 * (DATABASE_URL names the database). Prints progress to stderr and the report to stdout.
 * Exit code: 0 every row applied (or already held), 1 rows were rejected, 2 nothing could be imported.
 */
export const EXIT = { ok: 0, rejected: 1, failed: 2 } as const;

const USAGE = [
  'Penggunaan / Usage: npm run register:import -- --agency <kode instansi> --file <ekspor.xlsx|.csv> [--actor-id <id>] [--actor-name <nama>]',
  '  DATABASE_URL menunjuk basis data meritflow / DATABASE_URL names the meritflow database.',
  '  Kode keluar / exit code: 0 semua baris diterapkan / every row applied, 1 ada baris ditolak / rows rejected, 2 gagal / failed.',
];

const progress = (b: ImportBatchView) =>
  `  ${b.rowsDone}/${b.rowsTotal} baris / rows, ${b.personsApplied + b.personsUnchanged + b.personsRejected}/${b.personsTotal} pegawai / persons`;

function report(
  b: ImportBatchView,
  alreadyImported: boolean,
  errors: { sheet: string; row: number; nip: string | null; field: string; rule: string; message: { id: string; en: string } }[],
): string[] {
  const lines = [
    `Impor register / Register import ${b.id} (${b.agencyCode}, ${b.fileName}, sha256 ${b.fileSha256})`,
    ...(alreadyImported
      ? ['  Berkas ini sudah pernah diimpor; tidak ada yang berubah / This file was imported before; nothing changed.']
      : []),
    `  Status: ${b.status}`,
    `  Baris / Rows: ${b.rowsDone}/${b.rowsTotal}`,
    `  Pegawai / Persons: ${b.personsTotal} (diterapkan / applied ${b.personsApplied}, tanpa perubahan / unchanged ${b.personsUnchanged}, ditolak / rejected ${b.personsRejected})`,
    `  Peristiwa dicatat / Events recorded: ${b.eventsRecorded}`,
    `  Kesalahan baris / Row errors: ${b.errorsTotal}`,
  ];
  for (const e of errors) {
    lines.push(`    ${e.sheet}:${e.row} nip=${e.nip ?? '-'} ${e.field} [${e.rule}] ${e.message.id} / ${e.message.en}`);
  }
  if (b.errorsTotal > errors.length)
    lines.push(`    … ${b.errorsTotal - errors.length} lagi / more (GET /api/v1/register/imports/${b.id})`);
  return lines;
}

export async function registerImportCli(
  argv: string[],
  databaseUrl: string,
  log: (line: string) => void,
): Promise<{ exitCode: number; lines: string[] }> {
  let values: { agency?: string; file?: string; 'actor-id'?: string; 'actor-name'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        agency: { type: 'string' },
        file: { type: 'string' },
        'actor-id': { type: 'string' },
        'actor-name': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    return { exitCode: EXIT.failed, lines: [(err as Error).message, ...USAGE] };
  }
  if (values.help) return { exitCode: EXIT.ok, lines: USAGE };
  if (!values.agency || !BUSINESS_CODE_PATTERN.test(values.agency) || !values.file) {
    return { exitCode: EXIT.failed, lines: ['--agency (kode instansi / agency code) dan / and --file wajib / are required', ...USAGE] };
  }
  let content: Buffer;
  try {
    content = readFileSync(values.file);
  } catch (err) {
    return { exitCode: EXIT.failed, lines: [`berkas tidak terbaca / cannot read the file: ${(err as Error).message}`] };
  }
  const actor: Actor = {
    id: values['actor-id'] ?? 'register-import-cli',
    role: 'system',
    name: values['actor-name'] ?? 'CLI impor register',
  };
  const ds = createDataSource(databaseUrl, 'meritflow-register-import');
  await ds.initialize();
  try {
    const importer = new RegisterImporter(ds);
    const { batch, alreadyImported } = await importer.import(
      { agencyCode: values.agency, fileName: path.basename(values.file), content, actor, today: wibDate(new Date()) },
      (b) => log(progress(b)),
    );
    const errors = await importer.errors(batch.id, 0, 200);
    const lines = report(batch, alreadyImported, errors.items);
    const exitCode = batch.status !== 'completed' ? EXIT.failed : batch.errorsTotal > 0 ? EXIT.rejected : EXIT.ok;
    return { exitCode, lines };
  } catch (err) {
    if (err instanceof DomainError) {
      const m = errorMessage(err.code, err.params);
      return { exitCode: EXIT.failed, lines: [m.id, m.en] };
    }
    throw err;
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  Promise.resolve()
    .then(() => registerImportCli(process.argv.slice(2), loadDatabaseConfig().DATABASE_URL, (l) => void process.stderr.write(`${l}\n`)))
    .then(
      ({ exitCode, lines }) => {
        (exitCode === EXIT.failed ? console.error : console.log)(lines.join('\n'));
        process.exitCode = exitCode;
      },
      (err: unknown) => {
        console.error(err);
        process.exitCode = EXIT.failed;
      },
    );
}
