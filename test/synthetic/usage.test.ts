import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const synth = (...args: string[]) =>
  spawnSync(process.execPath, ['-r', 'tsx/cjs', path.join(root, 'data-synthetic', 'main.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });

describe('npm run synth usage', () => {
  it('--help prints the usage on stdout and exits 0, writing nothing', () => {
    const res = synth('--help');
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/^usage: npm run synth -- \[--seed N\]/);
    expect(res.stdout).toContain('--study NAME');
    expect(res.stderr).toBe('');
  });

  it('a wrong argument names it with the usage, no stack trace, exit 2', () => {
    const res = synth('--bogus');
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/^synth: unknown argument "--bogus"\nusage:/);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });
});
