import * as path from 'node:path';

/** The project root (render/ sits directly under it). */
export const ROOT = path.resolve(__dirname, '..');
export const SYNTHETIC_DIR = path.join(ROOT, 'data-synthetic', 'out');
export const SYNTH_GENERATOR = path.join(ROOT, 'data-synthetic', 'main.ts');
/** Published aggregates the notebooks compare with (inputs like the data). */
export const PUBLIC_DATA_DIR = path.join(ROOT, 'data-public');
