// Once before any test file: make sure data-synthetic/out holds data from the current
// generator, so notebook and integration tests never race to generate it.
import { ensureFreshSynthetic } from '../data-synthetic/fresh';
import { STUDIES } from '../data-synthetic/main';

export default function setup(): void {
  ensureFreshSynthetic(STUDIES, (m) => process.stderr.write(`[test setup] ${m}\n`));
}
