/**
 * Coverage of the engine's 95 % intervals on simulated staggered panels with a known truth
 * (src/simulate/staggered.ts: selection into start groups and outcome trends both depend on
 * a covariate, so only the covariate-adjusted estimators are unbiased). Target: analytic
 * intervals cover the truth in 93.5-96.5 % of the samples. Not a test: it prints figures.
 *
 *   node -r tsx/cjs test/bench/coverage.bench.ts [--samples 1000] [--units 1000] [--boot 0]
 *
 * --boot B > 0 also checks the bootstrap's uniform band (simultaneous coverage of all
 * post-treatment cells) with B draws per sample.
 */
import { aggte, attgtPanel } from '../../src/estimate/index';
import { DEFAULT_DESIGN, simulateStaggered, staggeredTruth, StaggeredDesign } from '../../src/simulate/staggered';
import { Rng } from '../../src/random/rng';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const samples = Number(arg('samples', '1000'));
const units = Number(arg('units', '1000'));
const boot = Number(arg('boot', '0'));

const design: StaggeredDesign = { ...DEFAULT_DESIGN, units };
const truth = staggeredTruth(design);

interface Tally {
  covered: number;
  total: number;
}
const tallies = new Map<string, Tally>();
function count(name: string, lower: number | null, upper: number | null, value: number): void {
  const t = tallies.get(name) ?? { covered: 0, total: 0 };
  if (lower !== null && upper !== null) {
    t.total++;
    if (lower <= value && value <= upper) t.covered++;
  }
  tallies.set(name, t);
}

const t0 = Date.now();
const rng = new Rng(20240601);
for (let s = 0; s < samples; s++) {
  const panel = simulateStaggered(design, rng);
  const res = attgtPanel(panel, { y: 'y', group: 'g', covariates: ['x1', 'x2'], method: 'dr' });
  const simple = aggte(res, { type: 'simple' });
  count('simple ATT', simple.lower, simple.upper, truth.simple);
  const dyn = aggte(res, { type: 'dynamic' });
  count('dynamic overall (e >= 0)', dyn.lower, dyn.upper, truth.dynamicOverall);
  count('before average (e < 0)', dyn.pre!.lower, dyn.pre!.upper, 0);
  for (const b of dyn.by) if (b.e === 0) count('dynamic e = 0', b.lower, b.upper, truth.dynamic(0));
  const grp = aggte(res, { type: 'group' });
  count('group overall', grp.lower, grp.upper, grp.by.reduce((a, b, q) => a + truth.group(b.e) * truth.shares[q], 0) / truth.shares.reduce((a, b) => a + b, 0));
  for (const c of res.cells) count('ATT(g,t), all cells pooled', c.lower, c.upper, truth.attgt(c.group, c.time));
  if (boot > 0) {
    const rb = attgtPanel(panel, { y: 'y', group: 'g', covariates: ['x1', 'x2'], bootstrap: { draws: boot, seed: s + 1 } });
    const post = rb.cells;
    const all = post.every((c) => c.lower !== null && c.upper !== null && c.lower <= truth.attgt(c.group, c.time) && truth.attgt(c.group, c.time) <= c.upper!);
    count('uniform band, all cells jointly', all ? 0 : 1, all ? 0 : -1, 0);
  }
}
const seconds = (Date.now() - t0) / 1000;

console.log(`coverage of 95 % intervals, ${samples} samples of ${units} units x ${design.periods} periods, DR with covariates (${seconds.toFixed(1)} s)`);
let ok = true;
for (const [name, t] of tallies) {
  const share = (100 * t.covered) / t.total;
  const mcse = 100 * Math.sqrt((0.95 * 0.05) / t.total);
  const inRange = share >= 93.5 && share <= 96.5;
  // The target is about the analytic intervals; pooled cells and the joint band are shown for information.
  if (name !== 'ATT(g,t), all cells pooled' && !name.startsWith('uniform')) ok = ok && inRange;
  console.log(`  ${name.padEnd(34)} ${share.toFixed(1).padStart(5)} %  of ${String(t.total).padStart(6)}  (Monte Carlo SE ${mcse.toFixed(1)})  [93.5-96.5: ${inRange ? 'met' : 'MISSED'}]`);
}
console.log(ok ? 'coverage target (analytic 95 % intervals) met' : 'coverage target (analytic 95 % intervals) MISSED');
