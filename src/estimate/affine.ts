/**
 * The DR outcome step's influence functions, written into attgt's n x K matrix, in
 * WebAssembly SIMD (wasm/gram.wat, `affine`). Each entry is
 * scale * (alpha_i dy_ij - sum_r e_ir coef_rj) with the sum over r in order, exactly the
 * operations of the plain scalar loop (test/estimate/affine.test.ts keeps it and checks the
 * bits): the SIMD lanes run across rows, never inside a sum. e is column-major (column r
 * at r * n).
 */
import { simdKernel } from './wasm/kernel';

/** Rows per chunk: (m + 1 + 2C) x 128 x 8 bytes, about 0.15 MB at m = 20, C = 64. */
const CHUNK = 128;

export function affineColumnsSimd(
  e: Float64Array,
  m: number,
  coef: Float64Array,
  C: number,
  alpha: Float64Array,
  dy: Float64Array,
  n: number,
  dst: readonly Float64Array[],
  dstOff: ArrayLike<number>,
  index: Int32Array,
  scale: number,
): void {
  if (n === 0 || C === 0) return;
  const c = CHUNK;
  const cp = Math.ceil(C / 4) * 4;
  // Layout (in doubles): e (m x c), alpha (c), dy (cp x c), res (cp x c), coef (m x cp).
  const eAt = 0;
  const alphaAt = eAt + m * c;
  const dyAt = alphaAt + c;
  const resAt = dyAt + cp * c;
  const coefAt = resAt + cp * c;
  const k = simdKernel(8 * (coefAt + m * cp));
  const mem = new Float64Array(k.memory.buffer);
  mem.fill(0, coefAt, coefAt + m * cp); // padding columns (the memory is reused between calls)
  for (let r = 0; r < m; r++) for (let j = 0; j < C; j++) mem[coefAt + r * cp + j] = coef[r * C + j];
  for (let i0 = 0; i0 < n; i0 += c) {
    const len = Math.min(c, n - i0);
    const put = (src: Float64Array, from: number, at: number): void => {
      mem.set(src.subarray(from, from + len), at);
      if (len < c) mem.fill(0, at + len, at + c);
    };
    for (let r = 0; r < m; r++) put(e, r * n + i0, eAt + r * c);
    put(alpha, i0, alphaAt);
    for (let j = 0; j < C; j++) put(dy, j * n + i0, dyAt + j * c);
    k.affine(8 * eAt, 8 * alphaAt, 8 * dyAt, 8 * coefAt, 8 * resAt, c, m, cp, scale);
    for (let j = 0; j < C; j++) scatter(dst[j], dstOff[j], index, i0, mem, resAt + j * c, len);
  }
}

/** out[off + index[i0 + i]] = src[at + i] for i < len (a top-level function: V8 optimises it once). */
function scatter(out: Float64Array, off: number, index: Int32Array, i0: number, src: Float64Array, at: number, len: number): void {
  for (let i = 0; i < len; i++) out[off + index[i0 + i]] = src[at + i];
}
