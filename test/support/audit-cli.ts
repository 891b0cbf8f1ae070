import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readStackState } from './test-stack';

const ROOT = path.resolve(__dirname, '../..');
/** The offline replay CLI as `npm run audit:replay` runs it (after `npm run build`). */
const CLI = path.join(ROOT, 'dist/apps/worker/src/replay-export.cli.js');

/** How the auditor holds the payload keys: in PAYLOAD_KEYS, in a keys file, or not at all. */
export type AuditKeys = { env: string } | { file: string } | 'none';

/**
 * The offline CLI as an auditor runs it: no Temporal address, no database URL in its environment;
 * by default the stack's payload keys in PAYLOAD_KEYS.
 */
export function runAuditCli(
  file: string,
  keys: AuditKeys = { env: readStackState().payloadKeys },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '', ...(keys !== 'none' && 'env' in keys ? { PAYLOAD_KEYS: keys.env } : {}) };
  const args = [CLI, file, ...(keys !== 'none' && 'file' in keys ? ['--keys-file', keys.file] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A scratch folder for the files an auditor downloads; `write` saves JSON there, `remove` clears it. */
export function exportFolder(prefix: string): { write: (name: string, json: unknown) => string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return {
    write: (name, json) => {
      const file = path.join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify(json, null, 2));
      return file;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
