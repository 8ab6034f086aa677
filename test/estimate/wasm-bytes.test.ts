/** The committed WebAssembly bytes (src/estimate/wasm/*-bytes.ts) are the compiled .wat sources (npm run build:wasm). */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { expect, it } from 'vitest';

it('src/estimate/wasm: every NAME-bytes.ts is its NAME.wat compiled', () => {
  const root = path.resolve(__dirname, '..', '..');
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'build-wasm.js'), '--check'], { cwd: root, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
}, 60_000);
