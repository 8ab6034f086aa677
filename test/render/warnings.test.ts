/**
 * The render reports each notebook's sample-changing warnings (reading rules and
 * estimators) in its progress output and in manifest.json, and `--strict` refuses to publish
 * when there are any. Fixture: a notebook reading a file where one unit starts after the last
 * period and one outcome is missing (then TWFE leaves a row out), and a clean notebook.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../render/manifest';

const root = path.resolve(__dirname, '..', '..');
const fixtures = path.join(root, 'test', 'fixtures', 'notebooks');
let reports: string;

/** The render in a subprocess, asynchronously (a long synchronous wait would stall vitest's worker). */
function render(version: string, ...extra: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const args = ['--notebooks', path.join(fixtures, 'warnings'), '--reports', reports, '--data', path.join(fixtures, 'warnings-data'), '--version', version, '--no-pdf', '--lang', 'en', ...extra];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'tsx/cjs', path.join(root, 'render', 'main.ts'), ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('npm run report: notebook warnings', { timeout: 300_000 }, () => {
  beforeAll(() => {
    reports = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-reports-'));
  });
  afterAll(() => fs.rmSync(reports, { recursive: true, force: true }));

  it('prints each notebook\'s sample-changing warnings and records them in manifest.json', async () => {
    const r = await render('v2000.01.01-1');
    expect(r.status, r.stderr + r.stdout).toBe(0);
    const late = path.join(fixtures, 'warnings-data', 'late.csv');
    expect(r.stdout).toContain(
      `notebook 1/2 01-late.ipynb: warning (data): ${late}, column "g": 1 unit starts after the last period of the data (3): never treated in the estimation (first on line 11)`,
    );
    expect(r.stdout).toMatch(/notebook 1\/2 01-late\.ipynb: warning \(twfe\): left out 1 row with a missing/);
    expect(r.stdout).not.toMatch(/02-clean\.ipynb: warning/);
    const m = JSON.parse(fs.readFileSync(path.join(reports, 'v2000.01.01-1', 'manifest.json'), 'utf8')) as Manifest;
    expect(m.strict).toBe(false);
    expect(m.notebooks.map((n) => (n.warnings ?? []).map((w) => [w.source, w.times]))).toEqual([[['data', 1], ['twfe', 1]], []]);
  });

  it('--strict stops before publishing and names the warnings', async () => {
    const r = await render('v2000.01.01-2', '--strict');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/--strict: the notebooks changed the sample \(2 warnings\); nothing published/);
    expect(r.stderr).toContain('01-late.ipynb: warning (twfe): left out 1 row');
    expect(fs.existsSync(path.join(reports, 'v2000.01.01-2'))).toBe(false);
  });
});
