import { readFileSync } from 'node:fs';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import {
  auditExport,
  currentWorkflowBundle,
  formatAuditReport,
  isAuditBundle,
  parseAuditBundle,
  parseCaseExport,
  type ParsedCaseExport,
} from '@meritflow/audit';
import { DomainError, errorMessage } from '@meritflow/domain';

/**
 * Offline audit of an exported case or of an agency's audit bundle:
 * `node dist/apps/worker/src/replay-export.cli.js <file.json>`. Recomputes the hash chain in the file,
 * checks every archived history against the hash the chain recorded for it, replays each history
 * against this build's workflow code and compares the decisions with the ledger rows. Needs neither
 * Temporal nor PostgreSQL.
 * Exit code: 0 consistent, 1 a broken chain, a determinism error or a difference, 2 the file could not be read.
 */
const USAGE = [
  'Penggunaan / Usage: node dist/apps/worker/src/replay-export.cli.js <ekspor.json / export.json>',
  '  Berkas dari / A file from: GET /api/v1/cases/<caseId>/export',
  '                          atau / or GET /api/v1/audit/bundles?agencyCode=&from=&to=',
].join('\n');

function describe(err: unknown): string {
  if (err instanceof DomainError) {
    const m = errorMessage(err.code, err.params);
    return `${m.id}\n${m.en}`;
  }
  return String(err);
}

async function main(args: string[]): Promise<number> {
  if (args.length !== 1 || args[0].startsWith('-')) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let cases: ParsedCaseExport[];
  let title: string | null = null;
  try {
    const json: unknown = JSON.parse(readFileSync(args[0], 'utf8'));
    if (isAuditBundle(json)) {
      const bundle = parseAuditBundle(json);
      cases = bundle.cases;
      title = `Bundel audit / Audit bundle: ${bundle.agencyCode} [${bundle.from}, ${bundle.to}), ${cases.length} kasus / cases, diekspor / exported ${bundle.exportedAt}`;
    } else {
      cases = [parseCaseExport(json)];
    }
  } catch (err) {
    process.stderr.write(`Berkas ekspor tidak dapat dibaca / The export file cannot be read: ${args[0]}\n${describe(err)}\n`);
    return 2;
  }
  // This process is the only user of the runtime; keep replay's own logging to warnings.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const workflowBundle = await currentWorkflowBundle(require.resolve('@meritflow/workflows'));
  if (title) process.stdout.write(`${title}\n\n`);
  let inconsistent = 0;
  for (const exported of cases) {
    const audit = await auditExport(exported, workflowBundle);
    if (audit.verdict !== 'consistent') inconsistent++;
    process.stdout.write(
      formatAuditReport({
        caseId: exported.caseId,
        exportedAt: exported.exportedAt,
        histories: exported.histories,
        ledgerRows: exported.ledger.length,
        audit,
      }),
    );
    if (cases.length > 1) process.stdout.write('\n');
  }
  if (title) {
    process.stdout.write(`Kasus tidak konsisten / Inconsistent cases: ${inconsistent} / ${cases.length}\n`);
  }
  return inconsistent === 0 ? 0 : 1;
}

// Exits explicitly: a replay given up as hung would otherwise keep the process alive.
const exit = (code: number) => process.stdout.write('', () => process.exit(code));

main(process.argv.slice(2)).then(exit, (err: unknown) => {
  process.stderr.write(`${describe(err)}\n`);
  exit(2);
});
