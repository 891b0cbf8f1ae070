import { readFileSync } from 'node:fs';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { DomainError, errorMessage } from '../../domain/src';
import { auditCase } from './audit-case';
import { formatAuditReport } from './audit-report';
import { parseCaseExport, type ParsedCaseExport } from './case-export';
import { currentWorkflowBundle } from './workflow-bundle';

/**
 * Offline audit of an exported case: `node dist/libs/audit/src/replay-export.cli.js <export.json>`.
 * Replays each history against this build's workflow code and compares the decisions with the
 * ledger rows in the file. Needs neither Temporal nor PostgreSQL.
 * Exit code: 0 consistent, 1 a determinism error or a difference, 2 the file could not be read.
 */
const USAGE = [
  'Penggunaan / Usage: node dist/libs/audit/src/replay-export.cli.js <ekspor-kasus.json / case-export.json>',
  '  Berkas dari / A file from: GET /api/v1/cases/<caseId>/export',
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
  let exported: ParsedCaseExport;
  try {
    exported = parseCaseExport(JSON.parse(readFileSync(args[0], 'utf8')));
  } catch (err) {
    process.stderr.write(`Berkas ekspor tidak dapat dibaca / The export file cannot be read: ${args[0]}\n${describe(err)}\n`);
    return 2;
  }
  // This process is the only user of the runtime; keep replay's own logging to warnings.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const audit = await auditCase({ histories: exported.histories, ledger: exported.ledger, bundle: await currentWorkflowBundle() });
  process.stdout.write(
    formatAuditReport({ caseId: exported.caseId, exportedAt: exported.exportedAt, histories: exported.histories, ledgerRows: exported.ledger.length, audit }),
  );
  return audit.verdict === 'consistent' ? 0 : 1;
}

// Exits explicitly: a replay given up as hung would otherwise keep the process alive.
const exit = (code: number) => process.stdout.write('', () => process.exit(code));

main(process.argv.slice(2)).then(exit, (err: unknown) => {
  process.stderr.write(`${describe(err)}\n`);
  exit(2);
});
