/**
 * Goodman-Bacon (2021) decomposition of the two-way fixed effects DiD coefficient.
 *
 * With a balanced panel, an absorbing 0/1 treatment switched on at different times and
 * no covariates, the TWFE coefficient of y on D (unit and period fixed effects) equals a
 * weighted average of all 2×2 DiD comparisons between timing groups:
 *
 * - treated-vs-never: group k against the never-treated, over the whole panel;
 * - earlier-vs-later: early group k against later group l while l is still untreated
 *   (periods before l starts), a clean comparison;
 * - later-vs-earlier: later group l against the already-treated k (periods from k's
 *   start), which subtracts k's treatment effect changes: the "forbidden" comparison that
 *   makes TWFE wrong under dynamic effects;
 * - later-vs-always: as later-vs-earlier, against units treated in every period.
 *
 * Weights (Goodman-Bacon 2021, eq. 10), with n_g the share of units in group g,
 * D̄_g the share of periods g is treated, n_ab = n_a/(n_a + n_b) and V̂ the variance of
 * the two-way demeaned treatment, (1/NT) Σ (D_it − D̄_i − D̄_t + D̄)²:
 *   s_kU   = (n_k + n_U)² n_kU (1 − n_kU) D̄_k (1 − D̄_k) / V̂
 *   s_kl^k = ((n_k + n_l)(1 − D̄_l))² n_kl (1 − n_kl) (D̄_k − D̄_l)/(1 − D̄_l) · (1 − D̄_k)/(1 − D̄_l) / V̂
 *   s_kl^l = ((n_k + n_l) D̄_k)² n_kl (1 − n_kl) D̄_l/D̄_k · (D̄_k − D̄_l)/D̄_k / V̂
 * They sum to 1 and Σ s·β̂ reproduces the TWFE coefficient exactly.
 */
import type { Panel } from '../data/panel';
import { naOf, type Na } from './na';
import { rowValues } from './window';

export type BaconType = 'treated-vs-never' | 'earlier-vs-later' | 'later-vs-earlier' | 'later-vs-always';

/** A timing group by its first treated period (a period code), or the never/always treated. */
export type BaconGroup = number | 'never' | 'always';

export interface BaconComparison {
  type: BaconType;
  /** The group whose treatment switches on inside the comparison window. */
  treated: number;
  /** The comparison group. */
  control: BaconGroup;
  /** The 2×2 DiD estimate. */
  estimate: number;
  weight: number;
}

export interface BaconSummary {
  type: BaconType;
  /** Sum of the weights of this type. */
  weight: number;
  /** Weighted average estimate within the type (NaN if the type has no weight). */
  estimate: number;
}

export interface BaconResult {
  comparisons: BaconComparison[];
  byType: BaconSummary[];
  /** Σ weight · estimate: the TWFE coefficient. */
  estimate: number;
  /** Units per timing group (key: first treated period, 'never', 'always'). */
  groupSizes: Map<BaconGroup, number>;
  na?: Na;
}

export interface BaconInput {
  y: ArrayLike<number>;
  unit: ArrayLike<number>;
  time: ArrayLike<number>;
  /** Treatment indicator per row: 0/1, and once 1 it stays 1. */
  d: ArrayLike<number>;
}

function fail(message: string): never {
  const err = new Error(`Goodman-Bacon decomposition: ${message}`);
  err.name = 'DataError';
  throw err;
}

/** Sorted distinct values and each row's position among them. */
function sortedIndex(values: ArrayLike<number>): { index: Int32Array; levels: number[] } {
  const levels = Array.from(new Set(Array.from(values))).sort((a, b) => a - b);
  const pos = new Map(levels.map((v, i) => [v, i]));
  const index = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) index[i] = pos.get(values[i])!;
  return { index, levels };
}

/** Balanced unit × period matrices of y and d, checked. */
function toMatrices(input: BaconInput): { Y: Float64Array; D: Float64Array; nU: number; nT: number; times: number[] } {
  const n = input.y.length;
  for (const [what, a] of [['unit', input.unit], ['time', input.time], ['d', input.d]] as const) {
    if (a.length !== n) fail(`${what} has length ${a.length}, y has ${n}`);
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(input.y[i]) || !Number.isFinite(input.unit[i]) || !Number.isFinite(input.time[i])) {
      fail(`row ${i + 1} has a missing y, unit or time; the decomposition needs a complete balanced panel`);
    }
    if (input.d[i] !== 0 && input.d[i] !== 1) fail(`row ${i + 1}: treatment is ${input.d[i]}, expected 0 or 1`);
  }
  const u = sortedIndex(input.unit);
  const t = sortedIndex(input.time);
  const nU = u.levels.length;
  const nT = t.levels.length;
  if (n !== nU * nT) fail(`the panel is not balanced (${n} rows for ${nU} units × ${nT} periods)`);
  const Y = new Float64Array(n);
  const D = new Float64Array(n);
  const seen = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = u.index[i] * nT + t.index[i];
    if (seen[c]) fail(`unit ${input.unit[i]} has two rows for period ${input.time[i]}`);
    seen[c] = 1;
    Y[c] = input.y[i];
    D[c] = input.d[i];
  }
  return { Y, D, nU, nT, times: t.levels };
}

/** Variance of the two-way demeaned treatment on a balanced panel, (1/NT) Σ D̃². */
function demeanedTreatmentVariance(D: Float64Array, nU: number, nT: number): number {
  const rowMean = new Float64Array(nU);
  const colMean = new Float64Array(nT);
  let all = 0;
  for (let u = 0; u < nU; u++) {
    for (let t = 0; t < nT; t++) {
      const v = D[u * nT + t];
      rowMean[u] += v / nT;
      colMean[t] += v / nU;
      all += v;
    }
  }
  all /= nU * nT;
  let ss = 0;
  for (let u = 0; u < nU; u++) {
    for (let t = 0; t < nT; t++) {
      const r = D[u * nT + t] - rowMean[u] - colMean[t] + all;
      ss += r * r;
    }
  }
  return ss / (nU * nT);
}

export function baconDecomposition(input: BaconInput): BaconResult {
  const { Y, D, nU, nT, times } = toMatrices(input);
  // First treated period index per unit (nT = never treated), checked to be absorbing.
  const first = new Int32Array(nU);
  for (let u = 0; u < nU; u++) {
    let f = nT;
    for (let t = 0; t < nT; t++) {
      const v = D[u * nT + t];
      if (f === nT && v === 1) f = t;
      else if (f < nT && v === 0) fail(`treatment switches off for unit ${u + 1} (in id order) in period ${times[t]}; it must be absorbing`);
    }
    first[u] = f;
  }
  // Group sizes and mean outcome paths, by first treated index.
  const size = new Float64Array(nT + 1);
  const path = new Float64Array((nT + 1) * nT);
  for (let u = 0; u < nU; u++) {
    const g = first[u];
    size[g]++;
    for (let t = 0; t < nT; t++) path[g * nT + t] += Y[u * nT + t];
  }
  for (let g = 0; g <= nT; g++) if (size[g] > 0) for (let t = 0; t < nT; t++) path[g * nT + t] /= size[g];
  const label = (g: number): BaconGroup => (g === nT ? 'never' : g === 0 ? 'always' : times[g]);
  const groupSizes = new Map<BaconGroup, number>();
  for (let g = 0; g <= nT; g++) if (size[g] > 0) groupSizes.set(label(g), size[g]);

  const V = demeanedTreatmentVariance(D, nU, nT);
  if (!(V > 1e-14)) {
    return { comparisons: [], byType: [], estimate: NaN, groupSizes, na: naOf('no-treatment-variation') };
  }
  /** Mean of group g's path over periods [a, b). */
  const avg = (g: number, a: number, b: number): number => {
    let s = 0;
    for (let t = a; t < b; t++) s += path[g * nT + t];
    return s / (b - a);
  };
  /** 2×2 DiD in window [a, b) with the switch at `at`: (post − pre) of g minus that of c. */
  const did = (g: number, c: number, a: number, at: number, b: number): number =>
    avg(g, at, b) - avg(g, a, at) - (avg(c, at, b) - avg(c, a, at));

  const share = (g: number): number => size[g] / nU;
  const dbar = (g: number): number => (nT - g) / nT;
  const timing: number[] = [];
  for (let g = 0; g < nT; g++) if (size[g] > 0) timing.push(g);
  const comparisons: BaconComparison[] = [];

  if (size[nT] > 0) {
    const nUn = share(nT);
    for (const k of timing) {
      if (k === 0) continue; // always treated vs never: no variation in D within the pair
      const nk = share(k);
      const nkU = nk / (nk + nUn);
      const w = ((nk + nUn) ** 2 * nkU * (1 - nkU) * dbar(k) * (1 - dbar(k))) / V;
      comparisons.push({ type: 'treated-vs-never', treated: times[k], control: 'never', estimate: did(k, nT, 0, k, nT), weight: w });
    }
  }
  for (let i = 0; i < timing.length; i++) {
    for (let j = i + 1; j < timing.length; j++) {
      const k = timing[i];
      const l = timing[j];
      const nk = share(k);
      const nl = share(l);
      const nkl = nk / (nk + nl);
      const Dk = dbar(k);
      const Dl = dbar(l);
      if (k > 0) {
        const w = (((nk + nl) * (1 - Dl)) ** 2 * nkl * (1 - nkl) * ((Dk - Dl) / (1 - Dl)) * ((1 - Dk) / (1 - Dl))) / V;
        comparisons.push({ type: 'earlier-vs-later', treated: times[k], control: times[l], estimate: did(k, l, 0, k, l), weight: w });
      }
      const w = (((nk + nl) * Dk) ** 2 * nkl * (1 - nkl) * (Dl / Dk) * ((Dk - Dl) / Dk)) / V;
      comparisons.push({
        type: k === 0 ? 'later-vs-always' : 'later-vs-earlier',
        treated: times[l],
        control: label(k),
        estimate: did(l, k, k, l, nT),
        weight: w,
      });
    }
  }

  const types: BaconType[] = ['treated-vs-never', 'earlier-vs-later', 'later-vs-earlier', 'later-vs-always'];
  const byType = types.flatMap((type) => {
    const of = comparisons.filter((c) => c.type === type);
    if (of.length === 0) return [];
    const weight = of.reduce((s, c) => s + c.weight, 0);
    const estimate = weight > 0 ? of.reduce((s, c) => s + c.weight * c.estimate, 0) / weight : NaN;
    return [{ type, weight, estimate }];
  });
  const estimate = comparisons.reduce((s, c) => s + c.weight * c.estimate, 0);
  return { comparisons, byType, estimate, groupSizes };
}

/** The decomposition on a Panel: outcome and treatment columns by name. */
export function baconPanel(panel: Panel, y: string, d: string): BaconResult {
  return baconDecomposition({ y: rowValues(panel, y), unit: panel.rowUnit, time: panel.rowTime, d: rowValues(panel, d) });
}
