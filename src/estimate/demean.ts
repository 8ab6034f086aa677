/**
 * The within transformation for unit and time fixed effects on an unbalanced panel, by
 * alternating projections (Gaure 2013; what fixest and reghdfe do): subtract unit means,
 * then time means, and repeat until the time means left over are below `tol` times the
 * column's scale. The last step is always a unit demeaning, so unit means are exactly 0
 * (a unit observed once becomes 0, as in fixest) and time means are 0 to within `tol`.
 * A balanced panel converges after one sweep.
 */

export interface TwoWayIndex {
  /** Dense unit index per observation, 0 .. nUnits − 1. */
  unit: Int32Array;
  nUnits: number;
  /** Dense time index per observation, 0 .. nTimes − 1. */
  time: Int32Array;
  nTimes: number;
}

export interface DemeanOptions {
  /** Stop when max |time mean| ≤ tol · max |x|. Default 1e-13. */
  tol?: number;
  /** Default 100 000 sweeps. */
  maxIter?: number;
}

export interface Demeaned {
  values: Float64Array;
  iterations: number;
  converged: boolean;
}

function counts(index: Int32Array, size: number): Float64Array {
  const c = new Float64Array(size);
  for (let i = 0; i < index.length; i++) c[index[i]]++;
  return c;
}

/** Subtracts the group means of `v` in place; returns the largest |mean| removed. */
function subtractGroupMeans(v: Float64Array, index: Int32Array, count: Float64Array, sums: Float64Array): number {
  sums.fill(0);
  for (let i = 0; i < v.length; i++) sums[index[i]] += v[i];
  let largest = 0;
  for (let g = 0; g < sums.length; g++) {
    sums[g] = count[g] > 0 ? sums[g] / count[g] : 0;
    const a = Math.abs(sums[g]);
    if (a > largest) largest = a;
  }
  for (let i = 0; i < v.length; i++) v[i] -= sums[index[i]];
  return largest;
}

/** Two-way demeaned copy of `x` (x itself is not changed). */
export function demeanTwoWay(x: Float64Array, idx: TwoWayIndex, opts: DemeanOptions = {}): Demeaned {
  const tol = opts.tol ?? 1e-13;
  const maxIter = opts.maxIter ?? 100_000;
  const n = x.length;
  if (idx.unit.length !== n || idx.time.length !== n) {
    throw new RangeError(`demeanTwoWay: ${n} values but ${idx.unit.length} unit and ${idx.time.length} time indices`);
  }
  const unitCount = counts(idx.unit, idx.nUnits);
  const timeCount = counts(idx.time, idx.nTimes);
  const unitSums = new Float64Array(idx.nUnits);
  const timeSums = new Float64Array(idx.nTimes);
  const v = Float64Array.from(x);
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(v[i]));
  const threshold = tol * (scale > 0 ? scale : 1);
  subtractGroupMeans(v, idx.unit, unitCount, unitSums);
  for (let it = 1; it <= maxIter; it++) {
    const leftover = subtractGroupMeans(v, idx.time, timeCount, timeSums);
    subtractGroupMeans(v, idx.unit, unitCount, unitSums);
    if (leftover <= threshold) return { values: v, iterations: it, converged: true };
  }
  return { values: v, iterations: maxIter, converged: false };
}
