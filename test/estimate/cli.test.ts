/** finsam-eval did / drdid as a user runs them. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReferenceJson, REFERENCE_DIR } from '../helpers/csv-small';

const bin = path.resolve(__dirname, '..', '..', 'bin', 'finsam-eval');
const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
const mpdta = path.join(REFERENCE_DIR, 'mpdta.csv');
const base = ['did', '--data', mpdta, '--y', 'lemp', '--time', 'year', '--id', 'countyreal', '--group', 'first.treat'];

function close(a: number | null, b: number | null): void {
  if (b === null) return void expect(a).toBeNull();
  expect(Math.abs((a as number) - b)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(b)));
}

describe('finsam-eval did', () => {
  it('--json reproduces mpdta_b_dr.json (cells and the four aggregations)', () => {
    const r = run([...base, '--covariates', 'lpop', '--json', '--timings']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    const ref = readReferenceJson('mpdta_b_dr.json');
    expect(doc.n).toBe(ref.n);
    expect(doc.att_gt.length).toBe(ref.att_gt.length);
    doc.att_gt.forEach((c: any, j: number) => {
      expect([c.group, c.time]).toEqual([ref.att_gt[j].group, ref.att_gt[j].time]);
      close(c.att, ref.att_gt[j].att);
      close(c.se, ref.att_gt[j].se);
    });
    for (const key of ['simple', 'group', 'dynamic', 'calendar']) {
      close(doc.aggte[key].att, ref.aggte[key].att);
      close(doc.aggte[key].se, ref.aggte[key].se);
      (ref.aggte[key].by ?? []).forEach((b: any, q: number) => {
        expect(doc.aggte[key].by[q].e).toBe(b.e);
        close(doc.aggte[key].by[q].att, b.att);
        close(doc.aggte[key].by[q].se, b.se);
      });
    }
    const timings = JSON.parse(r.stderr.trim().split('\n').pop()!);
    expect(Object.keys(timings)).toEqual(['load_s', 'estimate_s', 'aggregate_s', 'total_s', 'peak_rss_mb']);
    expect(timings.total_s).toBeGreaterThan(0);
  });

  it('--min-e/--max-e shape the dynamic aggregation; without --json a table', () => {
    const j = JSON.parse(run([...base, '--min-e', '-3', '--max-e', '2', '--json']).stdout);
    const ref = readReferenceJson('mpdta_a.json');
    expect(j.aggte.dynamic.by.map((b: any) => b.e)).toEqual(ref.aggte['dynamic_min-3_max2'].by.map((b: any) => b.e));
    close(j.aggte.dynamic.att, ref.aggte['dynamic_min-3_max2'].att);
    const t = run(base);
    expect(t.status).toBe(0);
    expect(t.stdout).toMatch(/Group\s+Time\s+ATT\(g,t\)\s+Std\. Error/);
    expect(t.stdout).toMatch(/P-value for pre-test of parallel trends assumption: 0\.\d+/);
  });

  it('bootstrap with a seed is reproducible and reports a uniform band', () => {
    const a = run([...base, '--bootstrap', '199', '--seed', '7', '--json']);
    const b = run([...base, '--bootstrap', '199', '--seed', '7', '--json']);
    expect(a.stdout).toBe(b.stdout);
    const doc = JSON.parse(a.stdout);
    expect(doc.uniform_band).toBe(true);
    expect(doc.critical_value).toBeGreaterThan(1.96);
  });

  it('passes every model option through', () => {
    const j = JSON.parse(run([...base, '--control', 'notyet', '--base', 'universal', '--anticipation', '1', '--weights', 'lpop', '--cluster', 'treat', '--method', 'reg', '--alpha', '0.1', '--json']).stdout);
    // Universal base: every period for each group; anticipation 1 drops the groups starting in 2004.
    expect(j.att_gt.map((c: any) => c.group)).toEqual([2006, 2006, 2006, 2006, 2006, 2007, 2007, 2007, 2007, 2007]);
    expect(j.att_gt.filter((c: any) => c.att === 0 && c.se === null).length).toBe(2);
    const rcs = JSON.parse(run([...base, '--rcs', '--json']).stdout);
    expect(rcs.n).toBe(2500);
    expect(rcs.att_gt.length).toBe(12);
  });

  it('monthly data: YYYY-MM periods and groups (0 = never), same estimates as the yearly coding', () => {
    const lines = fs.readFileSync(mpdta, 'utf8').trim().split(/\r?\n/);
    const head = lines[0].split(',');
    const at = (name: string) => head.indexOf(name);
    const out = ['countyreal,month,lemp,g'];
    for (const line of lines.slice(1)) {
      const f = line.split(',');
      const g = Number(f[at('first.treat')]);
      out.push([f[at('countyreal')], `${f[at('year')]}-01`, f[at('lemp')], g === 0 ? '0' : `${g}-01`].join(','));
    }
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'did-month-')), 'mpdta_month.csv');
    fs.writeFileSync(file, out.join('\n') + '\n');
    const m = JSON.parse(run(['did', '--data', file, '--y', 'lemp', '--time', 'month', '--id', 'countyreal', '--group', 'g', '--time-kind', 'month', '--json']).stdout);
    const ref = readReferenceJson('mpdta_a.json');
    expect(m.att_gt.map((c: any) => [c.group, c.time])).toEqual(ref.att_gt.map((c: any) => [`${c.group}-01`, `${c.time}-01`]));
    m.att_gt.forEach((c: any, j: number) => close(c.att, ref.att_gt[j].att));
    expect(m.aggte.dynamic.by.map((b: any) => b.e)).toEqual(ref.aggte.dynamic.by.map((b: any) => b.e * 12));
    close(m.aggte.simple.att, ref.aggte.simple.att);
  });

  it('bad input: exit status 2 with a message naming the problem', () => {
    const missing = run([...base.slice(0, 3), '--y', 'nope', '--time', 'year', '--id', 'countyreal', '--group', 'first.treat']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/column "nope"/);
    const badFlag = run([...base, '--method', 'magic']);
    expect(badFlag.status).toBe(2);
    expect(badFlag.stderr).toMatch(/--method must be one of dr, ipw, reg/);
    const noSeed = run([...base, '--bootstrap', '99']);
    expect(noSeed.status).toBe(2);
    expect(noSeed.stderr).toMatch(/--seed/);
  });
});

describe('finsam-eval drdid', () => {
  it('reproduces lalonde_drdid.json', () => {
    const r = run(['drdid', '--data', path.join(REFERENCE_DIR, 'lalonde_cps.csv'), '--y', 're', '--time', 'year', '--id', 'id', '--treated', 'experimental', '--covariates', 'age,educ,black,married,nodegree,hisp,re74', '--method', 'dr', '--json']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    const ref = readReferenceJson('lalonde_drdid.json');
    close(doc.att, ref.drdid_trad.att);
    close(doc.se, ref.drdid_trad.se);
    expect(doc.n).toBe(ref.n);
  });

  it('rejects data with more than two periods', () => {
    const r = run(['drdid', '--data', mpdta, '--y', 'lemp', '--time', 'year', '--id', 'countyreal', '--treated', 'treat']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/exactly two periods/);
  });
});
