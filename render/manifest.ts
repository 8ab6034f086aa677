/**
 * What a version was made from: git commit and dirty flag, a SHA-256 of every input data
 * file and of every notebook, Node and package versions, and the synthetic data's seed.
 */
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Lang } from '../src/report/model';
import type { DisclosureManifest } from './disclosure';
import type { NotebookWarning } from './warnings';

export interface FileHash {
  path: string;
  sha256: string;
  bytes: number;
}

export interface DataSource {
  kind: 'synthetic' | 'real';
  /** Absolute directory the notebooks read. */
  dir: string;
  seed: number | string | null;
}

export interface Manifest {
  version: string;
  created: string;
  git: { commit: string | null; dirty: boolean | null };
  /**
   * The data read: the study files (synthetic or real) and the published aggregates in
   * data-public/; the fingerprint covers both.
   */
  /** `dir` is the local path (kept here only); `label` is how the reports name the data. */
  data: { kind: DataSource['kind']; dir: string; label?: string; fingerprint: string; files: FileHash[]; public: FileHash[] };
  seed: number | string | null;
  node: string;
  packages: { compute: Record<string, string>; render: Record<string, string> };
  /** Per notebook: its sample-changing warnings (reading rules, estimators), each once with a count. */
  notebooks: (FileHash & { seconds: number; warnings?: NotebookWarning[] })[];
  /** Rendered with --strict (then no notebook has a sample-changing warning). */
  strict?: boolean;
  langs: Lang[];
  seconds: { notebooks: number; total: number };
  /** Disclosure control: rules, parameters, primary and secondary suppressions per table, the audit. */
  disclosure: DisclosureManifest;
}

/** Packages that lay out or print the report but compute no number. */
const RENDER_PACKAGES = new Set(['commander', 'marked', 'playwright-core', 'plotly.js-dist-min', 'tsx']);

export function sha256File(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Every regular file under dir, relative paths in sorted order, hidden files skipped. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const p = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile()) out.push(p);
    }
  };
  if (fs.existsSync(dir)) walk('');
  return out.sort();
}

export function hashFiles(dir: string, files = listFiles(dir)): FileHash[] {
  return files.map((p) => {
    const full = path.join(dir, p);
    return { path: p, sha256: sha256File(full), bytes: fs.statSync(full).size };
  });
}

/** One hash over all files' names and hashes: equal fingerprints, equal inputs. */
export function fingerprint(files: FileHash[]): string {
  const h = crypto.createHash('sha256');
  for (const f of files) h.update(`${f.sha256}  ${f.path}\n`);
  return h.digest('hex');
}

export function gitState(root: string): { commit: string | null; dirty: boolean | null } {
  const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' });
  if (head.status !== 0) return { commit: null, dirty: null };
  const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=normal'], { cwd: root, encoding: 'utf8' });
  return { commit: head.stdout.trim(), dirty: status.status === 0 ? status.stdout.trim().length > 0 : null };
}

export function packageVersions(root: string): Manifest['packages'] {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const out: Manifest['packages'] = { compute: {}, render: {} };
  for (const name of Object.keys(pkg.dependencies ?? {}).sort()) {
    const file = path.join(root, 'node_modules', name, 'package.json');
    const version = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')).version as string) : 'missing';
    out[RENDER_PACKAGES.has(name) ? 'render' : 'compute'][name] = version;
  }
  return out;
}

/**
 * The seed the synthetic generator used, from the JSON metadata it writes next to the data
 * (the first `"seed"` found in a *.json file at the top two levels), else null.
 */
export function syntheticSeed(dir: string): number | string | null {
  const candidates = listFiles(dir).filter((p) => p.endsWith('.json') && p.split('/').length <= 2);
  for (const p of candidates) {
    try {
      const json = JSON.parse(fs.readFileSync(path.join(dir, p), 'utf8')) as { seed?: unknown };
      if (typeof json.seed === 'number' || typeof json.seed === 'string') return json.seed;
    } catch {
      // not metadata; keep looking
    }
  }
  return null;
}
