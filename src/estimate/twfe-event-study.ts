/**
 * The TWFE event study ("dynamic TWFE"): y_it = α_i + λ_t + Σ_{e ≠ ref} β_e 1{t − g_i = e} + ε_it,
 * never-treated units with all dummies 0, CRV1 by unit (fixest's
 * feols(y ~ i(rel, ref = c(-1, -1000)) | id + time, cluster = ~id)), and the static TWFE
 * coefficient of 1{t ≥ g_i}. Reference: test/fixtures/reference/twfe_es_mpdta.json.
 *
 * Why it is in the chapter: with effects that vary across cohorts, β_e is contaminated by
 * the effects at other event times of other cohorts (Sun & Abraham 2021, Prop. 3) — the
 * leads can look non-zero without any pre-trend, and the lags mix cohorts with weights no
 * one chose. Without never-treated units, the relative-period dummies and the two-way fixed
 * effects are collinear unless two event times are left out; `minE`/`maxE` bin the
 * endpoints (event times beyond them share the endpoint's dummy), which is the usual fix.
 */
import { feOls, combinationVariance } from './fe-ols';
import { prepareEventPanel, type EventEstimate, type EventPanelInput, type OverallEstimate } from './event-panel';
import { reportWarningTexts } from '../data/warnings';
import { EstimateOptionError } from './errors';

export interface TwfeEventStudyOptions {
  /** Reference event time (dummy left out), default −1. */
  ref?: number;
  /** Bin event times below minE into minE and above maxE into maxE (default: no binning). */
  minE?: number;
  maxE?: number;
}

export interface TwfeEventStudyResult {
  estimator: 'twfe-es';
  /** β_e by event time, ascending; NaN when the dummy was collinear (dropped). */
  events: EventEstimate[];
  /** The static TWFE coefficient on 1{t ≥ g} (not an aggregate of `events`). */
  att: OverallEstimate;
  /** Mean of the post-period β_e weighted by their treated observations (a common summary, not a causal aggregate). */
  postMean: OverallEstimate;
  /** SEs without small-sample factor and with only G/(G−1), for comparisons with other software. */
  seNoSsc: Map<number, number>;
  seClusterAdjOnly: Map<number, number>;
  n: number;
  clusters: number;
  warnings: string[];
}

export function twfeEventStudy(input: EventPanelInput, options: TwfeEventStudyOptions = {}): TwfeEventStudyResult {
  const p = prepareEventPanel(input, 'twfeEventStudy');
  const ref = options.ref ?? -1;
  if (options.minE !== undefined && options.maxE !== undefined && options.minE > options.maxE) throw new EstimateOptionError(`twfeEventStudy: minE ${options.minE} > maxE ${options.maxE}`);
  if (p.cohorts.length === 0) throw new EstimateOptionError('twfeEventStudy: no treated cohort');
  const binned = new Float64Array(p.n);
  const eSet = new Set<number>();
  for (let r = 0; r < p.n; r++) {
    let e = p.rel[r];
    if (Number.isFinite(e)) {
      if (options.minE !== undefined && e < options.minE) e = options.minE;
      if (options.maxE !== undefined && e > options.maxE) e = options.maxE;
      eSet.add(e);
    }
    binned[r] = e;
  }
  const es = [...eSet].filter((e) => e !== ref).sort((a, b) => a - b);
  const col = new Map(es.map((e, j) => [e, j]));
  const x = es.map(() => new Float64Array(p.n));
  const counts = new Float64Array(es.length);
  for (let r = 0; r < p.n; r++) {
    const j = col.get(binned[r]);
    if (j !== undefined) {
      x[j][r] = 1;
      counts[j]++;
    }
  }
  const fit = feOls({ y: p.y, index: p.index, x });
  const k = es.length;
  const warnings = [...p.warnings];
  const dropped = es.filter((_, j) => !fit.kept[j]);
  if (dropped.length > 0) warnings.push(`twfeEventStudy: event times ${dropped.join(', ')} are collinear with the fixed effects (no never-treated units? bin the endpoints with minE/maxE) and are NA`);
  const events: EventEstimate[] = es.map((e, j) => ({ e, est: fit.beta[j], se: Math.sqrt(fit.vcov[j * k + j]), n: counts[j] }));
  const seNoSsc = new Map(es.map((e, j) => [e, Math.sqrt(fit.vcovRaw[j * k + j])]));
  const seClusterAdjOnly = new Map(es.map((e, j) => [e, Math.sqrt(fit.clusterAdj * fit.vcovRaw[j * k + j])]));

  // Summary of the lags: weights by treated observations, SE by the delta method.
  const w = new Float64Array(k);
  let nPost = 0;
  es.forEach((e, j) => {
    if (e >= 0 && e !== ref && fit.kept[j]) nPost += counts[j];
  });
  es.forEach((e, j) => {
    if (e >= 0 && fit.kept[j]) w[j] = counts[j] / nPost;
  });
  let pm = 0;
  for (let j = 0; j < k; j++) if (w[j] !== 0) pm += w[j] * fit.beta[j];
  const postMean = { est: pm, se: Math.sqrt(combinationVariance(fit.vcov, k, w)), n: nPost };

  const d = new Float64Array(p.n);
  let nTreated = 0;
  for (let r = 0; r < p.n; r++)
    if (p.rel[r] >= 0) {
      d[r] = 1;
      nTreated++;
    }
  const st = feOls({ y: p.y, index: p.index, x: [d] });
  const att = { est: st.beta[0], se: Math.sqrt(st.vcov[0]), n: nTreated };
  reportWarningTexts('twfeEventStudy', warnings); // the render's per-notebook warnings channel, as attgt and twfe
  return { estimator: 'twfe-es', events, att, postMean, seNoSsc, seClusterAdjOnly, n: p.n, clusters: fit.clusters, warnings };
}
