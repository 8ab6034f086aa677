/**
 * Sun & Abraham (2021) interaction-weighted event study: one regression with unit and
 * period fixed effects and a dummy for every (cohort, event time) cell of the treated
 * cohorts except event time `ref`, so each coefficient CATT(g, e) compares cohort g with the
 * control cohort only (no already-treated units as controls, no contamination across event
 * times). The event-study estimate at e averages the cells with weights = the cells' shares
 * of the observations at e (fixest's `aggregate(., "ATT")` weights, treated as fixed in the
 * SE, w'Vw); the overall ATT weights every post cell (e ≥ 0) by its observations (fixest's
 * `summary(agg = "ATT")`). CRV1 by unit with K = cells + periods, as fixest.
 *
 * Control cohort: `never` (the never treated; fixest's default `sunab(g, t)`) or `last`
 * (the last-treated cohort, together with any never treated, on the periods before it
 * starts: `sunab(g, t, ref.c = last)` on that subset), for designs without never-treated units.
 * Reference: test/fixtures/reference/sunab_mpdta.json (all three variants).
 */
import { combinationVariance, feOls } from './fe-ols';
import { prepareEventPanel, subsetEventPanel, type EventEstimate, type EventPanelInput, type OverallEstimate } from './event-panel';
import { reportWarningTexts } from '../data/warnings';
import { EstimateOptionError } from './errors';

export interface SunAbrahamOptions {
  control?: 'never' | 'last';
  ref?: number;
}

export interface SunAbrahamCell {
  cohort: number;
  e: number;
  est: number;
  se: number;
  /** Observations in the cell. */
  n: number;
}

export interface SunAbrahamResult {
  estimator: 'sun-abraham';
  cells: SunAbrahamCell[];
  /** Interaction-weighted estimates by event time, with the cohort weights. */
  events: (EventEstimate & { weights: Map<number, number> })[];
  att: OverallEstimate;
  /** Periods used and the control cohort(s). */
  control: 'never' | 'last';
  controlCohort: number | null;
  /** SE conventions of other software, by key `cohort:e` (cells) and `e` (events), plus the ATT. */
  se: { noSsc: Map<string, number>; clusterAdjOnly: Map<string, number> };
  n: number;
  clusters: number;
  warnings: string[];
}

export function sunAbraham(input: EventPanelInput, options: SunAbrahamOptions = {}): SunAbrahamResult {
  const control = options.control ?? 'never';
  const ref = options.ref ?? -1;
  let p = prepareEventPanel(input, 'sunAbraham');
  const warnings = [...p.warnings];
  let controlCohort: number | null = null;
  if (control === 'never') {
    let nNever = 0;
    for (let r = 0; r < p.n; r++) if (p.cohort[r] === 0) nNever++;
    if (nNever === 0) throw new EstimateOptionError("sunAbraham: no never-treated units; use control: 'last'");
  } else if (control === 'last') {
    if (p.cohorts.length < 2) throw new EstimateOptionError("sunAbraham: control 'last' needs at least two treated cohorts");
    const last = p.cohorts[p.cohorts.length - 1];
    controlCohort = last;
    const before = p.n;
    p = subsetEventPanel(p, (r) => p.time[r] < last);
    warnings.push(`sunAbraham: control cohort ${last}; ${before - p.n} rows from period ${last} on dropped`);
  } else throw new EstimateOptionError(`sunAbraham: control must be 'never' or 'last', not ${String(control)}`);

  const isControl = (g: number) => g === 0 || g === controlCohort;
  // Cells in cohort order, event times ascending.
  const cellIndex = new Map<string, number>();
  const cellList: { cohort: number; e: number }[] = [];
  const keys: string[] = [];
  for (let r = 0; r < p.n; r++) {
    const g = p.cohort[r];
    if (isControl(g) || p.rel[r] === ref) continue;
    const key = `${g}:${p.rel[r]}`;
    if (!cellIndex.has(key)) {
      cellIndex.set(key, -1);
      cellList.push({ cohort: g, e: p.rel[r] });
    }
  }
  cellList.sort((a, b) => a.cohort - b.cohort || a.e - b.e);
  cellList.forEach((c, j) => {
    const key = `${c.cohort}:${c.e}`;
    cellIndex.set(key, j);
    keys.push(key);
  });
  const k = cellList.length;
  if (k === 0) throw new EstimateOptionError('sunAbraham: no treated cohort besides the control');
  const x = cellList.map(() => new Float64Array(p.n));
  const counts = new Float64Array(k);
  for (let r = 0; r < p.n; r++) {
    const g = p.cohort[r];
    if (isControl(g)) continue;
    const j = cellIndex.get(`${g}:${p.rel[r]}`);
    if (j !== undefined && j >= 0) {
      x[j][r] = 1;
      counts[j]++;
    }
  }
  const fit = feOls({ y: p.y, index: p.index, x });
  const dropped = keys.filter((_, j) => !fit.kept[j]);
  if (dropped.length > 0) warnings.push(`sunAbraham: cells ${dropped.join(', ')} are collinear with the fixed effects and are NA`);
  const noSsc = new Map<string, number>();
  const clusterAdjOnly = new Map<string, number>();
  const cells: SunAbrahamCell[] = cellList.map((c, j) => {
    noSsc.set(keys[j], Math.sqrt(fit.vcovRaw[j * k + j]));
    clusterAdjOnly.set(keys[j], Math.sqrt(fit.clusterAdj * fit.vcovRaw[j * k + j]));
    return { cohort: c.cohort, e: c.e, est: fit.beta[j], se: Math.sqrt(fit.vcov[j * k + j]), n: counts[j] };
  });

  const combine = (w: Float64Array, key: string): { est: number; se: number } => {
    let est = 0;
    for (let j = 0; j < k; j++) if (w[j] !== 0) est += w[j] * fit.beta[j];
    const raw = combinationVariance(fit.vcovRaw, k, w);
    noSsc.set(key, Math.sqrt(raw));
    clusterAdjOnly.set(key, Math.sqrt(fit.clusterAdj * raw));
    return { est, se: Math.sqrt(combinationVariance(fit.vcov, k, w)) };
  };
  const eValues = [...new Set(cellList.map((c) => c.e))].sort((a, b) => a - b);
  const events = eValues.map((e) => {
    let total = 0;
    cellList.forEach((c, j) => {
      if (c.e === e && fit.kept[j]) total += counts[j];
    });
    const w = new Float64Array(k);
    const weights = new Map<number, number>();
    cellList.forEach((c, j) => {
      if (c.e === e && fit.kept[j]) {
        w[j] = counts[j] / total;
        weights.set(c.cohort, w[j]);
      }
    });
    return { e, ...combine(w, String(e)), n: total, weights };
  });
  let nPost = 0;
  cellList.forEach((c, j) => {
    if (c.e >= 0 && fit.kept[j]) nPost += counts[j];
  });
  const wAtt = new Float64Array(k);
  cellList.forEach((c, j) => {
    if (c.e >= 0 && fit.kept[j]) wAtt[j] = counts[j] / nPost;
  });
  const att = { ...combine(wAtt, 'att'), n: nPost };
  reportWarningTexts('sunAbraham', warnings); // the render's per-notebook warnings channel, as attgt and twfe
  return { estimator: 'sun-abraham', cells, events, att, control, controlCohort, se: { noSsc, clusterAdjOnly }, n: p.n, clusters: fit.clusters, warnings };
}
