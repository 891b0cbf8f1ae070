import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadDatabaseConfig } from '@meritflow/config';
import { ChainDigester, parseChainDigest, verifyDigest, type ChainDigest } from './chain-digest';
import { createDataSource } from './data-source';
import { LedgerVerifier } from './ledger-verifier';

/** 0: intact; 1: tampering found (or a digest that does not verify); 2: could not check. */
export const EXIT = { intact: 0, tampered: 1, unchecked: 2 } as const;

const USAGE = [
  'Pemakaian / Usage: node dist/libs/persistence/src/verify-ledger.cli.js [--case <root workflow id>] [--digest <file> --public-key <pem file>]',
  '  DATABASE_URL menunjuk basis data ledger / DATABASE_URL names the ledger database.',
  '  Kode keluar / exit code: 0 utuh / intact, 1 ditemukan perusakan / tampering found, 2 tidak dapat diperiksa / could not check.',
];

class UsageError extends Error {}

interface Options {
  caseId: string | null;
  digest: ChainDigest | null;
  publicKeyPem: string | null;
}

function readOptions(argv: string[]): Options {
  let values: { case?: string; digest?: string; 'public-key'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        case: { type: 'string' },
        digest: { type: 'string' },
        'public-key': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) throw new UsageError('');
  if (values.case !== undefined && values.case.trim() === '') throw new UsageError('--case kosong / --case is empty');
  if (Boolean(values.digest) !== Boolean(values['public-key'])) {
    throw new UsageError('--digest dan --public-key harus diberikan bersama / --digest and --public-key go together');
  }
  let digest: ChainDigest | null = null;
  let publicKeyPem: string | null = null;
  if (values.digest && values['public-key']) {
    try {
      digest = parseChainDigest(JSON.parse(readFileSync(values.digest, 'utf8')));
      publicKeyPem = readFileSync(values['public-key'], 'utf8');
    } catch (err) {
      throw new UsageError(`digest atau kunci tidak terbaca / cannot read the digest or key: ${(err as Error).message}`);
    }
  }
  return { caseId: values.case ?? null, digest, publicKeyPem };
}

const redacted = (url: string): string => {
  const u = new URL(url);
  if (u.password) u.password = '****';
  return u.toString();
};

/** Verifies the ledger (and a digest, when given); returns the report lines and the exit code. */
export async function verifyLedger(argv: string[], databaseUrl: string): Promise<{ exitCode: number; lines: string[] }> {
  let opts: Options;
  try {
    opts = readOptions(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    return { exitCode: err.message ? EXIT.unchecked : EXIT.intact, lines: [...(err.message ? [err.message] : []), ...USAGE] };
  }
  const lines: string[] = ['Verifikasi rantai hash ledger keputusan / Decision ledger hash-chain verification'];
  lines.push(`  Basis data / Database: ${redacted(databaseUrl)}`);
  lines.push(`  Cakupan / Scope: ${opts.caseId ? `kasus / case ${opts.caseId}` : 'semua kasus / every case'}`);
  const ds = createDataSource(databaseUrl, 'meritflow-verify-ledger');
  await ds.initialize();
  try {
    let tampered = false;
    const verifier = new LedgerVerifier(ds);
    const report = opts.caseId ? await verifier.verifyCase(opts.caseId) : await verifier.verifyAll();
    if (opts.caseId && report.cases === 0) {
      lines.push(`  Kasus tidak ditemukan di ledger / The case has no rows in the ledger: ${opts.caseId}`);
      if (!opts.digest) return { exitCode: EXIT.unchecked, lines };
    }
    const rate = report.durationMs > 0 ? Math.round(report.rowsChecked / (report.durationMs / 1000)) : report.rowsChecked;
    lines.push(
      `  Diperiksa / Checked: ${report.rowsChecked} catatan / rows, ${report.cases} kasus / cases, ${report.durationMs} ms (${rate} catatan/detik / rows/s)`,
    );
    if (report.valid) {
      lines.push('  Rantai / Chains: UTUH, setiap tautan cocok / INTACT, every link matches');
    } else {
      tampered = true;
      lines.push(`  Rantai / Chains: RUSAK pada ${report.broken.length} kasus / BROKEN in ${report.broken.length} case(s)`);
      for (const b of report.broken) {
        lines.push(`    - ${b.message.id}`, `      ${b.message.en}`);
        lines.push(
          `      id=${b.decisionId} expected=${b.expected ?? 'null'} actual=${b.actual ?? 'null'} (${b.brokenRows} catatan gagal / rows failing)`,
        );
      }
    }
    if (opts.digest && opts.publicKeyPem) {
      const d = opts.digest;
      lines.push(
        `  Digest: ${d.generatedAt}, ${d.heads.length} kasus / cases, kunci / key ${d.keyId}${d.ephemeral ? ' (sementara / ephemeral)' : ''}`,
      );
      const signature = verifyDigest(d, opts.publicKeyPem);
      if (signature.valid) {
        lines.push('  Tanda tangan / Signature: SAH / VALID');
      } else {
        tampered = true;
        lines.push(`  Tanda tangan / Signature: TIDAK SAH / INVALID (${signature.reason})`);
      }
      const comparison = await new ChainDigester(ds).compareWithDigest(d);
      if (comparison.intact) {
        lines.push(
          `  Dibandingkan dengan digest / Against the digest: UTUH, setiap kepala rantai masih ada / INTACT, every signed head is still there (${comparison.newCases} kasus baru / new cases)`,
        );
      } else {
        tampered = true;
        lines.push(`  Dibandingkan dengan digest / Against the digest: ${comparison.findings.length} temuan / finding(s)`);
        for (const f of comparison.findings) lines.push(`    - ${f.message.id}`, `      ${f.message.en}`);
      }
    }
    lines.push(tampered ? 'Hasil / Result: DITEMUKAN PERUSAKAN / TAMPERING FOUND' : 'Hasil / Result: UTUH / INTACT');
    return { exitCode: tampered ? EXIT.tampered : EXIT.intact, lines };
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  Promise.resolve()
    .then(() => verifyLedger(process.argv.slice(2), loadDatabaseConfig().DATABASE_URL))
    .then(
      ({ exitCode, lines }) => {
        (exitCode === EXIT.unchecked ? console.error : console.log)(lines.join('\n'));
        process.exitCode = exitCode;
      },
      (err) => {
        console.error(`Tidak dapat memeriksa ledger / Could not check the ledger: ${err instanceof Error ? err.message : String(err)}`);
        process.exitCode = EXIT.unchecked;
      },
    );
}
