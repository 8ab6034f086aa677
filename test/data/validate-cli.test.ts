/**
 * `finsam-eval validate` run as a user runs it: bin/finsam-eval in a subprocess, checking
 * exit status, stdout (JSON) and stderr (the DataError message).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemas } from '../../src/data/schemas';
import { miniCopy, setCell, tempDir } from './helpers';

const root = path.resolve(__dirname, '..', '..');
const bin = path.join(root, 'bin', 'finsam-eval');
const miniSchemaFile = path.join(root, 'test', 'fixtures', 'data', 'mini-schema.ts');

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 600_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('finsam-eval validate', () => {
  it('prints the counts as JSON and exits 0 for a valid directory', () => {
    const r = run(['validate', '--schema', miniSchemaFile, '--data', miniCopy(), '--json']);
    // The mini study has a person with an empty start in monthly.csv and one starting after
    // its last month: each reading rule says so on stderr, with the count, file and column.
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^finsam-eval: warning: .*persons\.csv, column "start_month": 1 unit has an empty \(or NA\) group: read as never treated \(first on line 5\)$/),
      expect.stringMatching(/^finsam-eval: warning: .*monthly\.csv, column "start_month": 1 unit has an empty \(or NA\) group/),
      expect.stringMatching(/^finsam-eval: warning: .*monthly\.csv, column "start_month": 1 unit starts after the last period of the data \(2019-12\)/),
    ]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ study: 'mini', units: 4, rows: 24, periods: 6, treated: 2, control: 2 });
  });

  it('accepts the parent directory holding <study>/ and prints a sentence without --json', () => {
    const parent = tempDir();
    fs.renameSync(miniCopy(), path.join(parent, 'mini'));
    const r = run(['validate', '--schema', miniSchemaFile, '--data', parent]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^mini: .*mini is valid: 4 units \(2 treated, 2 control\), 24 rows over 6 periods\n$/);
  });

  it('prints the DataError with file, line and column and exits 2, writing nothing to stdout', () => {
    const dir = miniCopy('monthly.csv', (l) => setCell(l, 8, 'wage_kr', 'abc'));
    const r = run(['validate', '--schema', miniSchemaFile, '--data', dir, '--json']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`finsam-eval: ${path.join(dir, 'monthly.csv')}, line 8, column "wage_kr": the value "abc" is not a number\n`);
  });

  it('exits 2 for an unknown study or a missing --study', () => {
    const unknown = run(['validate', '--study', 'no-such-study', '--data', tempDir()]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown study "no-such-study"; valid studies: team-rct/);
    const none = run(['validate']);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/needs --study/);
  });

  it('takes --encoding utf8 or latin1 and refuses others', () => {
    const dir = miniCopy();
    expect(run(['validate', '--schema', miniSchemaFile, '--data', dir, '--encoding', 'latin1', '--json']).status).toBe(0);
    const bad = run(['validate', '--schema', miniSchemaFile, '--data', dir, '--encoding', 'cp1252']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--encoding must be utf8 or latin1/);
  });

  it('finds the study under $FINSAM_DATA when --data is not given', () => {
    const parent = tempDir();
    fs.renameSync(miniCopy(), path.join(parent, 'mini'));
    const r = run(['validate', '--schema', miniSchemaFile, '--json'], { FINSAM_DATA: parent });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).rows).toBe(24);
  });
});

describe('finsam-eval validate on the synthetic data', () => {
  const generator = path.join(root, 'data-synthetic', 'main.ts');
  const out = path.join(root, 'data-synthetic', 'out');
  const studies = Object.keys(schemas);

  it('validates every study of data-synthetic/out, generating it first when the generator exists', () => {
    const missing = studies.filter((s) => !fs.existsSync(path.join(out, s)));
    if (missing.length > 0 && fs.existsSync(generator)) {
      const g = spawnSync(process.execPath, ['-r', 'tsx/cjs', generator, '--study', missing.join(',')], { cwd: root, encoding: 'utf8', timeout: 900_000 });
      expect(g.status, g.stderr).toBe(0);
    }
    const present = studies.filter((s) => fs.existsSync(path.join(out, s)));
    if (present.length === 0) {
      // Nothing to validate yet: only acceptable while the generator does not exist.
      expect(fs.existsSync(generator)).toBe(false);
      return;
    }
    for (const study of present) {
      const r = run(['validate', '--study', study, '--data', out, '--json']);
      expect(r.stderr, `${study} (if the dictionary changed since the data were made: npm run synth)`).toBe('');
      expect(r.status, study).toBe(0);
      const s = JSON.parse(r.stdout);
      expect(s.study).toBe(study);
      expect(s.units).toBeGreaterThan(0);
      expect(s.treated + s.control).toBe(s.units);
      expect(s.rows).toBeGreaterThanOrEqual(s.units);
    }
  }, 900_000);
});
