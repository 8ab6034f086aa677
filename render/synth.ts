/**
 * The synthetic data the notebooks read by default: data-synthetic/out/, generated with
 * `npm run synth` when missing and the generator exists.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { RenderError } from './errors';
import type { DataSource } from './manifest';
import { syntheticSeed } from './manifest';
import { ROOT, SYNTH_GENERATOR, SYNTHETIC_DIR } from './paths';

export async function ensureSyntheticData(progress: (m: string) => void): Promise<DataSource> {
  const present = fs.existsSync(SYNTHETIC_DIR) && fs.readdirSync(SYNTHETIC_DIR).length > 0;
  if (!present) {
    if (!fs.existsSync(SYNTH_GENERATOR)) {
      progress(`warning: no synthetic data in ${SYNTHETIC_DIR} and no generator yet; notebooks that read data will fail`);
    } else {
      progress('synthetic data missing: npm run synth');
      const status = await new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, ['-r', 'tsx/cjs', SYNTH_GENERATOR], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
        child.on('close', resolve);
        child.on('error', () => resolve(-1));
      });
      if (status !== 0) throw new RenderError(`npm run synth failed (status ${status}); nothing rendered`);
    }
  }
  return { kind: 'synthetic', dir: SYNTHETIC_DIR, seed: syntheticSeed(SYNTHETIC_DIR) };
}
