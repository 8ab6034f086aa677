import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const bin = path.join(root, 'bin', 'finsam-eval');
import { REFERENCE_DIR as REF } from '../helpers/reference';

function run(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('finsam-eval twfe (subprocess)', () => {
  it('prints the fixest estimates for survey_panel.csv as JSON', () => {
    const r = run(['twfe', '--data', `${REF}/survey_panel.csv`, '--y', 'y', '--id', 'id', '--time', 'year', '--x', 'team,x1,x2', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    const ref = JSON.parse(fs.readFileSync(`${REF}/survey_twfe.json`, 'utf8'));
    expect(Object.keys(out).sort()).toEqual(['coef', 'n', 'r2', 'r2_within', 'units', 'warnings']);
    expect(out.warnings).toEqual([]);
    for (const name of ['team', 'x1', 'x2']) {
      expect(Object.keys(out.coef[name]).sort()).toEqual(['est', 'p', 'se', 't']);
      expect(Math.abs(out.coef[name].est - ref.coef[name])).toBeLessThan(1e-6);
      expect(Math.abs(out.coef[name].se - ref.se[name])).toBeLessThan(1e-6);
      expect(out.coef[name].p).toBeGreaterThanOrEqual(0);
    }
    expect(out.n).toBe(ref.N);
    expect(out.units).toBe(ref.n_persons);
    expect(Math.abs(out.r2 - ref.r2)).toBeLessThan(1e-6);
    expect(Math.abs(out.r2_within - ref.r2_within)).toBeLessThan(1e-6);
  });

  it('prints a readable table without --json', () => {
    const r = run(['twfe', '--data', `${REF}/survey_panel.csv`, '--y', 'y', '--id', 'id', '--time', 'year', '--x', 'team,x1,x2']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/team\s+0\.839576\s+0\.166260/);
    expect(r.stdout).toMatch(/N = 1238, units = 450/);
  });

  it('clusters by another column on request', () => {
    const r = run(['twfe', '--data', `${REF}/survey_panel.csv`, '--y', 'y', '--id', 'id', '--time', 'year', '--x', 'team', '--cluster', 'year', '--json']);
    expect(r.status).toBe(0);
    const byId = JSON.parse(run(['twfe', '--data', `${REF}/survey_panel.csv`, '--y', 'y', '--id', 'id', '--time', 'year', '--x', 'team', '--json']).stdout);
    const out = JSON.parse(r.stdout);
    expect(out.coef.team.est).toBeCloseTo(byId.coef.team.est, 12);
    expect(out.coef.team.se).not.toBeCloseTo(byId.coef.team.se, 6);
  });

  it('names the file and column when a column is missing, exit status 2', () => {
    const r = run(['twfe', '--data', `${REF}/survey_panel.csv`, '--y', 'y', '--id', 'id', '--time', 'year', '--x', 'team,x9']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/survey_panel\.csv/);
    expect(r.stderr).toMatch(/"x9"/);
    expect(r.stdout).toBe('');
  });

  it('rejects a regressor that is the id column, and a missing --x, with exit status 2', () => {
    expect(run(['twfe', '--data', `${REF}/survey_panel.csv`, '--y', 'y', '--id', 'id', '--time', 'year', '--x', 'id']).status).toBe(2);
    expect(run(['twfe', '--data', `${REF}/survey_panel.csv`, '--y', 'y', '--id', 'id', '--time', 'year']).status).toBe(2);
  });

  it('leaves out rows with empty cells, as fixest does', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twfe-cli-'));
    const lines = fs.readFileSync(`${REF}/survey_panel.csv`, 'utf8').trim().split('\n');
    lines[1] = lines[1].replace(/,[^,]*$/, ','); // empty y on the first data row
    const file = path.join(dir, 'holes.csv');
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const r = run(['twfe', '--data', file, '--y', 'y', '--id', 'id', '--time', 'year', '--x', 'team,x1,x2', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).n).toBe(1237);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('finsam-eval twfe --time-kind', () => {
  it('reads "YYYY-MM" periods with --time-kind month and rejects unknown kinds', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twfe-cli-'));
    const lines = fs.readFileSync(`${REF}/survey_panel.csv`, 'utf8').trim().split('\n');
    const monthly = [lines[0], ...lines.slice(1).map((l) => l.replace(/^(\d+),(\d{4}),/, '$1,$2-03,'))];
    const file = path.join(dir, 'monthly.csv');
    fs.writeFileSync(file, monthly.join('\n') + '\n');
    const r = run(['twfe', '--data', file, '--y', 'y', '--id', 'id', '--time', 'year', '--time-kind', 'month', '--x', 'team,x1,x2', '--json']);
    expect(r.stderr).toBe('');
    const ref = JSON.parse(fs.readFileSync(`${REF}/survey_twfe.json`, 'utf8'));
    expect(Math.abs(JSON.parse(r.stdout).coef.team.se - ref.se.team)).toBeLessThan(1e-6);
    expect(run(['twfe', '--data', file, '--y', 'y', '--id', 'id', '--time', 'year', '--time-kind', 'week', '--x', 'team']).status).toBe(2);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
