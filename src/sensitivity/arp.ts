/**
 * The conditional least-favourable hybrid test of Andrews, Roth & Pakes (2023, "Inference for
 * linear conditional moment inequalities") for moment inequalities with linear nuisance
 * parameters, as Rambachan & Roth (2023, sec. 3) use it for polyhedral restrictions on the
 * trend violation. For a hypothesised theta the moments are
 *
 *   y(theta) = A betahat - d - a1 theta,  H0: exists tau with E[y(theta)] - X tau <= 0,
 *
 * and the statistic is eta* = min_{eta, tau} eta s.t. y - X tau <= eta sd (sd: standard
 * deviations of y), a linear program (HiGHS). The test rejects if eta* exceeds the
 * least-favourable critical value at size kappa (first stage, simulated), or else if eta* /
 * sigma_B exceeds the 1 - (alpha - kappa)/(1 - kappa) quantile of a normal truncated to
 * [v_lo, min(v_up, cv_LF)] / sigma_B, conditioning on the binding moments (closed form when
 * the LP's optimal vertex is non-degenerate, otherwise by the dual programs).
 *
 * Follows HonestDiD (R) and its Python port step by step; two choices differ and are exact
 * shortcuts, not approximations:
 * - the least-favourable critical value solves the 1000 simulated LPs only for the draws that
 *   can reach the top of the sample (each eta(xi) is at most max_i xi_i / sd_i), and
 * - v_lo and v_up in the degenerate case are found by the finite Newton steps on the convex
 *   piecewise-linear value function that HonestDiD starts with, without its closing bisection
 *   (which only moves the end by less than its 1e-6 tolerance).
 */
import { luInverse } from '../estimate/linalg';
import { Rng } from '../random/rng';
import { dot, mat, matVecMul, psdCholesky, quad, rank, sub, type Mat } from './matrix';
import { truncatedNormalQuantile } from './normal';
import { Program } from './solver';

export interface ArpProblem {
  /** A betahat - d, all rows of A. */
  readonly y: Float64Array;
  /** Coefficient of theta in each row. */
  readonly a1: Float64Array;
  /** Nuisance coefficients per row (rows x k; k may be 0). */
  readonly x: Mat;
  /** Covariance of y: A Sigma A'. */
  readonly sigmaY: Mat;
  /** Rows the test uses (HonestDiD: the rows involving post periods). */
  readonly rows: readonly number[];
}

export interface HybridOptions {
  readonly alpha: number;
  /** First-stage size (HonestDiD: alpha / 10). */
  readonly kappa: number;
  /** Simulation draws for the least-favourable critical value (HonestDiD: 1000). */
  readonly sims: number;
  readonly seed: number;
}

const TOL_LAMBDA = 1e-6;
const TOL_EQ = 1e-6;
const EPS = 2.220446049250313e-16;
const ROUND_EPS = Math.pow(EPS, 3 / 4);

/** numpy's default (linear) quantile of a sorted sample. */
function quantileLinear(sorted: ArrayLike<number>, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

/** Least-favourable critical values by problem (the same moments recur across polyhedra and Mbar). */
const LF_CACHE = new Map<string, number>();

export class ArpTest {
  private readonly y: Float64Array;
  private readonly a1: Float64Array;
  private readonly x: Mat;
  private readonly s: Mat;
  private readonly sd: Float64Array;
  private readonly m: number;
  private readonly k: number;
  private readonly lp: Program;
  private lf: number | null = null;
  private lfUpper: number | null = null;
  private draws: Float64Array | null = null;
  private dual: Program | null = null;

  constructor(problem: ArpProblem, private readonly opts: HybridOptions) {
    const rows = problem.rows;
    this.m = rows.length;
    this.k = problem.x.c;
    this.y = Float64Array.from(rows, (i) => problem.y[i]);
    this.a1 = Float64Array.from(rows, (i) => problem.a1[i]);
    this.x = sub(problem.x, rows, Array.from({ length: this.k }, (_, j) => j));
    this.s = sub(problem.sigmaY, rows, rows);
    this.sd = Float64Array.from({ length: this.m }, (_, i) => Math.sqrt(this.s.v[i * this.m + i]));
    // min eta s.t. sd_i eta + X_i tau >= y_i(theta)
    this.lp = new Program({
      numCols: 1 + this.k,
      numRows: this.m,
      cost: Float64Array.from({ length: 1 + this.k }, (_, j) => (j === 0 ? 1 : 0)),
      rows: this.wRows(),
      rowLower: this.y,
      rowUpper: new Float64Array(this.m).fill(Infinity),
    });
  }

  /** Row-major W = [sd, X]. */
  private wRows(): Float64Array {
    const k1 = 1 + this.k;
    const w = new Float64Array(this.m * k1);
    for (let i = 0; i < this.m; i++) {
      w[i * k1] = this.sd[i];
      for (let j = 0; j < this.k; j++) w[i * k1 + 1 + j] = this.x.v[i * this.k + j];
    }
    return w;
  }

  private yAt(theta: number): Float64Array {
    return Float64Array.from(this.y, (v, i) => v - this.a1[i] * theta);
  }

  /** The smallest statistic over all theta and the theta attaining it (a joint LP). */
  minEta(): { eta: number; theta: number } | null {
    const k1 = 1 + this.k;
    const rows = new Float64Array(this.m * (k1 + 1));
    const w = this.wRows();
    for (let i = 0; i < this.m; i++) {
      for (let j = 0; j < k1; j++) rows[i * (k1 + 1) + j] = w[i * k1 + j];
      rows[i * (k1 + 1) + k1] = this.a1[i];
    }
    const p = new Program({ numCols: k1 + 1, numRows: this.m, cost: Float64Array.from({ length: k1 + 1 }, (_, j) => (j === 0 ? 1 : 0)), rows, rowLower: this.y, rowUpper: new Float64Array(this.m).fill(Infinity) });
    try {
      const r = p.solve();
      return r.status === 'optimal' ? { eta: r.x[0], theta: r.x[k1] } : null;
    } finally {
      p.dispose();
    }
  }

  private simulated(): Float64Array {
    if (this.draws) return this.draws;
    const rng = new Rng(this.opts.seed);
    const l = psdCholesky(this.s);
    const n = this.opts.sims;
    const out = new Float64Array(n * this.m);
    const z = new Float64Array(this.m);
    for (let d = 0; d < n; d++) {
      for (let i = 0; i < this.m; i++) z[i] = rng.normal();
      for (let i = 0; i < this.m; i++) {
        let v = 0;
        for (let j = 0; j <= i; j++) v += l.v[i * this.m + j] * z[j];
        out[d * this.m + i] = v;
      }
    }
    this.draws = out;
    return out;
  }

  /** An upper bound on the least-favourable critical value (tau = 0 in every draw). */
  lfUpperBound(): number {
    if (this.lfUpper !== null) return this.lfUpper;
    const d = this.simulated();
    const n = this.opts.sims;
    const ub = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      let mx = -Infinity;
      for (let i = 0; i < this.m; i++) if (this.sd[i] > 0) mx = Math.max(mx, d[r * this.m + i] / this.sd[i]);
      ub[r] = mx;
    }
    this.lfUpper = quantileLinear(Float64Array.from(ub).sort(), 1 - this.opts.kappa);
    return this.lfUpper;
  }

  /**
   * The least-favourable critical value: the 1 - kappa quantile of eta(xi), xi ~ N(0, Sigma_Y).
   * Only the draws whose upper bound max_i xi_i/sd_i can still reach the order statistics the
   * quantile uses are solved; the result equals solving all of them.
   */
  lfCv(): number {
    if (this.lf !== null) return this.lf;
    const key = this.cacheKey();
    const hit = LF_CACHE.get(key);
    if (hit !== undefined) return (this.lf = hit);
    this.lf = this.computeLfCv();
    LF_CACHE.set(key, this.lf);
    if (LF_CACHE.size > 512) LF_CACHE.delete(LF_CACHE.keys().next().value as string);
    return this.lf;
  }

  /** The critical value depends only on X, Sigma_Y (rows used) and the draws' settings. */
  private cacheKey(): string {
    return [this.opts.seed, this.opts.sims, this.opts.kappa, this.m, this.k, Array.from(this.x.v).join(','), Array.from(this.s.v).join(',')].join('|');
  }

  private computeLfCv(): number {
    const d = this.simulated();
    const n = this.opts.sims;
    const m = this.m;
    const k = this.k;
    // Upper bounds: eta(xi) <= max_i (xi_i - X_i tau)/sd_i for any tau; tau = 0 and the
    // weighted least-squares tau of the draw.
    const ub = new Float64Array(n);
    const wls = this.wlsMap();
    const tau = new Float64Array(k);
    const bound = (xi: ArrayLike<number>, t: ArrayLike<number> | null): number => {
      let mx = -Infinity;
      for (let i = 0; i < m; i++) {
        if (!(this.sd[i] > 0)) continue;
        let v = xi[i];
        if (t) for (let j = 0; j < k; j++) v -= this.x.v[i * k + j] * t[j];
        mx = Math.max(mx, v / this.sd[i]);
      }
      return mx;
    };
    for (let r = 0; r < n; r++) {
      const xi = d.subarray(r * m, (r + 1) * m);
      let b = bound(xi, null);
      if (wls) {
        for (let j = 0; j < k; j++) {
          let v = 0;
          for (let i = 0; i < m; i++) v += wls[j * m + i] * xi[i];
          tau[j] = v;
        }
        b = Math.min(b, bound(xi, tau));
      }
      ub[r] = b;
    }
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => ub[b] - ub[a]);
    const pos = (n - 1) * (1 - this.opts.kappa);
    const need = n - Math.floor(pos); // top order statistics the quantile reads
    const exact: number[] = [];
    // Optimal duals (lower bounds lambda'xi) and primal taus (upper bounds) of solved draws:
    // when they meet, a draw's eta is known without solving it.
    const duals: Float64Array[] = [];
    const taus: Float64Array[] = [];
    const lp = new Program({
      numCols: 1 + k,
      numRows: m,
      cost: Float64Array.from({ length: 1 + k }, (_, j) => (j === 0 ? 1 : 0)),
      rows: this.wRows(),
      rowLower: new Float64Array(m),
      rowUpper: new Float64Array(m).fill(Infinity),
    });
    const up = new Float64Array(m).fill(Infinity);
    let failed = 0;
    try {
      for (const r of order) {
        if (exact.length >= need) {
          exact.sort((a, b) => b - a);
          if (exact[need - 1] >= ub[r]) break;
        }
        const xi = d.subarray(r * m, (r + 1) * m);
        let lo = -Infinity;
        for (const lam of duals) lo = Math.max(lo, dot(lam, xi));
        let hi = ub[r];
        for (const t of taus) hi = Math.min(hi, bound(xi, t));
        if (hi - lo <= 1e-10 * Math.max(1, Math.abs(hi))) {
          exact.push(hi);
          continue;
        }
        lp.setRowLowers(xi, up);
        const res = lp.solve();
        if (res.status !== 'optimal') {
          failed++;
          continue;
        }
        exact.push(res.x[0]);
        let lam = res.rowDual;
        if (dot(lam, this.sd) < 0) lam = lam.map((v) => -v);
        duals.push(lam);
        taus.push(res.x.slice(1));
      }
    } finally {
      lp.dispose();
    }
    if (failed > 0 && exact.length < need) throw new Error('least-favourable critical value: the simulated programs failed');
    // The unsolved draws lie below the top `need` values; any value below them gives the same
    // quantile (it reads only the top order statistics).
    exact.sort((a, b) => b - a);
    const full = new Float64Array(n - failed).fill(-Infinity);
    for (let i = 0; i < exact.length && i < full.length; i++) full[full.length - 1 - i] = exact[i];
    return quantileLinear(full, 1 - this.opts.kappa);
  }

  /** (X'D^-2X)^-1 X'D^-2 (k x m), D = diag(sd); null when k = 0 or singular. */
  private wlsMap(): Float64Array | null {
    const { m, k } = this;
    if (k === 0) return null;
    const xtx = new Float64Array(k * k);
    for (let a = 0; a < k; a++)
      for (let b = 0; b < k; b++) {
        let v = 0;
        for (let i = 0; i < m; i++) if (this.sd[i] > 0) v += (this.x.v[i * k + a] * this.x.v[i * k + b]) / (this.sd[i] * this.sd[i]);
        xtx[a * k + b] = v;
      }
    const inv = luInverse(xtx, k);
    if (!inv) return null;
    const out = new Float64Array(k * m);
    for (let j = 0; j < k; j++)
      for (let i = 0; i < m; i++) {
        if (!(this.sd[i] > 0)) continue;
        let v = 0;
        for (let a = 0; a < k; a++) v += inv[j * k + a] * this.x.v[i * k + a];
        out[j * m + i] = v / (this.sd[i] * this.sd[i]);
      }
    return out;
  }

  /** Does the hybrid test accept theta? */
  accepts(theta: number): boolean {
    const yt = this.yAt(theta);
    this.lp.setRowLowers(yt, new Float64Array(this.m).fill(Infinity));
    const sol = this.lp.solve();
    if (sol.status !== 'optimal') return true; // HonestDiD: a failed program does not reject
    const eta = sol.x[0];
    let lambda = sol.rowDual;
    // Duals of the lower-bounded rows: normalise the sign so that sum lambda_i sd_i = 1.
    if (dot(lambda, this.sd) < 0) lambda = lambda.map((v) => -v);
    const { alpha, kappa } = this.opts;
    if (eta > this.lfCv()) return false;
    const modSize = (alpha - kappa) / (1 - kappa);
    const b: number[] = [];
    const bc: number[] = [];
    for (let i = 0; i < this.m; i++) (lambda[i] > TOL_LAMBDA ? b : bc).push(i);
    const degenerate = b.length !== this.k + 1;
    let fullRank = false;
    if (b.length > 0 && this.k > 0) {
      const xb = sub(this.x, b, Array.from({ length: this.k }, (_, j) => j));
      fullRank = rank(xb) === Math.min(xb.r, xb.c);
    } else if (this.k === 0) fullRank = b.length > 0;
    const lf = this.lfCv();
    let maxstat: number;
    let zlo: number;
    let zup: number;
    if (!fullRank || degenerate) {
      const gamma = lambda;
      const sg = quad(gamma, this.s);
      if (Math.abs(sg) < EPS) return !(eta > 0);
      const sigmaB = Math.sqrt(sg);
      const sGamma = matVecMul(this.s, gamma);
      const gy = dot(gamma, yt);
      const st = Float64Array.from(yt, (v, i) => v - (sGamma[i] * gy) / sg);
      const { vlo, vup } = this.vloVupDual(eta, st, gamma, sg, sGamma);
      maxstat = eta / sigmaB;
      zlo = vlo / sigmaB;
      zup = Math.min(vup, lf) / sigmaB;
    } else {
      const k1 = this.k + 1;
      const wb = mat(k1, k1);
      b.forEach((i, r) => {
        wb.v[r * k1] = this.sd[i];
        for (let j = 0; j < this.k; j++) wb.v[r * k1 + 1 + j] = this.x.v[i * this.k + j];
      });
      const wbInv = luInverse(wb.v, k1);
      if (!wbInv) return true;
      // v_b = S_b' (W_b^-1)' e1: row 0 of W_b^-1 placed on the binding rows.
      const vb = new Float64Array(this.m);
      b.forEach((i, r) => (vb[i] = wbInv[0 * k1 + r]));
      const s2 = quad(vb, this.s);
      const sigmaB = Math.sqrt(s2);
      const svb = matVecMul(this.s, vb);
      const vby = dot(vb, yt);
      // Gamma_B = W_bc W_b^-1 S_b - S_bc: for non-binding row c, gamma_c = (W_c W_b^-1) on B, -1 on c.
      let vlo = -Infinity;
      let vup = Infinity;
      for (const c of bc) {
        const wc = new Float64Array(k1);
        wc[0] = this.sd[c];
        for (let j = 0; j < this.k; j++) wc[1 + j] = this.x.v[c * this.k + j];
        const coef = new Float64Array(k1); // wc W_b^-1
        for (let r = 0; r < k1; r++) {
          let s = 0;
          for (let q = 0; q < k1; q++) s += wc[q] * wbInv[q * k1 + r];
          coef[r] = s;
        }
        let gS = -svb[c];
        let gy = -yt[c];
        b.forEach((i, r) => {
          gS += coef[r] * svb[i];
          gy += coef[r] * yt[i];
        });
        const rho = gS / s2;
        const val = -gy / rho + vby;
        if (rho > 0) vlo = Math.max(vlo, val);
        else if (rho < 0) vup = Math.min(vup, val);
      }
      maxstat = eta / sigmaB;
      zlo = vlo / sigmaB;
      zup = Math.min(vup, lf) / sigmaB;
    }
    if (!(zlo <= maxstat && maxstat <= zup)) return true;
    const cval = Math.max(0, truncatedNormalQuantile(1 - modSize, zlo, zup));
    return !(maxstat > cval);
  }

  /**
   * v_lo and v_up of the degenerate case (ARP's dual approach): the ends of {c : V(c) = c},
   * V(c) = max { (s + Sigma gamma c / gamma'Sigma gamma)'x : W'x = e1, x >= 0 }.
   */
  private vloVupDual(eta: number, st: Float64Array, gamma: Float64Array, sg: number, sGamma: Float64Array): { vlo: number; vup: number } {
    const k1 = this.k + 1;
    const m = this.m;
    const bvec = Float64Array.from(sGamma, (v) => v / sg);
    // x >= 0 (columns = moments), rows: W'x = e1; the same program for every test of this
    // polyhedron, only the costs change.
    if (!this.dual) {
      const w = this.wRows();
      const rows = new Float64Array(k1 * m);
      for (let j = 0; j < k1; j++) for (let i = 0; i < m; i++) rows[j * m + i] = w[i * k1 + j];
      const e1 = Float64Array.from({ length: k1 }, (_, j) => (j === 0 ? 1 : 0));
      this.dual = new Program({ numCols: m, numRows: k1, cost: new Float64Array(m), colLower: new Float64Array(m), colUpper: new Float64Array(m).fill(Infinity), rows, rowLower: e1, rowUpper: e1 });
    }
    const p = this.dual;
    const check = (c: number): { ok: boolean; sol: boolean; x: Float64Array } => {
      p.setCosts(Float64Array.from(st, (v, i) => -(v + bvec[i] * c)));
      const r = p.solve();
      if (r.status !== 'optimal') return { ok: false, sol: false, x: r.x };
      return { ok: true, sol: Math.abs(c - -r.objective) <= TOL_EQ, x: r.x };
    };
    const newton = (x: Float64Array): number => {
      const sx = dot(x, st);
      return (Math.abs(sx) < ROUND_EPS ? 0 : sx) / (1 - dot(x, bvec));
    };
    {
      const sigmaB = Math.sqrt(sg);
      if (!check(eta).sol) return { vlo: eta, vup: Infinity };
      const end = (start: number, up: boolean): number => {
        let r = check(start);
        if (r.sol) return up ? Infinity : -Infinity;
        let mid = r.ok ? newton(r.x) : start;
        let found = false;
        for (let it = 1; it < 10; it++) {
          r = check(mid);
          if (r.sol) {
            found = true;
            break;
          }
          if (r.ok) mid = newton(r.x);
          else break;
        }
        if (found) return mid;
        // Bisection between eta (a solution) and mid (not), as HonestDiD.
        let lo = up ? eta : mid;
        let hi = up ? mid : eta;
        for (let it = 0; it < 10000 && hi - lo > 1e-6; it++) {
          const c = 0.5 * (lo + hi);
          const isSol = check(c).sol;
          if (up) {
            if (isSol) lo = c;
            else hi = c;
          } else if (isSol) hi = c;
          else lo = c;
        }
        return up ? lo : hi;
      };
      const vup = end(Math.max(100, eta + 20 * sigmaB), true);
        const vlo = end(Math.min(-100, eta - 20 * sigmaB), false);
      return { vlo, vup };
    }
  }

  dispose(): void {
    this.lp.dispose();
    this.dual?.dispose();
  }
}
