import { chmod, mkdir, mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { allows, describeBlocker, findAccessBlocker, grantedBits, R_BIT, W_BIT, X_BIT, type OsIdentity } from './path-access';

describe('grantedBits', () => {
  const file = { mode: 0o100754, uid: 1000, gid: 2000 };

  it('applies exactly one class: owner, else group, else other', () => {
    expect(grantedBits({ uid: 1000, gids: [2000] }, file)).toBe(7);
    expect(grantedBits({ uid: 1001, gids: [3000, 2000] }, file)).toBe(5);
    expect(grantedBits({ uid: 1001, gids: [3000] }, file)).toBe(4);
    // An owner whose own bits are empty is denied, even though everyone else may.
    expect(grantedBits({ uid: 1000, gids: [] }, { mode: 0o100077, uid: 1000, gid: 2000 })).toBe(0);
  });

  it('lets root read and write anything, but execute only what has an x bit, and search every directory', () => {
    const root = { uid: 0, gids: [0] };
    expect(grantedBits(root, { mode: 0o100600, uid: 1000, gid: 1000 })).toBe(R_BIT | W_BIT);
    expect(grantedBits(root, { mode: 0o100700, uid: 1000, gid: 1000 })).toBe(7);
    expect(grantedBits(root, { mode: 0o040000, uid: 1000, gid: 1000 })).toBe(7);
  });

  it('allows() needs every requested bit', () => {
    expect(allows({ uid: 5, gids: [5] }, { mode: 0o100711, uid: 0, gid: 0 }, X_BIT)).toBe(true);
    expect(allows({ uid: 5, gids: [5] }, { mode: 0o100711, uid: 0, gid: 0 }, R_BIT | X_BIT)).toBe(false);
  });
});

describe('findAccessBlocker', () => {
  let base: string;
  // Judged as "other": no uid or group of the test's files. Only mode bits matter, so this works as any user.
  const stranger: OsIdentity = { uid: 54321, gids: [54321] };

  const dirWithMode = async (name: string, mode: number) => {
    const dir = path.join(base, name);
    await mkdir(dir);
    await chmod(dir, mode);
    return dir;
  };

  beforeEach(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'meritflow-path-access-'));
    await chmod(base, 0o755);
    // The temp dir's own ancestors must not be what blocks: these tests are about the dirs below.
    expect(await findAccessBlocker(stranger, base)).toBeUndefined();
  });

  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('stops at a 0700 ancestor, as for a `mktemp -d` clone', async () => {
    const clone = await dirWithMode('clone', 0o700);
    const binary = path.join(clone, 'node_modules', 'bin', 'initdb');
    await mkdir(path.dirname(binary), { recursive: true });
    await writeFile(binary, '', { mode: 0o755 });

    const blocker = await findAccessBlocker(stranger, binary, R_BIT | X_BIT);
    expect(blocker).toEqual({ path: clone, mode: 0o700, uid: expect.any(Number), gid: expect.any(Number), needed: 'x' });
    expect(describeBlocker(blocker!, 'the OS user "postgres"')).toMatch(
      /^the OS user "postgres" has no x permission on .*clone \(mode 700, owner uid \d+, gid \d+\)$/,
    );
    // The owner class decides for its owner.
    const s = await stat(clone);
    expect(await findAccessBlocker({ uid: s.uid, gids: [] }, binary, R_BIT | X_BIT)).toBeUndefined();
  });

  it('passes a 0711 directory (search only) but not when the directory itself must be listed', async () => {
    const dir = await dirWithMode('search-only', 0o711);
    expect(await findAccessBlocker(stranger, dir)).toBeUndefined();
    expect(await findAccessBlocker(stranger, path.join(dir, 'not-yet-created', 'data'))).toBeUndefined();
    expect(await findAccessBlocker(stranger, dir, R_BIT | X_BIT)).toMatchObject({ path: dir, mode: 0o711, needed: 'rx' });
  });

  it('passes 0755 directories and needs r and x on a binary', async () => {
    const dir = await dirWithMode('open', 0o755);
    const file = path.join(dir, 'postgres');
    await writeFile(file, '');
    await chmod(file, 0o644);
    expect(await findAccessBlocker(stranger, dir)).toBeUndefined();
    expect(await findAccessBlocker(stranger, file, R_BIT | X_BIT)).toMatchObject({ path: file, mode: 0o644, needed: 'rx' });
    await chmod(file, 0o755);
    expect(await findAccessBlocker(stranger, file, R_BIT | X_BIT)).toBeUndefined();
    await chmod(file, 0o751);
    expect(await findAccessBlocker(stranger, file, R_BIT | X_BIT)).toMatchObject({ path: file, needed: 'rx' });
  });

  it('uses the group bits for a member of the group', async () => {
    const dir = await dirWithMode('group-only', 0o750);
    const { gid } = await stat(dir);
    expect(await findAccessBlocker(stranger, dir)).toMatchObject({ path: dir });
    expect(await findAccessBlocker({ uid: 54321, gids: [54321, gid] }, dir)).toBeUndefined();
  });

  it('judges the real path behind a symlink', async () => {
    const hidden = await dirWithMode('hidden', 0o700);
    await mkdir(path.join(hidden, 'inner'), { mode: 0o755 });
    const link = path.join(base, 'link');
    await symlink(path.join(hidden, 'inner'), link);
    expect(await findAccessBlocker(stranger, link)).toMatchObject({ path: hidden, mode: 0o700 });
  });

  it('does not judge components that do not exist yet, only the existing ones above them', async () => {
    const closed = await dirWithMode('closed', 0o700);
    expect(await findAccessBlocker(stranger, path.join(base, 'missing', 'deeper'))).toBeUndefined();
    expect(await findAccessBlocker(stranger, path.join(closed, 'missing', 'deeper'))).toMatchObject({ path: closed });
  });
});
