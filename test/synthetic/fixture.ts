/**
 * Generates the team studies once per test file into a temporary directory.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_SEED, synth } from '../../data-synthetic/main';

export async function generateTeamStudies(seed = DEFAULT_SEED): Promise<string> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), `synth-${seed}-`));
  await synth({ seed, out, studies: ['team-rct', 'team-survey'] }, () => {});
  return out;
}

/** Parses a CSV written by the generator (no quoted fields) into header and rows. */
export function readCsv(file: string): { header: string[]; rows: string[][] } {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return { header: lines[0].split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

/** sha256 of every file in a directory tree, by relative path. */
export function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const f of fs.readdirSync(d).sort()) {
      // The generator's stamp (data-synthetic/fresh.ts) is metadata about the data, not data.
      if (f === '.generator.json') continue;
      const full = path.join(d, f);
      if (fs.statSync(full).isDirectory()) walk(full);
      else out[path.relative(dir, full)] = crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return out;
}
