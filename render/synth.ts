/**
 * The synthetic data the notebooks read by default: data-synthetic/out/<study>/ for every
 * study of the data dictionary. Studies that are missing are generated first with the
 * project's generator (`npm run synth -- --study NAME`), with its default seed.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { schemas } from '../src/data/schemas/index';
import { RenderError } from './errors';
import type { DataSource } from './manifest';
import { syntheticSeed } from './manifest';
import { ROOT, SYNTH_GENERATOR, SYNTHETIC_DIR } from './paths';

function missingStudies(): string[] {
  return Object.keys(schemas).filter((name) => {
    const dir = path.join(SYNTHETIC_DIR, name);
    return !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
  });
}

export async function ensureSyntheticData(progress: (m: string) => void): Promise<DataSource> {
  const missing = missingStudies();
  if (missing.length > 0) {
    if (!fs.existsSync(SYNTH_GENERATOR)) {
      progress(`warning: no synthetic data for ${missing.join(', ')} and no generator; notebooks that read them will fail`);
    } else {
      progress(`synthetic data missing for ${missing.join(', ')}: npm run synth`);
      const args = ['-r', 'tsx/cjs', SYNTH_GENERATOR, ...missing.flatMap((s) => ['--study', s])];
      const status = await new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
        child.on('close', resolve);
        child.on('error', () => resolve(-1));
      });
      if (status !== 0) throw new RenderError(`npm run synth failed (status ${status}); nothing rendered`);
    }
  }
  return { kind: 'synthetic', dir: SYNTHETIC_DIR, seed: syntheticSeed(SYNTHETIC_DIR) };
}
