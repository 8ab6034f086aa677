/**
 * The Wald pre-test's covariance: the Gram matrix of the pre-treatment influence-function
 * columns (q columns of n entries each, q ~ 350 and n up to millions: q^2 n / 2 multiply-adds,
 * the largest single product of a run). JavaScript's scalar loop reaches about 1.5 G
 * multiply-adds per second and is compute-bound (blocking the rows for the cache gained
 * nothing, measured), so the kernel is WebAssembly with 128-bit SIMD (wasm/gram.wat): two
 * doubles per instruction and no bounds checks.
 *
 * Order of additions (what makes serial and worker-thread runs bit-identical): rows are
 * swept in chunks of GRAM_CHUNK; within a chunk, even rows add to one partial sum and odd
 * rows to another, carried from chunk to chunk; the entry is their sum. That sequence
 * depends on nothing but n, so any split of the block rows between threads (gramRows)
 * gives the same bits. (It differs from a plain row-by-row sum in the last bits only.)
 */
import { simdKernel } from './wasm/kernel';

/** Rows per chunk: q columns x 256 rows x 8 bytes (0.7 MB at q = 350) stay in cache while every block uses them. */
export const GRAM_CHUNK = 256;

/** q padded to whole 2 x 4 blocks. */
const padded = (q: number): number => Math.ceil(q / 4) * 4;

/**
 * Entries (a, b), b <= a, for block rows a0 .. a1 - 1 (a0 even) of the Gram of the columns
 * of x at offsets o (each n long), written to out (q x q, row-major; the upper triangle is
 * left alone). Only columns 0 .. a1 + 3 are read.
 */
export function gramRows(x: Float64Array, o: ArrayLike<number>, n: number, a0: number, a1: number, out: Float64Array): void {
  const q = o.length;
  const qp = padded(q);
  const rowsEnd = Math.min(qp, a1 + (a1 % 2));
  // Columns the blocks of these rows read (b0 + 3 < a1 + 4), capped at q; the rest stay zero.
  const nCols = Math.min(q, rowsEnd + 4);
  const c = GRAM_CHUNK;
  const colsBytes = qp * c * 8;
  const outRows = rowsEnd - a0;
  const k = simdKernel(colsBytes + outRows * qp * 16);
  const mem = new Float64Array(k.memory.buffer);
  // Padding columns and the partial sums start at zero (the memory is reused between calls).
  mem.fill(0, 0, (colsBytes + outRows * qp * 16) / 8);
  // The kernel addresses entry (a, b) at out + (a * qp + b) * 16: shift the base so row a0 is the first stored (i32 wrap-around is intended).
  const outBase = colsBytes;
  const outArg = (outBase - a0 * qp * 16) | 0;
  for (let i0 = 0; i0 < n; i0 += c) {
    const len = Math.min(c, n - i0);
    for (let j = 0; j < nCols; j++) {
      const dst = j * c;
      mem.set(x.subarray(o[j] + i0, o[j] + i0 + len), dst);
      if (len < c) mem.fill(0, dst + len, dst + c);
    }
    k.gram(0, c, qp, outArg, a0, rowsEnd);
  }
  const o8 = outBase / 8;
  for (let a = a0; a < Math.min(q, rowsEnd); a++) {
    for (let b = 0; b <= a; b++) {
      const e = o8 + ((a - a0) * qp + b) * 2;
      out[a * q + b] = mem[e] + mem[e + 1];
    }
  }
}

/** The full symmetric Gram (q x q) on this thread. */
export function gram(x: Float64Array, o: ArrayLike<number>, n: number): Float64Array {
  const q = o.length;
  const out = new Float64Array(q * q);
  if (q > 0) gramRows(x, o, n, 0, padded(q), out);
  mirrorLower(out, q);
  return out;
}

export function mirrorLower(out: Float64Array, q: number): void {
  for (let a = 0; a < q; a++) for (let b = a + 1; b < q; b++) out[a * q + b] = out[b * q + a];
}
