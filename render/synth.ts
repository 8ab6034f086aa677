/**
 * The synthetic data the notebooks read by default: data-synthetic/out/<study>/ for every
 * study of the data dictionary. Studies that are missing, or were made by another version of
 * the generator, are generated first (`npm run synth -- --study NAME`, default seed).
 */
import * as fs from 'node:fs';
import { ensureFreshSynthetic } from '../data-synthetic/fresh';
import { schemas } from '../src/data/schemas/index';
import { RenderError } from './errors';
import type { DataSource } from './manifest';
import { syntheticSeed } from './manifest';
import { SYNTH_GENERATOR, SYNTHETIC_DIR } from './paths';

export async function ensureSyntheticData(progress: (m: string) => void): Promise<DataSource> {
  if (!fs.existsSync(SYNTH_GENERATOR)) {
    progress('warning: no synthetic data generator; notebooks that read the synthetic data will fail');
  } else {
    try {
      ensureFreshSynthetic(Object.keys(schemas), progress);
    } catch (err) {
      throw new RenderError(`${(err as Error).message}; nothing rendered`);
    }
  }
  return { kind: 'synthetic', dir: SYNTHETIC_DIR, seed: syntheticSeed(SYNTHETIC_DIR) };
}
