/** The method chapter's sentences switch with the numbers they interpret (issue 17, claim 7). */
import { describe, expect, it } from 'vitest';
import type { ReplicationSummary } from '../../src/simulate/monte-carlo';
import { eventTime } from '../../src/data/index';
import { Rng } from '../../src/random/rng';
import { sampleTruth } from '../../src/simulate/sample-truth';
import { simulateStaggered } from '../../src/simulate/staggered';
import { exampleDesign } from '../../src/simulate/teaching-example';
import { twfe } from '../../src/stats/twfe';
import { baconText, biasWords, drText, exampleText, pretestText, recoveryText, twfeSourcesText, wrongSign } from '../../src/tables/method-text';

const summary = (bias: number, biasMcse = 0.01, coverage = 0.95, truth = 1): ReplicationSummary => ({
  reps: 500,
  failed: 0,
  truth,
  mean: truth + bias,
  bias,
  sd: biasMcse * Math.sqrt(500),
  rmse: 0,
  meanSe: 0,
  coverage,
  coverageMcse: 0.01,
  biasMcse,
});
const TW = { sv: 'TWFE-koefficienten', en: 'The TWFE coefficient' };

describe('method chapter prose follows the numbers', () => {
  it('"wrong sign" only when the signs differ', () => {
    expect(wrongSign(-0.3, 1.2)).toBe(true);
    expect(wrongSign(0.3, 1.2)).toBe(false);
    expect(wrongSign(0.001, 1.2)).toBe(false); // zero at the shown precision
    const wrong = exampleText({ truth: 1.2, rows: [{ name: TW, estimate: { est: -0.3, se: 0.1 } }] });
    expect(wrong.en).toMatch(/wrong sign/);
    expect(wrong.sv).toMatch(/fel tecken/);
    expect(wrong.en).toMatch(/outside its 95% interval/);
    // growth 0: TWFE re-weights only, same sign and close: no "wrong sign", no "biased"
    const right = exampleText({ truth: 0.25, rows: [{ name: TW, estimate: { est: 0.27, se: 0.05 } }] });
    expect(right.en).not.toMatch(/wrong sign/);
    expect(right.en).toMatch(/interval contains the true effect/);
    expect(right.sv).not.toMatch(/fel tecken/);
  });

  it('"biased" only when the bias stands out from its Monte Carlo error (trendX2 = 0 gives no "biased (bias 0.000)")', () => {
    expect(biasWords(summary(0.0004), 'en', 3)).toBe('0.000 (within Monte Carlo error)');
    expect(biasWords(summary(-0.174), 'en', 3)).toMatch(/^-0.174 \(biased: 17 Monte Carlo standard errors\)$|^−0.174 \(biased: 17 Monte Carlo standard errors\)$/);
    const t = pretestText({ bias: summary(0.0004), rejectWald: 0.05, rejectPreMean: 0.05, coveragePassing: 0.95, passing: 475, reps: 500, alpha: 0.05 });
    expect(t.en).toMatch(/not noticeably biased/);
    const t2 = pretestText({ bias: summary(0.13, 0.005, 0.49), rejectWald: 0.26, rejectPreMean: 0.1, coveragePassing: 0.4, passing: 370, reps: 500, alpha: 0.05 });
    expect(t2.en).toMatch(/estimate is biased/);
    expect(t2.en).toMatch(/lowers the coverage further/);
  });

  it('TWFE sources: "cancel" only for opposite-signed detectable biases', () => {
    const cancel = twfeSourcesText({ combined: summary(-0.033, 0.005), heterogeneity: summary(-0.174, 0.005), confounding: summary(0.138, 0.005), forbiddenWeight: 0.11 });
    expect(cancel.en).toMatch(/opposite signs and partly cancel/);
    expect(cancel.sv).toMatch(/motsatt tecken/);
    const add = twfeSourcesText({ combined: summary(-0.3, 0.005), heterogeneity: summary(-0.174, 0.005), confounding: summary(-0.138, 0.005), forbiddenWeight: 0.11 });
    expect(add.en).toMatch(/same sign and add up/);
    const none = twfeSourcesText({ combined: summary(0.001), heterogeneity: summary(0.001), confounding: summary(-0.002), forbiddenWeight: 0 });
    expect(none.en).toMatch(/Neither source/);
    expect(none.en).not.toMatch(/cancel/);
  });

  it('Bacon: direction of the pull from the numbers; no forbidden comparisons said as such', () => {
    expect(baconText({ forbiddenWeight: 0.3, forbiddenMean: -1, cleanMean: 1, estimate: 0.4, comparisons: 12, gap: 0 }).en).toMatch(/pull down/);
    expect(baconText({ forbiddenWeight: 0.3, forbiddenMean: 2, cleanMean: 1, estimate: 1.3, comparisons: 12, gap: 0 }).en).toMatch(/pull up/);
    expect(baconText({ forbiddenWeight: 0, forbiddenMean: NaN, cleanMean: 1, estimate: 1, comparisons: 3, gap: 0 }).en).toMatch(/all comparisons are clean/);
  });

  it('event-study paragraph: TWFE "wrong sign" only when it is', () => {
    expect(recoveryText({ inside: 9, total: 10, maxDev: 0.3, twfe: { est: -0.2, se: 0.1 }, truth: 2 }).en).toMatch(/wrong sign/);
    expect(recoveryText({ inside: 9, total: 10, maxDev: 0.3, twfe: { est: 0.3, se: 0.1 }, truth: 0.32 }).en).toMatch(/close to the average/);
  });

  it('DR: "consistent", never "unbiased"; a DR bias is reported when it shows', () => {
    const ok = summary(0.001);
    const bad = summary(-1, 0.01);
    const r = (prop: ReplicationSummary) => ({
      none: { reg: ok, 'ipw-std': ok, dr: ok },
      propensity: { reg: ok, 'ipw-std': bad, dr: prop },
      outcome: { reg: bad, 'ipw-std': ok, dr: ok },
      both: { reg: bad, 'ipw-std': bad, dr: bad },
    });
    const t = drText(r(ok));
    expect(t.en).toMatch(/consistent/);
    expect(t.sv).toMatch(/konsistent/);
    expect(t.sv).not.toMatch(/väntevärdesriktig när/);
    expect(drText(r(bad)).en).toMatch(/In this run DR shows a bias/);
  });
});

describe('the chapter example’s sentence with the library’s numbers (as the notebook computes it)', () => {
  const run = (growth: number[]) => {
    const design = exampleDesign({ units: 2000, periods: 12, starts: [3, 6, 9], shares: [0.3, 0.3, 0.3, 0.1], effectAtStart: 0.25, growth, noiseSd: 1, individualEffectSd: 0.5 });
    const p = simulateStaggered(design, new Rng(2024));
    const truth = sampleTruth(design, p).simple;
    const d = Float64Array.from(eventTime(p, 'g'), (e) => (e >= 0 ? 1 : 0));
    const c = twfe({ y: p.cols.y, unit: p.rowUnit, time: p.rowTime, x: [d], names: ['d'] }).coef[0];
    return exampleText({ truth, rows: [{ name: TW, estimate: { est: c.est.value!, se: c.se.value! } }] });
  };
  it('growing effects: "wrong sign"; growth 0: neither "wrong sign" nor outside the interval', () => {
    expect(run([0.8, 0.4, 0.1]).en).toMatch(/wrong sign/);
    const flat = run([0, 0, 0]);
    expect(flat.en).not.toMatch(/wrong sign/);
    expect(flat.sv).not.toMatch(/fel tecken/);
    expect(flat.en).toMatch(/interval contains the true effect/);
  });
});
