/**
 * The Wald pre-test's covariance: the Gram matrix of the pre-treatment influence-function
 * columns (q columns of n entries each, q ~ 350 and n up to millions: q^2 n / 2 multiply-adds,
 * the largest single product of a run). JavaScript's scalar loop reaches about 1.5 G
 * multiply-adds per second and is compute-bound (blocking the rows for the cache gained
 * nothing, measured), so the kernel is WebAssembly with 128-bit SIMD (wasm/gram.wat): two
 * doubles per instruction and no bounds checks.
 *
 * Order of additions (what makes serial and worker-thread runs bit-identical): the rows
 * are cut into segments (gramSegments, a function of n only); within a segment they are
 * swept in chunks of GRAM_CHUNK, even rows adding to one partial sum and odd rows to
 * another, carried from chunk to chunk; a segment's entry is the sum of the two, and the
 * segments are added in row order. That sequence depends on nothing but n, so whichever
 * thread computes a segment the bits are the same. (It differs from a plain row-by-row sum
 * in the last bits only.)
 */
import { simdKernel } from './wasm/kernel';

/** Rows per chunk: q columns x 256 rows x 8 bytes (0.7 MB at q = 350) stay in cache while every block uses them. */
export const GRAM_CHUNK = 256;

/** q padded to whole 2 x 4 blocks. */
const padded = (q: number): number => Math.ceil(q / 4) * 4;

/**
 * Row segments of the Gram, a function of n only (never of the thread count): each segment
 * is one pass over its rows, and the threads take whole segments. One pass copies every
 * column into the kernel's memory once per chunk; splitting the work by block rows instead
 * copied the columns once per run (about 11 times as many bytes at q = 348), and the runs
 * took about 45 % longer than one pass on one thread (120,000 x 348, measured).
 */
export function gramSegments(n: number): number {
  return Math.min(8, Math.max(1, Math.floor(n / GRAM_SEGMENT_ROWS)));
}

/** Rows per segment at least (up to 8 segments): small panels split too, so both threads share the work. */
export const GRAM_SEGMENT_ROWS = 512;

/** First row of segment s of S (even, so even rows stay in lane 0); s = S gives n. */
export function segmentStart(n: number, S: number, s: number): number {
  return s >= S ? n : 2 * Math.floor((s * n) / (2 * S));
}

/**
 * Lower triangle (b <= a) of the Gram of the columns of x at offsets o over rows r0 .. r1 - 1
 * (r0 even), into out (q x q, row-major; the upper triangle is left alone): each entry the
 * sum of its even-row and its odd-row partial sum, carried over chunks of GRAM_CHUNK rows.
 */
export function gramSegment(x: Float64Array, o: ArrayLike<number>, r0: number, r1: number, out: Float64Array): void {
  const q = o.length;
  if (q === 0) return;
  const qp = padded(q);
  const c = GRAM_CHUNK;
  const colsBytes = qp * c * 8;
  const outBytes = qp * qp * 16;
  const k = simdKernel(colsBytes + outBytes);
  const mem = new Float64Array(k.memory.buffer);
  // Padding columns and the partial sums start at zero (the memory is reused between calls).
  mem.fill(0, 0, (colsBytes + outBytes) / 8);
  for (let i0 = r0; i0 < r1; i0 += c) {
    const len = Math.min(c, r1 - i0);
    for (let j = 0; j < q; j++) {
      const dst = j * c;
      mem.set(x.subarray(o[j] + i0, o[j] + i0 + len), dst);
      if (len < c) mem.fill(0, dst + len, dst + c);
    }
    k.gram(0, c, qp, colsBytes, 0, qp);
  }
  const o8 = colsBytes / 8;
  for (let a = 0; a < q; a++) {
    for (let b = 0; b <= a; b++) {
      const e = o8 + (a * qp + b) * 2;
      out[a * q + b] = mem[e] + mem[e + 1];
    }
  }
}

/** out += part on the lower triangle: segments are added in the order of their rows. */
export function addLower(out: Float64Array, part: Float64Array, q: number, partOff = 0): void {
  for (let a = 0; a < q; a++) for (let b = 0; b <= a; b++) out[a * q + b] += part[partOff + a * q + b];
}

/** The full symmetric Gram (q x q) on this thread. */
export function gram(x: Float64Array, o: ArrayLike<number>, n: number): Float64Array {
  const q = o.length;
  const out = new Float64Array(q * q);
  if (q === 0) return out;
  const S = gramSegments(n);
  gramSegment(x, o, 0, segmentStart(n, S, 1), out);
  if (S > 1) {
    const part = new Float64Array(q * q);
    for (let s = 1; s < S; s++) {
      gramSegment(x, o, segmentStart(n, S, s), segmentStart(n, S, s + 1), part);
      addLower(out, part, q);
    }
  }
  mirrorLower(out, q);
  return out;
}

export function mirrorLower(out: Float64Array, q: number): void {
  for (let a = 0; a < q; a++) for (let b = a + 1; b < q; b++) out[a * q + b] = out[b * q + a];
}
