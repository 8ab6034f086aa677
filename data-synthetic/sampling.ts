/**
 * Sampling helpers shared by the generators: independent seeded streams per purpose, and
 * draws with exact counts (the published counts — 560 of 860, 332 of 541 — must come out
 * exactly, not just on average).
 */
import { Rng } from '../src/random/rng';

/** A 32-bit seed for a named stream, so adding a stream never shifts another one's numbers. */
export function deriveSeed(seed: number, name: string): number {
  let h = (seed >>> 0) ^ 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}

export function streamRng(seed: number, name: string): Rng {
  return new Rng(deriveSeed(seed, name));
}

/**
 * Exactly `k` of the indices 0..n-1, chosen with probability increasing in `weight`
 * (Efraimidis–Spirakis keys u^(1/w)); returns a 0/1 mask.
 */
export function chooseExactly(rng: Rng, n: number, k: number, weight?: (i: number) => number): Uint8Array {
  if (k < 0 || k > n) throw new RangeError(`chooseExactly: cannot choose ${k} of ${n}`);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const w = weight ? weight(i) : 1;
    if (!(w > 0)) throw new RangeError(`chooseExactly: weight ${i} is ${w}`);
    keys[i] = Math.log(rng.uniform() + 1e-300) / w;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[b] - keys[a] || a - b);
  const mask = new Uint8Array(n);
  for (let j = 0; j < k; j++) mask[order[j]] = 1;
  return mask;
}

/**
 * Assigns exact counts of categories to n items in random order: counts[c] items get c.
 * Optional per-item weights tilt who gets which category (weights[c](i) > 0).
 */
export function assignExactCounts(rng: Rng, n: number, counts: readonly number[], weights?: readonly ((i: number) => number)[]): Int32Array {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total !== n) throw new RangeError(`assignExactCounts: counts sum to ${total}, not ${n}`);
  const out = new Int32Array(n).fill(-1);
  let remaining = Array.from({ length: n }, (_, i) => i);
  for (let c = 0; c < counts.length - 1; c++) {
    const w = weights?.[c];
    const mask = chooseExactly(rng, remaining.length, counts[c], w ? (j) => w(remaining[j]) : undefined);
    const next: number[] = [];
    remaining.forEach((item, j) => (mask[j] ? (out[item] = c) : next.push(item)));
    remaining = next;
  }
  for (const item of remaining) out[item] = counts.length - 1;
  return out;
}

/** Largest-remainder rounding of shares to integer counts summing to n. */
export function exactCounts(n: number, shares: readonly number[]): number[] {
  const s = shares.reduce((a, b) => a + b, 0);
  const raw = shares.map((x) => (x / s) * n);
  const counts = raw.map(Math.floor);
  let left = n - counts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let j = 0; left > 0; j++, left--) counts[order[j][1]]++;
  return counts;
}

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

export function daysInMonth(monthCode: number): number {
  const y = Math.floor(monthCode / 12);
  const m = monthCode - y * 12; // 0-based
  return new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
}

/** Standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const q0 = clamp(p, 1e-12, 1 - 1e-12);
  if (q0 < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(q0));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (q0 > 1 - 0.02425) {
    const q = Math.sqrt(-2 * Math.log(1 - q0));
    return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const q = q0 - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}
