import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  defaultTemporalCacheDir,
  resolveTemporalBinary,
  TEMPORAL_CLI_MODULE,
  TEMPORAL_CLI_VERSION,
  TemporalBinaryNotFoundError,
} from './temporal-binary';

describe('resolveTemporalBinary', () => {
  let root: string;
  let explicitDir: string;
  let pathDir: string;
  let otherPathDir: string;
  let cacheDir: string;

  const fakeExecutable = async (file: string, body: string, mode = 0o755) => {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `#!/bin/sh\n${body}\n`, { mode });
    return file;
  };
  const offline = { allowBuild: false, allowDownload: false } as const;

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'meritflow-temporal-binary-'));
    explicitDir = path.join(root, 'explicit');
    pathDir = path.join(root, 'on-path');
    otherPathDir = path.join(root, 'other-on-path');
    cacheDir = path.join(root, 'cache', 'meritflow', 'bin');
    await Promise.all([explicitDir, pathDir, otherPathDir, cacheDir].map((d) => mkdir(d, { recursive: true })));
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('prefers the explicit path over PATH and the cache', async () => {
    const explicit = await fakeExecutable(path.join(explicitDir, 'my-temporal'), 'echo explicit');
    await fakeExecutable(path.join(pathDir, 'temporal'), 'echo path');
    await fakeExecutable(path.join(cacheDir, 'temporal'), 'echo cache');

    await expect(resolveTemporalBinary({ explicitPath: explicit, searchPath: pathDir, cacheDir, ...offline })).resolves.toEqual({
      path: explicit,
      source: 'explicit',
    });
  });

  it('prefers PATH over the cache, taking the first executable PATH entry', async () => {
    await writeFile(path.join(otherPathDir, 'temporal'), 'not executable', { mode: 0o644 });
    const onPath = await fakeExecutable(path.join(pathDir, 'temporal'), 'echo path');
    await fakeExecutable(path.join(cacheDir, 'temporal'), 'echo cache');
    const searchPath = ['', otherPathDir, pathDir].join(path.delimiter);

    await expect(resolveTemporalBinary({ searchPath, cacheDir, ...offline })).resolves.toEqual({ path: onPath, source: 'path' });
  });

  it('falls back to the per-user cache', async () => {
    const cached = await fakeExecutable(path.join(cacheDir, 'temporal'), 'echo cache');

    await expect(resolveTemporalBinary({ searchPath: pathDir, cacheDir, ...offline })).resolves.toEqual({
      path: cached,
      source: 'cache',
    });
  });

  it('rejects an explicit path that is not an executable file instead of silently using another binary', async () => {
    await fakeExecutable(path.join(pathDir, 'temporal'), 'echo path');

    await expect(
      resolveTemporalBinary({ explicitPath: path.join(explicitDir, 'missing'), searchPath: pathDir, cacheDir, ...offline }),
    ).rejects.toThrow(/TEMPORAL_CLI_PATH=.*missing is not an executable file/);
  });

  it('explains how to get a binary when nothing is found and build and download are disabled', async () => {
    const error = await resolveTemporalBinary({ searchPath: pathDir, cacheDir, ...offline }).catch((e: Error) => e);

    expect(error).toBeInstanceOf(TemporalBinaryNotFoundError);
    const message = (error as Error).message;
    expect(message).toContain('PATH: no executable `temporal`');
    expect(message).toContain(`cache: ${path.join(cacheDir, 'temporal')} does not exist`);
    expect(message).toContain('build with Go: disabled');
    expect(message).toContain(`go install ${TEMPORAL_CLI_MODULE}@${TEMPORAL_CLI_VERSION}`);
    expect(message).toContain('TEMPORAL_CLI_PATH=');
    expect(message).toContain('TEMPORAL_ADDRESS=');
  });

  it('builds into the cache with `go install` when Go is on PATH', async () => {
    // A stand-in for go that "builds" a temporal which prints the arguments go was called with.
    await fakeExecutable(
      path.join(pathDir, 'go'),
      ['printf \'#!/bin/sh\\necho built-with %s\\n\' "$*" > "$GOBIN/temporal"', 'chmod 755 "$GOBIN/temporal"'].join('\n'),
    );

    const resolved = await resolveTemporalBinary({ searchPath: pathDir, cacheDir, allowDownload: false });

    expect(resolved).toEqual({ path: path.join(cacheDir, 'temporal'), source: 'built' });
    expect(execFileSync(resolved.path, { encoding: 'utf8' }).trim()).toBe(
      `built-with install -v ${TEMPORAL_CLI_MODULE}@${TEMPORAL_CLI_VERSION}`,
    );
    expect(await readdir(cacheDir)).toEqual(['temporal']);
  });

  it('reports a failed Go build with its output', async () => {
    await fakeExecutable(path.join(pathDir, 'go'), 'echo "go: module lookup disabled by GOPROXY=off" >&2; exit 1');

    const error = await resolveTemporalBinary({ searchPath: pathDir, cacheDir, allowDownload: false }).catch((e: Error) => e);

    expect(error).toBeInstanceOf(TemporalBinaryNotFoundError);
    expect((error as Error).message).toContain('build with Go: failed');
    expect((error as Error).message).toContain('module lookup disabled by GOPROXY=off');
    expect(await readdir(cacheDir)).toEqual([]);
  });
});

describe('defaultTemporalCacheDir', () => {
  it('uses XDG_CACHE_HOME when it is an absolute path, ~/.cache otherwise', () => {
    expect(defaultTemporalCacheDir({ xdgCacheHome: '/var/cache/me', homeDir: '/home/me' })).toBe('/var/cache/me/meritflow/bin');
    expect(defaultTemporalCacheDir({ homeDir: '/home/me' })).toBe('/home/me/.cache/meritflow/bin');
    expect(defaultTemporalCacheDir({ xdgCacheHome: 'relative', homeDir: '/home/me' })).toBe('/home/me/.cache/meritflow/bin');
  });
});
