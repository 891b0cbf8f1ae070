import { readFileSync } from 'node:fs';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import {
  auditExport,
  currentWorkflowBundle,
  formatAuditReport,
  isAuditBundle,
  parseAuditBundle,
  parseCaseExport,
  type ExportVerdict,
  type ParsedCaseExport,
} from '@meritflow/audit';
import { AesGcmPayloadCodec } from '@meritflow/codec';
import { ConfigError, loadAuditCliConfig, parsePayloadKeys } from '@meritflow/config';
import { DomainError, errorMessage } from '@meritflow/domain';

/**
 * Offline audit of an exported case or of an agency's audit bundle:
 * `node dist/apps/worker/src/replay-export.cli.js <file.json> [--keys-file <keys>]`. Recomputes the
 * hash chain in the file, checks every archived history against the hash the chain recorded for it,
 * replays each history against this build's workflow code and compares the decisions with the ledger
 * rows. Needs neither Temporal nor PostgreSQL.
 *
 * The histories' payloads are encrypted (as Temporal stored them); replaying them needs the payload
 * keys they name, from PAYLOAD_KEYS or a keys file in the same format. Without them the chain and
 * the history hashes are still checked.
 * Exit code: 0 consistent, 1 a broken chain, a changed history, a determinism error or a difference,
 * 2 the file (or the keys) could not be read, 3 intact as far as it could be checked, but the replay
 * needs keys that were not given.
 */
const USAGE = [
  'Penggunaan / Usage: node dist/apps/worker/src/replay-export.cli.js <ekspor.json / export.json> [--keys-file <berkas / file>]',
  '  Berkas dari / A file from: GET /api/v1/cases/<caseId>/export',
  '                          atau / or GET /api/v1/audit/bundles?agencyCode=&from=&to=',
  '  Kunci muatan / Payload keys: PAYLOAD_KEYS=keyId:base64key[,…] atau / or --keys-file (satu per baris / one per line)',
].join('\n');

const EXIT: Record<ExportVerdict, number> = { consistent: 0, inconsistent: 1, needs_key: 3 };

function describe(err: unknown): string {
  if (err instanceof DomainError) {
    const m = errorMessage(err.code, err.params);
    return `${m.id}\n${m.en}`;
  }
  return err instanceof ConfigError ? err.message : String(err);
}

function parseArgs(args: string[]): { file: string; keysFile: string | null } | null {
  const rest = [...args];
  let keysFile: string | null = null;
  const at = rest.indexOf('--keys-file');
  if (at >= 0) {
    keysFile = rest[at + 1] ?? '';
    rest.splice(at, 2);
    if (!keysFile || keysFile.startsWith('-')) return null;
  }
  if (rest.length !== 1 || rest[0].startsWith('-')) return null;
  return { file: rest[0], keysFile };
}

/** A codec that only decrypts, with the keys given; none given: it opens nothing encrypted. */
function payloadCodec(keysFile: string | null): AesGcmPayloadCodec {
  // The file replaces the environment, so an auditor's keys file is the whole story.
  const keys = keysFile ? parsePayloadKeys(readFileSync(keysFile, 'utf8')) : (loadAuditCliConfig().PAYLOAD_KEYS ?? []);
  return new AesGcmPayloadCodec({ activeKeyId: null, keys });
}

async function main(args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  if (!parsed) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let codec: AesGcmPayloadCodec;
  try {
    codec = payloadCodec(parsed.keysFile);
  } catch (err) {
    const from = parsed.keysFile ? `--keys-file ${parsed.keysFile}` : 'PAYLOAD_KEYS';
    process.stderr.write(`Kunci muatan tidak dapat dibaca / The payload keys cannot be read (${from}):\n${describe(err)}\n`);
    return 2;
  }
  let cases: ParsedCaseExport[];
  let title: string | null = null;
  try {
    const json: unknown = JSON.parse(readFileSync(parsed.file, 'utf8'));
    if (isAuditBundle(json)) {
      const bundle = parseAuditBundle(json);
      cases = bundle.cases;
      title = `Bundel audit / Audit bundle: ${bundle.agencyCode} [${bundle.from}, ${bundle.to}), ${cases.length} kasus / cases, diekspor / exported ${bundle.exportedAt}`;
    } else {
      cases = [parseCaseExport(json)];
    }
  } catch (err) {
    process.stderr.write(`Berkas ekspor tidak dapat dibaca / The export file cannot be read: ${parsed.file}\n${describe(err)}\n`);
    return 2;
  }
  // This process is the only user of the runtime; keep replay's own logging to warnings.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const workflowBundle = await currentWorkflowBundle(require.resolve('@meritflow/workflows'));
  if (title) process.stdout.write(`${title}\n\n`);
  const verdicts: ExportVerdict[] = [];
  for (const exported of cases) {
    const audit = await auditExport(exported, workflowBundle, codec);
    verdicts.push(audit.verdict);
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
  const inconsistent = verdicts.filter((v) => v === 'inconsistent').length;
  const needKeys = verdicts.filter((v) => v === 'needs_key').length;
  if (title) {
    process.stdout.write(`Kasus tidak konsisten / Inconsistent cases: ${inconsistent} / ${cases.length}\n`);
    if (needKeys > 0)
      process.stdout.write(`Kasus yang memerlukan kunci muatan / Cases that need payload keys: ${needKeys} / ${cases.length}\n`);
  }
  return inconsistent > 0 ? EXIT.inconsistent : needKeys > 0 ? EXIT.needs_key : EXIT.consistent;
}

// Exits explicitly: a replay given up as hung would otherwise keep the process alive.
const exit = (code: number) => process.stdout.write('', () => process.exit(code));

main(process.argv.slice(2)).then(exit, (err: unknown) => {
  process.stderr.write(`${describe(err)}\n`);
  exit(2);
});
