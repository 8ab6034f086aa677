/**
 * Whether data-synthetic/out was made by the generator as it is now, and regenerating it
 * when not. The generator records in `out/.generator.json`, per study, a fingerprint of
 * every source it reads (data-synthetic/, the dictionaries, the random generator, the
 * published aggregates), whatever the seed. Tests (vitest's global setup) and the render step call
 * `ensureFreshSynthetic` once before anything reads the data, so a fresh clone, or a clone
 * whose generator changed, never runs on missing or outdated data.
 */
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
export const SYNTHETIC_OUT = path.join(ROOT, 'data-synthetic', 'out');
const STAMP = '.generator.json';
const INPUTS = ['data-synthetic', 'src/data/schemas', 'src/random', 'data-public'];

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return p === SYNTHETIC_OUT || e.name === 'node_modules' ? [] : files(p);
    return [p];
  });
}

/** Fingerprint of the generator's sources (paths and contents, in a fixed order). */
export function generatorFingerprint(): string {
  const hash = crypto.createHash('sha256');
  for (const f of INPUTS.flatMap((d) => files(path.join(ROOT, d))).sort()) {
    hash.update(path.relative(ROOT, f)).update('\0').update(fs.readFileSync(f)).update('\0');
  }
  return hash.digest('hex');
}

function readStamps(out: string): Record<string, string> {
  const file = path.join(out, STAMP);
  if (!fs.existsSync(file)) return {};
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

/** Records that `studies` in `out` were written by the generator with this fingerprint. */
export function stampStudies(out: string, studies: readonly string[], fingerprint: string): void {
  const stamps = { ...readStamps(out), ...Object.fromEntries(studies.map((s) => [s, fingerprint])) };
  const tmp = path.join(out, `${STAMP}.tmp-${process.pid}`);
  fs.writeFileSync(tmp, JSON.stringify(stamps, null, 2) + '\n');
  fs.renameSync(tmp, path.join(out, STAMP));
}

/** The studies of data-synthetic/out that are missing or were made by another generator. */
export function staleStudies(studies: readonly string[]): string[] {
  const stamps = readStamps(SYNTHETIC_OUT);
  const now = generatorFingerprint();
  return studies.filter((s) => stamps[s] !== now || !fs.existsSync(path.join(SYNTHETIC_OUT, s, 'truth.json')));
}

/**
 * Regenerates the missing or outdated studies (with the default seed, as `npm run synth`
 * does); returns the studies it generated. Throws when the generator fails (the old data
 * stay in place).
 */
export function ensureFreshSynthetic(studies: readonly string[], log: (m: string) => void = () => undefined): string[] {
  const stale = staleStudies(studies);
  if (stale.length === 0) return [];
  log(`synthetic data missing or made by another version of the generator for ${stale.join(', ')}: npm run synth`);
  const args = ['-r', 'tsx/cjs', path.join(ROOT, 'data-synthetic', 'main.ts'), ...stale.flatMap((s) => ['--study', s])];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`npm run synth failed (status ${r.status})`);
  return stale;
}
