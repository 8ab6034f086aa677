/**
 * `node -r tsx/cjs data-synthetic/ensure.ts`: makes data-synthetic/out current for every
 * study (generated when missing or made by another generator version), as vitest's global
 * setup and the render step do; used by `npm run lab`.
 */
import { ensureFreshSynthetic } from './fresh';
import { STUDIES } from './main';

try {
  const made = ensureFreshSynthetic(STUDIES, (m) => process.stderr.write(`synthetic data: ${m}\n`));
  if (made.length === 0) process.stderr.write('synthetic data: up to date\n');
} catch (err) {
  process.stderr.write(`synthetic data: ${(err as Error).message}\n`);
  process.exitCode = 1;
}
