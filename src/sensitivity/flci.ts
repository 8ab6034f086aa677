/**
 * Fixed-length confidence intervals (FLCI) under smoothness restrictions Delta^SD(M): the slope
 * of the differential trend changes by at most M per period (Rambachan & Roth 2023, sec. 3.2,
 * after Armstrong & Kolesár 2018).
 *
 * The interval is (v'betahat) +- chi with an affine estimator v = (l_pre, l) whose pre-period
 * weights are chosen to minimise the half-length chi = sd(v) * cv_alpha(M * bias(v) / sd(v)),
 * cv_alpha(b) the 1 - alpha quantile of |N(b, 1)|. As in HonestDiD the pre weights are
 * parameterised by w (l_pre = first differences of w, sum w = sum_s s l_s, which makes the
 * worst-case bias finite); the worst-case bias per unit M is then
 *   bias(w) = c(l) + sum_s |w_1 + ... + w_s|.
 *
 * HonestDiD searches the standard deviation h (golden section) and solves, for each h, a
 * second-order-cone program (least bias with sd <= h). HiGHS has no quadratic constraints, so
 * we walk the same frontier from the other side: for a bias budget B, the least variance is a
 * convex QP (quadratic objective, linear constraints) that HiGHS solves. The frontier h(B) is
 * convex and decreasing (it bounds a convex set from below), and chi(b, h) = h cv(b / h) is
 * convex and increasing in both arguments, so chi(M B, h(B)) is convex in B: a golden-section
 * search over B in [least bias, bias of the least-variance estimator] finds the optimum that
 * HonestDiD's search over h finds.
 */
import type { HonestInputs } from './inputs';
import { mat, quad, type Mat } from './matrix';
import { foldedNormalQuantile } from './normal';
import { Program } from './solver';

export interface FlciResult {
  readonly m: number;
  readonly lb: number;
  readonly ub: number;
  readonly halfLength: number;
  /** Weights of the affine estimator over all periods (pre, then post). */
  readonly weights: Float64Array;
  /** Worst-case bias per unit M and standard deviation of the chosen estimator. */
  readonly bias: number;
  readonly sd: number;
}

/** The bias/variance frontier of the affine estimators of l'tau_post, for any M. */
export class FlciFrontier {
  private readonly p: number;
  private readonly q: number;
  private readonly l: Float64Array;
  private readonly sigma: Mat;
  private readonly scale: number;
  private readonly program: Program;
  private readonly target: number;
  readonly biasConstant: number;
  /** Least worst-case bias (per unit M) and the sd of the estimator attaining it. */
  readonly minBias: number;
  readonly sdAtMinBias: number;
  /** Least sd and the worst-case bias (per unit M) of that estimator. */
  readonly minSd: number;
  readonly biasAtMinSd: number;
  private readonly wAtMinSd: Float64Array;

  constructor(private readonly inputs: HonestInputs, l: ArrayLike<number>) {
    const p = (this.p = inputs.numPre);
    const q = (this.q = inputs.numPost);
    if (p < 1) throw new Error('FLCI needs at least one pre-period besides the reference');
    this.l = Float64Array.from(l);
    this.sigma = inputs.sigma;
    // Rescale the covariance to order one for the solver's tolerances; weights do not change.
    this.scale = Math.max(quad(this.l, sub(this.sigma, p, q)), 1e-300);
    // c(l) = sum_{s=1..q} |sum_{j=1..s} j l_{q-s+j}| - sum_s s l_s (HonestDiD's bias constant).
    let c = 0;
    for (let s = 1; s <= q; s++) {
      let t = 0;
      for (let j = 1; j <= s; j++) t += j * this.l[q - s + j - 1];
      c += Math.abs(t);
    }
    let target = 0;
    for (let s = 1; s <= q; s++) target += s * this.l[s - 1];
    this.biasConstant = c - target;
    this.target = target;

    // Variables x = (t_1..t_p, w_1..w_p); rows: cumsum(w) - t <= 0, -cumsum(w) - t <= 0,
    // sum w = target, sum t <= budget (last row, free until a budget is set).
    const k = 2 * p;
    const m = 2 * p + 2;
    const rows = new Float64Array(m * k);
    const lo = new Float64Array(m);
    const up = new Float64Array(m);
    for (let s = 0; s < p; s++) {
      rows[s * k + s] = -1;
      rows[(p + s) * k + s] = -1;
      for (let j = 0; j <= s; j++) {
        rows[s * k + p + j] = 1;
        rows[(p + s) * k + p + j] = -1;
      }
      lo[s] = -Infinity;
      lo[p + s] = -Infinity;
    }
    for (let j = 0; j < p; j++) rows[2 * p * k + p + j] = 1;
    lo[2 * p] = up[2 * p] = target;
    for (let s = 0; s < p; s++) rows[(2 * p + 1) * k + s] = 1;
    lo[2 * p + 1] = -Infinity;
    up[2 * p + 1] = Infinity;
    // Variance in w: l_pre = D w (D: first differences), var = l_pre' S_pp l_pre + 2 l_pre' S_pq l + l' S_qq l.
    const spp = sub(this.sigma, 0, p);
    const hess = new Float64Array(k * k);
    const cost = new Float64Array(k);
    const dT = (i: number, a: number): number => (a === i ? 1 : a === i + 1 ? -1 : 0); // D[a][i]
    const spq = new Float64Array(p);
    for (let a = 0; a < p; a++) for (let j = 0; j < q; j++) spq[a] += this.sigma.v[a * this.sigma.c + p + j] * this.l[j];
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let a = 0; a < p; a++) {
          const da = dT(i, a);
          if (da === 0) continue;
          for (let b = 0; b < p; b++) {
            const db = dT(j, b);
            if (db !== 0) s += da * spp.v[a * p + b] * db;
          }
        }
        hess[(p + i) * k + p + j] = (2 * s) / this.scale;
      }
      let s = 0;
      for (let a = 0; a < p; a++) s += dT(i, a) * spq[a];
      cost[p + i] = (2 * s) / this.scale;
    }
    this.program = new Program({ numCols: k, numRows: m, cost, rows, rowLower: lo, rowUpper: up, hessian: hess });
    // The QP is tiny: HiGHS's default null-space allowance (4000) costs more than the solve.
    this.program.setOption({ qp_nullspace_limit: k + 4 });

    const wMin = new Float64Array(p);
    wMin[p - 1] = target;
    this.minBias = this.biasOf(wMin);
    this.sdAtMinBias = this.sdOf(wMin);
    const free = this.solveBudget(Infinity);
    this.wAtMinSd = free;
    this.minSd = this.sdOf(free);
    this.biasAtMinSd = this.biasOf(free);
  }

  /** Worst-case bias per unit M of the estimator with weights w. */
  biasOf(w: ArrayLike<number>): number {
    let s = 0;
    let c = 0;
    for (let i = 0; i < this.p; i++) {
      c += w[i];
      s += Math.abs(c);
    }
    return this.biasConstant + s;
  }

  /** Pre-period weights l_pre of w. */
  lPre(w: ArrayLike<number>): Float64Array {
    return Float64Array.from({ length: this.p }, (_, i) => w[i] - (i > 0 ? w[i - 1] : 0));
  }

  /** Standard deviation of the estimator with weights w. */
  sdOf(w: ArrayLike<number>): number {
    const v = new Float64Array(this.p + this.q);
    v.set(this.lPre(w), 0);
    v.set(this.l, this.p);
    return Math.sqrt(Math.max(quad(v, this.sigma), 0));
  }

  /** Least-variance w with worst-case bias per unit M at most `budget`. */
  solveBudget(budget: number): Float64Array {
    this.program.setRowBounds(2 * this.p + 1, -Infinity, budget === Infinity ? Infinity : budget - this.biasConstant);
    const r = this.program.solve();
    if (r.status !== 'optimal') throw new Error(`FLCI: the least-variance program at bias budget ${budget} ended ${r.status}`);
    return r.x.slice(this.p);
  }

  /** The FLCI at smoothness bound M. */
  interval(m: number, alpha = 0.05): FlciResult {
    const half = (w: Float64Array): { chi: number; b: number; h: number } => {
      const h = this.sdOf(w);
      const b = this.biasOf(w);
      return { chi: h * foldedNormalQuantile(1 - alpha, (m * b) / h), b, h };
    };
    let best: { w: Float64Array; chi: number; b: number; h: number };
    const lo0 = this.minBias;
    const hi0 = this.biasAtMinSd;
    if (m === 0 || hi0 - lo0 <= 1e-12 * Math.max(1, Math.abs(hi0))) {
      best = { w: this.wAtMinSd, ...half(this.wAtMinSd) };
      if (m > 0) {
        const wb = Float64Array.from({ length: this.p }, (_, i) => (i === this.p - 1 ? this.target : 0));
        const alt = { w: wb, ...half(wb) };
        if (alt.chi < best.chi) best = alt;
      }
    } else {
      const phi = (Math.sqrt(5) - 1) / 2;
      let a = lo0;
      let b = hi0;
      const evalAt = (budget: number) => {
        const w = this.solveBudget(budget);
        return { w, ...half(w) };
      };
      let x1 = b - phi * (b - a);
      let x2 = a + phi * (b - a);
      let f1 = evalAt(x1);
      let f2 = evalAt(x2);
      const tol = 1e-7 * (hi0 - lo0);
      while (b - a > tol) {
        if (f1.chi < f2.chi) {
          b = x2;
          x2 = x1;
          f2 = f1;
          x1 = b - phi * (b - a);
          f1 = evalAt(x1);
        } else {
          a = x1;
          x1 = x2;
          f1 = f2;
          x2 = a + phi * (b - a);
          f2 = evalAt(x2);
        }
      }
      best = f1.chi < f2.chi ? f1 : f2;
      // The ends of the frontier are candidates too (the optimum may sit on either).
      for (const w of [this.wAtMinSd, Float64Array.from({ length: this.p }, (_, i) => (i === this.p - 1 ? this.target : 0))]) {
        const c = { w, ...half(w) };
        if (c.chi < best.chi) best = c;
      }
    }
    const weights = new Float64Array(this.p + this.q);
    weights.set(this.lPre(best.w), 0);
    weights.set(this.l, this.p);
    let centre = 0;
    for (let i = 0; i < weights.length; i++) centre += weights[i] * this.inputs.betahat[i];
    return { m, lb: centre - best.chi, ub: centre + best.chi, halfLength: best.chi, weights, bias: best.b, sd: best.h };
  }

  dispose(): void {
    this.program.dispose();
  }
}

/** Square block of sigma starting at `from`, of size `size`. */
function sub(s: Mat, from: number, size: number): Mat {
  const out = mat(size, size);
  for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) out.v[i * size + j] = s.v[(from + i) * s.c + from + j];
  return out;
}

/** FLCIs for several M (one frontier). */
export function flciIntervals(inputs: HonestInputs, l: ArrayLike<number>, ms: readonly number[], alpha = 0.05): FlciResult[] {
  const f = new FlciFrontier(inputs, l);
  try {
    return ms.map((m) => f.interval(m, alpha));
  } finally {
    f.dispose();
  }
}
