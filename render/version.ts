/**
 * Versions: reports/vYYYY.MM.DD-N, N counting the renders of that (local) day from 1.
 * A version directory is never written into: the render builds in a hidden staging
 * directory next to it and renames it into place at the very end, so a failed or
 * interrupted render leaves no version behind. A lock file reserves the name meanwhile.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RenderError } from './errors';

export const VERSION_PATTERN = /^v(\d{4})\.(\d{2})\.(\d{2})-(\d+)$/;
const NAME_PATTERN = /^v[0-9A-Za-z][0-9A-Za-z._-]*$/;

export function datePrefix(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `v${now.getFullYear()}.${pad(now.getMonth() + 1)}.${pad(now.getDate())}`;
}

export interface Reservation {
  version: string;
  dir: string;
  staging: string;
  /** Moves the staging directory into place; refuses if the version appeared meanwhile. */
  publish(): void;
  /** Removes the staging directory and the lock (after a failure). */
  discard(): void;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Staging directories and locks of renders that were killed outright. */
function removeStale(root: string): void {
  for (const name of fs.readdirSync(root)) {
    const m = /^\.(?:staging|lock)-.*-(\d+)$/.exec(name);
    if (m && !isAlive(Number(m[1]))) fs.rmSync(path.join(root, name), { recursive: true, force: true });
  }
}

/** Existing versions (published directories), sorted by date and then N. */
export function listVersions(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  const key = (v: string) => {
    const m = VERSION_PATTERN.exec(v);
    return m ? `${m[1]}${m[2]}${m[3]}-${m[4].padStart(6, '0')}` : v;
  };
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && NAME_PATTERN.test(e.name))
    .map((e) => e.name)
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function tryLock(root: string, version: string): boolean {
  if (fs.existsSync(path.join(root, version))) return false;
  const lock = path.join(root, `.lock-${version}-${process.pid}`);
  const others = fs.readdirSync(root).filter((n) => n.startsWith(`.lock-${version}-`));
  if (others.length > 0) return false;
  fs.writeFileSync(lock, `${process.pid}\n`, { flag: 'wx' });
  return true;
}

export function reserveVersion(root: string, requested: string | undefined, now: Date): Reservation {
  fs.mkdirSync(root, { recursive: true });
  removeStale(root);
  let version: string;
  if (requested !== undefined) {
    if (!NAME_PATTERN.test(requested)) throw new RenderError(`version "${requested}": use the form vYYYY.MM.DD-N`);
    if (fs.existsSync(path.join(root, requested))) {
      throw new RenderError(`version ${requested} already exists in ${root}; a version is never rewritten, render a new one`);
    }
    if (!tryLock(root, requested)) throw new RenderError(`version ${requested} is being rendered by another process`);
    version = requested;
  } else {
    const prefix = datePrefix(now);
    let n = 1 + Math.max(0, ...listVersions(root).map((v) => VERSION_PATTERN.exec(v)).filter((m) => m && `v${m[1]}.${m[2]}.${m[3]}` === prefix).map((m) => Number(m![4])));
    while (!tryLock(root, `${prefix}-${n}`)) n += 1;
    version = `${prefix}-${n}`;
  }
  const dir = path.join(root, version);
  const lock = path.join(root, `.lock-${version}-${process.pid}`);
  const staging = path.join(root, `.staging-${version}-${process.pid}`);
  fs.mkdirSync(staging);
  return {
    version,
    dir,
    staging,
    publish() {
      if (fs.existsSync(dir)) throw new RenderError(`version ${version} appeared while rendering; nothing was published`);
      fs.renameSync(staging, dir);
      fs.rmSync(lock, { force: true });
    },
    discard() {
      fs.rmSync(staging, { recursive: true, force: true });
      fs.rmSync(lock, { force: true });
    },
  };
}
