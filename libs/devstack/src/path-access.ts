import { realpath, stat } from 'node:fs/promises';
import * as path from 'node:path';

/*
 * Can another OS user reach a path? Used as root, before handing a path to a process that runs as
 * the "postgres" user: the kernel checks execute (search) permission on every directory on the way,
 * and a directory made by `mktemp -d` or a home directory like /root (mode 0700) stops it.
 * Only the classic owner/group/other mode bits are considered, not ACLs or security modules.
 */

export const R_BIT = 0o4;
export const W_BIT = 0o2;
export const X_BIT = 0o1;

/** An OS user as the kernel sees it for permission checks. */
export interface OsIdentity {
  uid: number;
  /** Primary and supplementary groups. */
  gids: readonly number[];
}

/** The part of fs.Stats a permission check needs. */
export interface ModeOwner {
  mode: number;
  uid: number;
  gid: number;
}

/** The first path component that denies the user what it needs. */
export interface AccessBlocker {
  path: string;
  /** Permission bits (0o777 part) of that path. */
  mode: number;
  uid: number;
  gid: number;
  /** What was needed there, e.g. "x" for a directory to pass through, "rx" for a binary. */
  needed: string;
}

/**
 * The rwx bits (0..7) that `mode` grants `user` on a file owned by uid/gid. As in the kernel, only one
 * class applies: the owner bits if the user owns it, else the group bits if it is in the group, else
 * the other bits (an owner with 0o077 has no access, even though everyone else has).
 */
export function grantedBits(user: OsIdentity, file: ModeOwner): number {
  if (user.uid === 0) {
    // Root may read and write anything; execute needs at least one x bit (directories are always searchable).
    const anyX = (file.mode & 0o111) !== 0 || (file.mode & 0o170000) === 0o040000;
    return R_BIT | W_BIT | (anyX ? X_BIT : 0);
  }
  if (file.uid === user.uid) return (file.mode >> 6) & 7;
  if (user.gids.includes(file.gid)) return (file.mode >> 3) & 7;
  return file.mode & 7;
}

/** True when `mode` grants `user` every bit of `needed` (R_BIT | W_BIT | X_BIT) on the file. */
export function allows(user: OsIdentity, file: ModeOwner, needed: number): boolean {
  return (grantedBits(user, file) & needed) === needed;
}

const bitNames = (bits: number) => `${bits & R_BIT ? 'r' : ''}${bits & W_BIT ? 'w' : ''}${bits & X_BIT ? 'x' : ''}`;

/**
 * Walks from "/" down to `target` (symlinks resolved) and returns the first component that `user`
 * cannot use: every directory on the way needs execute (search) permission, `target` itself needs
 * `targetNeeds` (default: execute, i.e. enter a directory). Components that do not exist yet are not
 * judged; create them first if they matter. Resolves undefined when nothing is in the way.
 */
export async function findAccessBlocker(user: OsIdentity, target: string, targetNeeds: number = X_BIT): Promise<AccessBlocker | undefined> {
  const wanted = path.resolve(target);
  // Judge the real path: a symlinked component is followed by the kernel, so its target's modes count.
  let existing = wanted;
  let missing = false;
  for (;;) {
    const real = await realpath(existing).catch(() => undefined);
    if (real !== undefined) {
      existing = real;
      break;
    }
    missing = true;
    const parent = path.dirname(existing);
    if (parent === existing) return undefined;
    existing = parent;
  }

  const chain: string[] = [];
  for (let current = existing; ; current = path.dirname(current)) {
    chain.unshift(current);
    if (path.dirname(current) === current) break;
  }
  for (const component of chain) {
    const isTarget = !missing && component === existing;
    const needed = isTarget ? targetNeeds : X_BIT;
    const s = await stat(component).catch(() => undefined);
    // Vanished meanwhile: the caller will fail with a clearer error when it uses the path.
    if (!s) return undefined;
    if (!allows(user, s, needed)) {
      return { path: component, mode: s.mode & 0o777, uid: s.uid, gid: s.gid, needed: bitNames(needed) };
    }
  }
  return undefined;
}

/** "/tmp/tmp.x (mode 700, owner uid 0) lacks x for …", for log lines and errors. */
export function describeBlocker(b: AccessBlocker, who: string): string {
  return `${who} has no ${b.needed} permission on ${b.path} (mode ${b.mode.toString(8).padStart(3, '0')}, owner uid ${b.uid}, gid ${b.gid})`;
}
