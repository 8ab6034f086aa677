/**
 * npm run bench:did — timings of the staggered DiD engine next to R did 2.5.1.
 *
 * 1. The 12,000 x 115 register panel (shared/bench/make_big_panel.mjs): DR, never-treated
 *    controls, varying base, covariates x1..x8 (570 cells); attgt + simple + dynamic,
 *    analytic, then with 999 multiplier-bootstrap draws and uniform bands. Targets: <= 1.0 s
 *    analytic after loading, <= 5 s bootstrapped, peak RSS <= 600 MB (R: ~25 s / ~33 s, 1.2 GiB).
 * 2. The team-RCT shape (make_rct_panel.mjs, 541 x 112, nobody never treated): not-yet-treated
 *    controls, without and with the 7 covariates incl. factor(federation); group and dynamic
 *    (-40..20) aggregation. Aim: well under 0.2 s per model (R: ~2-3 s).
 *
 *   npm run bench:did [-- --file /tmp/big_panel.csv] [--rct /tmp/rct_panel.csv] [--repeat 2] [--draws 999]
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readPanelCsv } from '../../src/data/load';
import { aggte, attgtPanel, DidSpec } from '../../src/estimate/index';
import { timed } from './timed';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const sharedBench = path.resolve(__dirname, '..', '..', '..', 'shared', 'bench');
const bigFile = arg('file', path.join(os.tmpdir(), 'finsam_big_panel.csv'));
const rctFile = arg('rct', path.join(os.tmpdir(), 'finsam_rct_panel.csv'));
const repeat = Number(arg('repeat', '2'));
const draws = Number(arg('draws', '999'));

function ensure(file: string, generator: string): void {
  if (fs.existsSync(file)) return;
  const gen = path.join(sharedBench, generator);
  if (!fs.existsSync(gen)) throw new Error(`the benchmark generator ${gen} is missing`);
  process.stderr.write(`generating ${file} …\n`);
  const g = spawnSync(process.execPath, [gen, file], { stdio: 'inherit' });
  if (g.status !== 0) throw new Error(`the generator failed (status ${g.status})`);
}

const rssMb = (): number => process.resourceUsage().maxRSS / 1024;
const f2 = (x: number): string => x.toFixed(2);
const f3 = (x: number): string => x.toFixed(3);

async function bigPanel(): Promise<void> {
  ensure(bigFile, 'make_big_panel.mjs');
  const t0 = process.hrtime.bigint();
  const panel = await readPanelCsv(bigFile, {
    id: 'id',
    time: 'month',
    timeKind: 'integer',
    columns: ['y'],
    perUnit: ['g', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8'],
  });
  const load = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`big panel: ${panel.nUnits} units x ${panel.periods.length} months, loaded in ${f2(load)} s (R fread 0.8 s)`);
  const spec: DidSpec = { y: 'y', group: 'g', covariates: ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8'], method: 'dr', control: 'never', base: 'varying' };
  for (let run = 1; run <= repeat; run++) {
    const a = timed(() => {
      const res = attgtPanel(panel, spec);
      return { res, simple: aggte(res, { type: 'simple' }), dynamic: aggte(res, { type: 'dynamic' }) };
    });
    const w = timed(() => a.value.res.wald);
    const { res, simple } = a.value;
    console.log(
      `  analytic  run ${run}: attgt + simple + dynamic ${f2(a.wall)} s (cpu ${f2(a.cpu)} s); Wald pre-test (${w.value?.df ?? 0} cells) +${f2(w.wall)} s` +
        ` | ${res.cells.length} cells, ${res.detail.designsFitted} designs fitted; simple ATT ${simple.att?.toFixed(1)} (SE ${simple.se?.toFixed(1)})` +
        `  [R 25.1-27.9 s; target <= 1.0 s: ${a.wall + w.wall <= 1 ? 'met' : a.wall <= 1 ? 'met without the pre-test' : 'MISSED'}]`,
    );
  }
  for (let run = 1; run <= repeat; run++) {
    const b = timed(() => {
      const res = attgtPanel(panel, { ...spec, bootstrap: { draws, seed: run, uniform: true } });
      return { res, simple: aggte(res, { type: 'simple' }), dynamic: aggte(res, { type: 'dynamic' }) };
    });
    const { res, simple, dynamic } = b.value;
    console.log(
      `  bootstrap run ${run}: ${draws} draws, uniform bands: ${f2(b.wall)} s (cpu ${f2(b.cpu)} s) | critical value ${f3(res.critical)} (cells), ` +
        `${f3(dynamic.critical)} (event times); simple SE ${simple.se?.toFixed(1)}  [R 32.0-43.7 s; target <= 5 s: ${b.wall <= 5 ? 'met' : 'MISSED'}]`,
    );
  }
  console.log(`  peak RSS ${rssMb().toFixed(0)} MB  [R 1.18-1.23 GiB; target <= 600 MB: ${rssMb() <= 600 ? 'met' : 'MISSED'}]`);
}

async function rctPanel(): Promise<void> {
  ensure(rctFile, 'make_rct_panel.mjs');
  const panel = await readPanelCsv(rctFile, {
    id: 'id',
    time: 'month',
    timeKind: 'integer',
    perUnit: ['g', 'female', 'age', 'foreign', 'small_children', 'married', 'educ', 'federation'],
  });
  const covs = ['female', 'age', 'foreign', 'small_children', 'married', 'educ', 'factor(federation)'];
  console.log(`team-RCT shape: ${panel.nUnits} persons x ${panel.periods.length} months, not-yet-treated controls, outcome wage`);
  for (const [label, covariates] of [
    ['~1', []],
    ['7 covariates', covs],
  ] as const) {
    const spec: DidSpec = { y: 'wage', group: 'g', covariates, method: 'dr', control: 'notyet', base: 'varying' };
    const one = () => {
      const res = attgtPanel(panel, spec);
      return { res, group: aggte(res, { type: 'group' }), dynamic: aggte(res, { type: 'dynamic', minE: -40, maxE: 20 }) };
    };
    const first = timed(one);
    const runs = 10;
    const many = timed(() => {
      for (let q = 0; q < runs; q++) one();
    });
    const { res, dynamic, group } = first.value;
    console.log(
      `  ${label.padEnd(12)}: first model ${f3(first.wall)} s, then ${f3(many.wall / runs)} s per model (cpu ${f3(many.cpu / runs)} s) | ${res.cells.length} cells; ` +
        `simple-by-group ATT ${group.att?.toFixed(0)} (SE ${group.se?.toFixed(0)}), dynamic 0..20 ${dynamic.att?.toFixed(0)} (SE ${dynamic.se?.toFixed(0)})` +
        `  [R 2.0-3.6 s per model; aim < 0.2 s: ${many.wall / runs < 0.2 ? 'met' : 'MISSED'}]`,
    );
  }
}

async function main(): Promise<void> {
  await bigPanel();
  await rctPanel();
  console.log(`peak RSS of the whole run ${rssMb().toFixed(0)} MB`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
