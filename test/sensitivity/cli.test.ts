/** finsam-eval did --sensitivity as a user runs it. */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReferenceJson, REFERENCE_DIR } from '../helpers/csv-small';

const bin = path.resolve(__dirname, '..', '..', 'bin', 'finsam-eval');
/** Runs the command without blocking the test worker (vitest's RPC times out on long synchronous waits). */
const run = (args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [bin, ...args]);
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
const base = ['did', '--data', path.join(REFERENCE_DIR, 'mpdta.csv'), '--y', 'lemp', '--time', 'year', '--id', 'countyreal', '--group', 'first.treat', '--covariates', 'lpop'];
const ref = readReferenceJson('honest_mpdta.json');

describe('finsam-eval did --sensitivity', { timeout: 300_000 }, () => {
  it('adds the sensitivity block to --json in the documented shape, lists in the order given', async () => {
    const r = await run([...base, '--base', 'universal', '--sensitivity', 'rm,sd', '--mbar', '1,0', '--m', '0.04,0,0.01', '--sensitivity-e', '0', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout).sensitivity;
    expect(Object.keys(s)).toEqual(['e', 'original', 'rm', 'sd', 'breakdown']);
    expect(s.e).toBe(0);
    expect(Math.abs(s.original.lb - ref.original_cs.lb)).toBeLessThanOrEqual(1e-4);
    expect(Math.abs(s.original.ub - ref.original_cs.ub)).toBeLessThanOrEqual(1e-4);
    expect(s.rm.map((x: any) => x.mbar)).toEqual([1, 0]);
    expect(s.sd.map((x: any) => x.m)).toEqual([0.04, 0, 0.01]);
    for (const x of s.sd) {
      const want = ref.smoothness.rows.find((row: any) => row.m === x.m);
      expect(Math.abs(x.lb - want.lb)).toBeLessThanOrEqual(1e-4);
      expect(Math.abs(x.ub - want.ub)).toBeLessThanOrEqual(1e-4);
    }
    for (const x of s.rm) {
      // the command uses R's 1000-point grid; the reference used 100 points (spacing about 0.005)
      const want = ref.relative_magnitude.rows.find((row: any) => row.Mbar === x.mbar);
      expect(Math.abs(x.lb - want.lb)).toBeLessThanOrEqual(5e-3);
      expect(Math.abs(x.ub - want.ub)).toBeLessThanOrEqual(5e-3);
      expect(Object.keys(x)).toEqual(['mbar', 'lb', 'ub']);
    }
    // at e = 0 the original interval already includes zero: no breakdown value
    expect(s.breakdown).toEqual({ rm: null, sd: null });
  });

  it('the average target: a breakdown value where the set still excludes zero, and a text table', async () => {
    const r = await run([...base, '--base', 'universal', '--sensitivity', 'rm,sd', '--sensitivity-average', '--m', '0,0.001,0.002']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Sensitivity to violations of parallel trends/);
    expect(r.stdout).toMatch(/relative magnitudes \(C-LF\)\s+Mbar = 0\.5/);
    expect(r.stdout).toMatch(/smoothness \(FLCI\)\s+M = 0\.002/);
    expect(r.stdout).toMatch(/Breakdown values .*Mbar: 0\.5\d+; M: 0\.00\d+/);
    const j = JSON.parse((await run([...base, '--base', 'universal', '--sensitivity', 'rm', '--sensitivity-average', '--json'])).stdout).sensitivity;
    expect(j.e).toBe('average');
    expect(j.sd).toEqual([]);
    expect(j.breakdown.rm).toBeGreaterThan(0.4);
    expect(j.breakdown.rm).toBeLessThan(0.7);
    // the set at the breakdown excludes zero, one step beyond it does not (it is the largest)
    expect(j.rm[0].ub).toBeLessThan(0);
  });

  it('refuses --base varying before any work (usage error, exit 2, nothing on stdout)', async () => {
    const r = await run([...base, '--sensitivity', 'rm,sd']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--sensitivity needs --base universal/);
    expect(r.stderr).toMatch(/reference period/);
  });

  it('rejects inconsistent sensitivity flags as usage errors', async () => {
    const cases: [string[], RegExp][] = [
      [['--base', 'universal', '--mbar', '1'], /need --sensitivity/],
      [['--base', 'universal', '--sensitivity', 'rm,xx'], /--sensitivity takes rm/],
      [['--base', 'universal', '--sensitivity', 'sd', '--mbar', '1'], /add rm to --sensitivity/],
      [['--base', 'universal', '--sensitivity', 'rm', '--mbar', '1,-2'], /not a non-negative number/],
      [['--base', 'universal', '--sensitivity', 'rm', '--sensitivity-e', '0', '--sensitivity-average'], /not both/],
      [['--base', 'universal', '--sensitivity', 'rm', '--sensitivity-e', '-1'], /post-period event time/],
      [['--base', 'universal', '--sensitivity', 'rm', '--sensitivity-e', '9'], /not a post period/],
    ];
    for (const [args, msg] of cases) {
      const r = await run([...base, ...args]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(msg);
      expect(r.stdout).toBe('');
    }
  });
});
