/**
 * Relative magnitudes Delta^RM(Mbar) (Rambachan & Roth 2023, sec. 2.4.1): every post-period
 * change of the trend violation is at most Mbar times the largest pre-period change,
 *
 *   |delta_{t+1} - delta_t| <= Mbar max_{s<0} |delta_{s+1} - delta_s|   for t >= 0.
 *
 * The set is the union over the period s of the largest pre-period change and its sign of
 * polyhedra Delta_{s,+/-}; the confidence set is the union of the conditional
 * least-favourable hybrid (C-LF) sets of the polyhedra (their Lemma 2.2), each found on a
 * grid of theta around the identified set (+- 20 sd), as HonestDiD does: HonestDiD's
 * createSensitivityResults_relativeMagnitudes with method "C-LF".
 */
import { luInverse } from '../estimate/linalg';
import { ArpTest, type HybridOptions } from './arp';
import type { HonestInputs } from './inputs';
import { mat, matMul, matVecMul, quad, transpose, type Mat } from './matrix';
import { Program } from './solver';

export interface RmOptions {
  readonly alpha?: number;
  /** Points of the theta grid (R HonestDiD's default 1000; its Python port's honest_did 100). */
  readonly gridPoints?: number;
  /** Draws of the least-favourable critical value (1000) and their seed. */
  readonly sims?: number;
  readonly seed?: number;
  /**
   * Which pre-period changes may be the largest: 'all' (the definition, and R HonestDiD), or
   * 'python' (moderndid 0.4's loop, which leaves out the earliest change); for parity tests.
   */
  readonly preChanges?: 'all' | 'python';
}

export interface RmResult {
  readonly mbar: number;
  /** null when no theta on the grid is accepted. */
  readonly lb: number | null;
  readonly ub: number | null;
  /** The identified set at betahat (the grid's centre). */
  readonly idLb: number;
  readonly idUb: number;
}

/** Constraint matrix A (A delta <= 0) of Delta^RM_{s,sign}(Mbar); columns = periods without the reference. */
export function rmConstraints(numPre: number, numPost: number, mbar: number, preRow: number, positive: boolean): Mat {
  const T = numPre + numPost + 1;
  const rowsOut: number[][] = [];
  const v = new Float64Array(T);
  v[preRow] = positive ? -1 : 1;
  v[preRow + 1] = positive ? 1 : -1;
  for (const sign of [1, -1]) {
    for (let r = 0; r < numPre + numPost; r++) {
      const row = new Float64Array(T);
      row[r] += sign * -1;
      row[r + 1] += sign * 1;
      const f = r < numPre ? 1 : mbar;
      for (let j = 0; j < T; j++) row[j] -= f * v[j];
      if (row.every((x) => Math.abs(x) <= 1e-10)) continue;
      rowsOut.push(Array.from(row).filter((_, j) => j !== numPre));
    }
  }
  return mat(rowsOut.length, T - 1, rowsOut.flat());
}

/** Gamma: first row l, then unit vectors except at the largest |l| (HonestDiD's basis change). */
function gammaMatrix(l: Float64Array): Mat {
  const q = l.length;
  let drop = 0;
  for (let i = 1; i < q; i++) if (Math.abs(l[i]) > Math.abs(l[drop])) drop = i;
  const g = mat(q, q);
  for (let j = 0; j < q; j++) g.v[j] = l[j];
  let r = 1;
  for (let i = 0; i < q; i++) {
    if (i === drop) continue;
    g.v[r * q + i] = 1;
    r++;
  }
  return g;
}

interface Component {
  readonly a: Mat;
}

function components(inputs: HonestInputs, mbar: number, preChanges: 'all' | 'python'): Component[] {
  const out: Component[] = [];
  const first = preChanges === 'python' ? 1 : 0;
  for (let r = first; r < inputs.numPre; r++) {
    for (const positive of [true, false]) out.push({ a: rmConstraints(inputs.numPre, inputs.numPost, mbar, r, positive) });
  }
  return out;
}

/** Identified set of l'tau_post under one polyhedron at beta = betahat (HonestDiD's grid centre). */
function identifiedSet(inputs: HonestInputs, l: Float64Array, a: Mat): { lb: number; ub: number } {
  const { numPre: p, numPost: q, betahat } = inputs;
  const k = p + q;
  const rows = new Float64Array((a.r + p) * k);
  rows.set(a.v, 0);
  for (let i = 0; i < p; i++) rows[(a.r + i) * k + i] = 1;
  const lo = new Float64Array(a.r + p).fill(-Infinity);
  const up = new Float64Array(a.r + p);
  for (let i = 0; i < p; i++) lo[a.r + i] = up[a.r + i] = betahat[i];
  const cost = new Float64Array(k);
  for (let j = 0; j < q; j++) cost[p + j] = l[j];
  let obs = 0;
  for (let j = 0; j < q; j++) obs += l[j] * betahat[p + j];
  const prog = new Program({ numCols: k, numRows: a.r + p, cost, rows, rowLower: lo, rowUpper: up });
  try {
    const min = prog.solve();
    prog.setCosts(cost.map((c) => -c));
    const max = prog.solve();
    if (min.status !== 'optimal' || max.status !== 'optimal') return { lb: obs, ub: obs };
    return { lb: obs + max.objective, ub: obs - min.objective };
  } finally {
    prog.dispose();
  }
}

/**
 * Accepted grid indices [lo, hi] of one polyhedron (its accepted set taken as an interval, as
 * HonestDiD's binary search does), or null. Given the hull [hullLo, hullHi] of the polyhedra
 * already done, only whether this one reaches beyond it matters: an end inside the hull is
 * not searched (the union's ends are the same either way).
 */
function componentInterval(test: ArpTest, grid: Float64Array, hull: [number, number] | null): [number, number] | null {
  const n = grid.length;
  const joint = test.minEta();
  // No theta can pass the first stage if even the smallest statistic over all theta exceeds
  // an upper bound of the least-favourable critical value (then: the exact one).
  if (joint && joint.eta > test.lfUpperBound()) return null;
  if (joint && joint.eta > test.lfCv()) return null;
  const cache = new Map<number, boolean>();
  const acc = (i: number): boolean => {
    let v = cache.get(i);
    if (v === undefined) {
      v = test.accepts(grid[i]);
      cache.set(i, v);
    }
    return v;
  };
  // Start where the statistic is smallest, then widen (HonestDiD starts in the grid's middle).
  let start = Math.floor(n / 2);
  if (joint && Number.isFinite(joint.theta)) {
    const step = (grid[n - 1] - grid[0]) / (n - 1);
    start = Math.min(n - 1, Math.max(0, Math.round((joint.theta - grid[0]) / step)));
  }
  let seed = -1;
  if (acc(start)) seed = start;
  else {
    for (let off = 1; off < n && seed < 0; off++) {
      const left = start - off;
      const right = start + off;
      if (left < 0 && right >= n) break;
      if (left >= 0 && acc(left)) seed = left;
      else if (right < n && acc(right)) seed = right;
    }
  }
  if (seed < 0) return null;
  let lbIdx: number;
  if (hull && seed >= hull[0] && (hull[0] === 0 || !acc(hull[0] - 1))) lbIdx = hull[0];
  else if (seed === 0 || !acc(0)) {
    let lo = 0;
    let hi = seed;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (acc(m)) hi = m;
      else lo = m + 1;
    }
    lbIdx = lo;
  } else lbIdx = 0;
  let ubIdx: number;
  if (hull && seed <= hull[1] && (hull[1] === n - 1 || !acc(hull[1] + 1))) ubIdx = hull[1];
  else if (seed === n - 1 || !acc(n - 1)) {
    let lo = seed;
    let hi = n - 1;
    while (lo < hi) {
      const m = (lo + hi + 1) >> 1;
      if (acc(m)) lo = m;
      else hi = m - 1;
    }
    ubIdx = lo;
  } else ubIdx = n - 1;
  return [lbIdx, ubIdx];
}

interface Prepared {
  /** Scale: the problem is solved in units of sd(l'betahat_post), c = 1 / sd. */
  readonly c: number;
  readonly sdScaled: number;
  readonly scaled: HonestInputs;
  readonly comps: Component[];
  readonly hybrid: HybridOptions;
  readonly gammaInv: Float64Array;
  readonly l: Float64Array;
}

function prepare(inputs: HonestInputs, l: ArrayLike<number>, mbar: number, options: RmOptions): Prepared {
  const { numPre: p, numPost: q } = inputs;
  if (p < 1) throw new Error('relative magnitudes need at least one pre-period besides the reference');
  if (!(mbar >= 0)) throw new Error(`Mbar must be a non-negative number, got ${mbar}`);
  const alpha = options.alpha ?? 0.05;
  const hybrid: HybridOptions = { alpha, kappa: alpha / 10, sims: options.sims ?? 1000, seed: options.seed ?? 0 };
  const lv = Float64Array.from(l);
  // Work in units of sd(l'betahat_post): every step is positively homogeneous, so this only
  // puts the solver's tolerances on the scale of the problem.
  let v = 0;
  for (let i = 0; i < q; i++) for (let j = 0; j < q; j++) v += lv[i] * inputs.sigma.v[(p + i) * inputs.sigma.c + p + j] * lv[j];
  const sdTheta = Math.sqrt(v);
  const c = sdTheta > 0 ? 1 / sdTheta : 1;
  const scaled: HonestInputs = { ...inputs, betahat: inputs.betahat.map((b) => b * c), sigma: mat(inputs.sigma.r, inputs.sigma.c, inputs.sigma.v.map((s) => s * c * c)) };
  const gamma = gammaMatrix(lv);
  const gammaInv = luInverse(gamma.v, q);
  if (!gammaInv) throw new Error('relative magnitudes: the target weights l are all zero');
  return { c, sdScaled: sdTheta * c, scaled, comps: components(scaled, mbar, options.preChanges ?? 'all'), hybrid, gammaInv, l: lv };
}

/** The hybrid test of one polyhedron (caller disposes). */
function componentTest(pr: Prepared, comp: Component): ArpTest {
  const { numPre: p, numPost: q } = pr.scaled;
  const a = comp.a;
  const aPost = mat(a.r, q);
  for (let i = 0; i < a.r; i++) for (let j = 0; j < q; j++) aPost.v[i * q + j] = a.v[i * a.c + p + j];
  const agi = matMul(aPost, mat(q, q, pr.gammaInv));
  const a1 = Float64Array.from({ length: a.r }, (_, i) => agi.v[i * q]);
  const x = mat(a.r, q - 1);
  for (let i = 0; i < a.r; i++) for (let j = 1; j < q; j++) x.v[i * (q - 1) + j - 1] = agi.v[i * q + j];
  const y = matVecMul(a, pr.scaled.betahat);
  const sigmaY = matMul(matMul(a, pr.scaled.sigma), transpose(a));
  // HonestDiD (postPeriodMomentsOnly): the rows that involve a post period.
  const rows: number[] = [];
  for (let i = 0; i < a.r; i++) {
    let any = false;
    for (let j = 0; j < q; j++) if (a.v[i * a.c + p + j] !== 0) any = true;
    if (any) rows.push(i);
  }
  return new ArpTest({ y, a1, x, sigmaY, rows }, pr.hybrid);
}

/** The C-LF confidence set for theta = l'tau_post under Delta^RM(Mbar). */
export function rmConfidenceSet(inputs: HonestInputs, l: ArrayLike<number>, mbar: number, options: RmOptions = {}): RmResult {
  const pr = prepare(inputs, l, mbar, options);
  const gridPoints = options.gridPoints ?? 1000;
  let idLb = Infinity;
  let idUb = -Infinity;
  for (const comp of pr.comps) {
    const id = identifiedSet(pr.scaled, pr.l, comp.a);
    idLb = Math.min(idLb, id.lb);
    idUb = Math.max(idUb, id.ub);
  }
  const lo = idLb - 20 * pr.sdScaled;
  const hi = idUb + 20 * pr.sdScaled;
  const grid = Float64Array.from({ length: gridPoints }, (_, i) => (gridPoints === 1 ? lo : lo + ((hi - lo) * i) / (gridPoints - 1)));
  let best: [number, number] | null = null;
  for (const comp of pr.comps) {
    const test = componentTest(pr, comp);
    try {
      const iv = componentInterval(test, grid, best);
      if (iv) best = best ? [Math.min(best[0], iv[0]), Math.max(best[1], iv[1])] : iv;
    } finally {
      test.dispose();
    }
  }
  const c = pr.c;
  return { mbar, lb: best ? grid[best[0]] / c : null, ub: best ? grid[best[1]] / c : null, idLb: idLb / c, idUb: idUb / c };
}

/**
 * Is theta = value inside the Delta^RM(Mbar) confidence set, i.e. accepted under some
 * polyhedron? (The test inverted directly, without the grid: used for the breakdown value.)
 */
export function rmAccepts(inputs: HonestInputs, l: ArrayLike<number>, mbar: number, value: number, options: RmOptions = {}): boolean {
  const pr = prepare(inputs, l, mbar, options);
  for (const comp of pr.comps) {
    const test = componentTest(pr, comp);
    try {
      if (test.accepts(value * pr.c)) return true;
    } finally {
      test.dispose();
    }
  }
  return false;
}
