/**
 * Coverage under a known, bounded violation of parallel trends. A simulated panel whose treated
 * units drift linearly away from the controls gives the event study's covariance; event-study
 * estimates are then drawn from N(tau + delta, Sigma) (Rambachan & Roth's asymptotic
 * experiment), and each robust set is checked against the true effect:
 * - delta linear: in Delta^RM(1) and Delta^SD(0), so C-LF at Mbar = 1 and FLCI at M = 0 must
 *   cover at least at the nominal rate, while the naive interval misses most of the time;
 * - delta with post changes three times the pre changes: outside Delta^RM(1), and the C-LF
 *   set at Mbar = 1 then under-covers (the check can fail), while Mbar = 3 covers again.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { aggte, attgtPanel } from '../../src/estimate';
import { Rng } from '../../src/random/rng';
import { FlciFrontier, honestInputs, loadSolver, originalInterval, rmAccepts, targetWeights, type HonestInputs } from '../../src/sensitivity/index';
import { drawEventStudy, simulateViolation, VIOLATION_DESIGN, violationBias } from '../../src/simulate/violation';

const R = 300;
/** Lets the test worker answer vitest between batches of replications (long synchronous runs time its RPC out). */
const tick = () => new Promise((resolve) => setImmediate(resolve));
const ALPHA = 0.05;
const mcTol = 3 * Math.sqrt((ALPHA * (1 - ALPHA)) / R);

describe('robust sets cover the truth under a bounded violation', { timeout: 300_000 }, () => {
  let template: HonestInputs;
  beforeAll(async () => {
    await loadSolver();
    const panel = simulateViolation(VIOLATION_DESIGN, new Rng(15));
    const res = attgtPanel(panel, { y: 'y', group: 'g', control: 'never', base: 'universal', method: 'reg' });
    template = honestInputs(aggte(res, { type: 'dynamic' }));
  });

  const d = VIOLATION_DESIGN;
  const tau = (e: number) => (e >= 0 ? d.tau : 0);

  it('the simulated panel shows the pre-trend and a biased naive estimate', () => {
    expect(template.eventTimes).toEqual([-5, -4, -3, -2, 0, 1, 2, 3, 4]);
    // pre-period estimates near slope * (e + 1): clearly negative, growing with distance
    expect(template.betahat[0]).toBeLessThan(-0.8);
    const e0 = template.betahat[template.numPre];
    expect(Math.abs(e0 - (d.tau + violationBias(d, 0)))).toBeLessThan(4 * Math.sqrt(template.sigma.v[template.numPre * (template.eventTimes.length + 1)]));
  });

  it(`linear violation (in Delta^RM(1) and Delta^SD(0)): naive misses, C-LF(1) and FLCI(0) cover at >= 95 % (${R} draws)`, async () => {
    const mean = template.eventTimes.map((e) => tau(e) + violationBias(d, e));
    const l = targetWeights(template, { e: 0 });
    const frontier = new FlciFrontier(template, l);
    const flci0 = frontier.interval(0, ALPHA);
    frontier.dispose();
    const rng = new Rng(2026);
    let naive = 0;
    let rm = 0;
    let flci = 0;
    for (let r = 0; r < R; r++) {
      if (r % 20 === 0) await tick();
      const draw = drawEventStudy(template, mean, rng);
      const o = originalInterval(draw, l, ALPHA);
      if (o.lb <= d.tau && d.tau <= o.ub) naive++;
      if (rmAccepts(draw, l, 1, d.tau, { alpha: ALPHA })) rm++;
      let centre = 0;
      for (let i = 0; i < flci0.weights.length; i++) centre += flci0.weights[i] * draw.betahat[i];
      if (Math.abs(centre - d.tau) <= flci0.halfLength) flci++;
    }
    expect(naive / R).toBeLessThan(0.5);
    expect(rm / R).toBeGreaterThanOrEqual(1 - ALPHA - mcTol);
    // FLCI is exact for a linear trend at M = 0: coverage at the nominal rate, not above it
    expect(flci / R).toBeGreaterThanOrEqual(1 - ALPHA - mcTol);
    expect(flci / R).toBeLessThanOrEqual(1 - ALPHA + mcTol);
  });

  it('a violation outside Delta^RM(1) (post changes 3x the pre changes) breaks C-LF(1) but not C-LF(3)', async () => {
    // delta_e relative to e = -1: pre changes slope, post changes 3 slope
    const delta = (e: number) => (e < -1 ? d.slope * (e + 1) : 3 * d.slope * (e + 1));
    const mean = template.eventTimes.map((e) => tau(e) + delta(e));
    const l = targetWeights(template, { e: 2 });
    const truth = d.tau;
    const rng = new Rng(7);
    let at1 = 0;
    let at3 = 0;
    const reps = 150;
    for (let r = 0; r < reps; r++) {
      if (r % 20 === 0) await tick();
      const draw = drawEventStudy(template, mean, rng);
      if (rmAccepts(draw, l, 1, truth, { alpha: ALPHA })) at1++;
      if (rmAccepts(draw, l, 3, truth, { alpha: ALPHA })) at3++;
    }
    expect(at1 / reps).toBeLessThan(0.8);
    expect(at3 / reps).toBeGreaterThanOrEqual(1 - ALPHA - 3 * Math.sqrt((ALPHA * (1 - ALPHA)) / reps));
  });
});
