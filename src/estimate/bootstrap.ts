/**
 * Seeded multiplier bootstrap (R did's mboot): B draws of (1/sqrt(n)) sum_i U_bi psi_i for
 * influence-function columns psi, with two-point multipliers U (Rademacher, as R did's
 * BMisc::multiplier_bootstrap; or Mammen, as DRDID's mboot.did), standard errors from the
 * interquartile range, and the sup-t critical value of uniform confidence bands.
 *
 * Speed: U = a + c * bit with one random bit per unit and draw, so sum_i U_i psi_ij =
 * a * sum_i psi_ij + c * sum_{i: bit} psi_ij. The bits of 8 units form a byte, and the 256
 * subset sums of those 8 units' values are tabulated once per block of 16 columns, so each
 * draw adds one table row per 8 units instead of 8 products (16 such tables at a time, summed
 * in registers). The same draws serve every
 * column, so aggregations are bootstrapped as linear combinations of cell draws.
 */
import { Rng } from '../random/rng';
import { qnorm, quantileType1Sorted } from './distributions';

export type MultiplierKind = 'rademacher' | 'mammen';

export interface Multipliers {
  readonly kind: MultiplierKind;
  /** Number of draws. */
  readonly B: number;
  /** Number of resampled entities (units, or clusters). */
  readonly nRows: number;
  /** Bits, draw-major: byte (b * bytesPerDraw + i >> 3), bit i & 7. */
  readonly bits: Uint8Array;
  readonly bytesPerDraw: number;
  /** U = a + c * bit. */
  readonly a: number;
  readonly c: number;
}

const SQRT5 = Math.sqrt(5);

/** Draws B multiplier vectors of length nRows from a seeded Rng. */
export function drawMultipliers(nRows: number, B: number, seed: number, kind: MultiplierKind = 'rademacher'): Multipliers {
  if (!(B >= 1) || B !== Math.round(B)) throw new RangeError(`bootstrap draws must be a positive whole number, got ${B}`);
  const rng = new Rng(seed);
  const bytesPerDraw = (nRows + 7) >> 3;
  const bits = new Uint8Array(B * bytesPerDraw);
  if (kind === 'rademacher') {
    for (let b = 0; b < B; b++) {
      const off = b * bytesPerDraw;
      for (let q = 0; q < bytesPerDraw; q += 4) {
        const u = rng.uint32();
        bits[off + q] = u & 255;
        if (q + 1 < bytesPerDraw) bits[off + q + 1] = (u >>> 8) & 255;
        if (q + 2 < bytesPerDraw) bits[off + q + 2] = (u >>> 16) & 255;
        if (q + 3 < bytesPerDraw) bits[off + q + 3] = (u >>> 24) & 255;
      }
      // Clear the padding bits beyond nRows.
      if (nRows & 7) bits[off + bytesPerDraw - 1] &= (1 << (nRows & 7)) - 1;
    }
    return { kind, B, nRows, bits, bytesPerDraw, a: -1, c: 2 };
  }
  // Mammen: U = (1 - sqrt5)/2 with probability (1 + sqrt5)/(2 sqrt5), else (1 + sqrt5)/2.
  const k1 = 0.5 * (1 - SQRT5);
  const k2 = 0.5 * (1 + SQRT5);
  const p = (0.5 * (1 + SQRT5)) / SQRT5;
  for (let b = 0; b < B; b++) {
    const off = b * bytesPerDraw;
    for (let i = 0; i < nRows; i++) if (rng.uniform() >= p) bits[off + (i >> 3)] |= 1 << (i & 7);
  }
  return { kind, B, nRows, bits, bytesPerDraw, a: k1, c: k2 - k1 };
}

const CHUNK = 16;
/** Blocks of 8 rows whose tables are built together, so each draw sums them in registers. */
const SUPER = 16;

/**
 * sum_i U_bi v_ij for m columns v (column-major nRows x m). Returns B x m, draw-major.
 * NaN in a column makes that column's sums NaN.
 */
export function multiplierSums(mult: Multipliers, cols: Float64Array, m: number): Float64Array {
  const { B, nRows, bits, bytesPerDraw, a, c } = mult;
  if (cols.length !== nRows * m) throw new RangeError('multiplierSums: column matrix has the wrong size');
  const out = new Float64Array(B * m);
  const colSum = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    let s = 0;
    const off = j * nRows;
    for (let i = 0; i < nRows; i++) s += cols[off + i];
    colSum[j] = s;
  }
  const TB = 256 * CHUNK;
  const tables = new Float64Array(SUPER * TB);
  const acc = new Float64Array(B * CHUNK);
  for (let j0 = 0; j0 < m; j0 += CHUNK) {
    const w = Math.min(CHUNK, m - j0);
    acc.fill(0);
    for (let sb = 0; sb < bytesPerDraw; sb += SUPER) {
      const nsb = Math.min(SUPER, bytesPerDraw - sb);
      // tables[q][mask] = sum of block (sb + q)'s rows whose bit is set in mask (unused slots 0).
      for (let q = 0; q < nsb; q++) {
        const tb = q * TB;
        const i0 = (sb + q) << 3;
        const nb = Math.min(8, nRows - i0);
        tables.fill(0, tb, tb + TB);
        for (let mask = 1; mask < 1 << nb; mask++) {
          const low = mask & -mask;
          const row = i0 + 31 - Math.clz32(low);
          const prev = tb + (mask ^ low) * CHUNK;
          const cur = tb + mask * CHUNK;
          for (let z = 0; z < w; z++) tables[cur + z] = tables[prev + z] + cols[(j0 + z) * nRows + row];
        }
      }
      for (let b = 0; b < B; b++) {
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        let s4 = 0;
        let s5 = 0;
        let s6 = 0;
        let s7 = 0;
        let s8 = 0;
        let s9 = 0;
        let s10 = 0;
        let s11 = 0;
        let s12 = 0;
        let s13 = 0;
        let s14 = 0;
        let s15 = 0;
        const bb = b * bytesPerDraw + sb;
        for (let q = 0; q < nsb; q++) {
          const t = q * TB + bits[bb + q] * CHUNK;
          s0 += tables[t];
          s1 += tables[t + 1];
          s2 += tables[t + 2];
          s3 += tables[t + 3];
          s4 += tables[t + 4];
          s5 += tables[t + 5];
          s6 += tables[t + 6];
          s7 += tables[t + 7];
          s8 += tables[t + 8];
          s9 += tables[t + 9];
          s10 += tables[t + 10];
          s11 += tables[t + 11];
          s12 += tables[t + 12];
          s13 += tables[t + 13];
          s14 += tables[t + 14];
          s15 += tables[t + 15];
        }
        const o = b * CHUNK;
        acc[o] += s0;
        acc[o + 1] += s1;
        acc[o + 2] += s2;
        acc[o + 3] += s3;
        acc[o + 4] += s4;
        acc[o + 5] += s5;
        acc[o + 6] += s6;
        acc[o + 7] += s7;
        acc[o + 8] += s8;
        acc[o + 9] += s9;
        acc[o + 10] += s10;
        acc[o + 11] += s11;
        acc[o + 12] += s12;
        acc[o + 13] += s13;
        acc[o + 14] += s14;
        acc[o + 15] += s15;
      }
    }
    for (let b = 0; b < B; b++) for (let q = 0; q < w; q++) out[b * m + j0 + q] = a * colSum[j0 + q] + c * acc[b * CHUNK + q];
  }
  return out;
}

/** Sums the rows of a column-major n x m matrix within clusters (codes 0 .. nClusters-1). */
export function clusterSums(cols: Float64Array, n: number, m: number, clusterCode: Int32Array, nClusters: number): Float64Array {
  const out = new Float64Array(nClusters * m);
  for (let j = 0; j < m; j++) {
    const src = j * n;
    const dst = j * nClusters;
    for (let i = 0; i < n; i++) out[dst + clusterCode[i]] += cols[src + i];
  }
  return out;
}

export interface BootstrapSummary {
  /** Bootstrap standard errors (NaN for degenerate columns). */
  readonly se: Float64Array;
  /** Sup-t critical value over the non-degenerate columns (NaN if none). */
  readonly crit: number;
}

const IQR_NORM = qnorm(0.75) - qnorm(0.25);
const SMALL = Math.sqrt(2.220446049250313e-16) * 10;

/**
 * Standard errors and uniform critical value from multiplier sums (B x m, draw-major), as R
 * did's mboot: bres = sums / sqrt(nRows); se = IQR(bres)/(q.75 - q.25) * sqrt(nRows) / n;
 * degenerate columns (NA or sum of squares <= sqrt(eps) * 10) are dropped.
 */
export function summariseDraws(sums: Float64Array, B: number, m: number, nRows: number, nUnits: number, alpha: number): BootstrapSummary {
  const root = Math.sqrt(nRows);
  const se = new Float64Array(m).fill(NaN);
  const sigma = new Float64Array(m).fill(NaN);
  const col = new Float64Array(B);
  for (let j = 0; j < m; j++) {
    let s = 0;
    let s2 = 0;
    for (let b = 0; b < B; b++) {
      const v = sums[b * m + j] / root;
      col[b] = v;
      s += v;
      s2 += v * v;
    }
    if (Number.isNaN(s) || !(s2 > SMALL)) continue;
    col.sort();
    const bs = (quantileType1Sorted(col, 0.75) - quantileType1Sorted(col, 0.25)) / IQR_NORM;
    // Columns with a (numerically) zero scale do not enter the sup-t statistic (R sets them NA).
    sigma[j] = bs > SMALL ? bs : NaN;
    se[j] = (bs * root) / nUnits;
  }
  const bT: number[] = [];
  for (let b = 0; b < B; b++) {
    let mx = -Infinity;
    for (let j = 0; j < m; j++) {
      if (Number.isNaN(sigma[j])) continue;
      const v = Math.abs(sums[b * m + j] / root / sigma[j]);
      if (!Number.isNaN(v) && v > mx) mx = v;
    }
    if (Number.isFinite(mx)) bT.push(mx);
  }
  bT.sort((x, y) => x - y);
  return { se, crit: quantileType1Sorted(bT, 1 - alpha) };
}
