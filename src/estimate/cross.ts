/**
 * Dot products between two sets of long vectors (dotProducts of kernels.ts, na x nb) in
 * WebAssembly SIMD (wasm/gram.wat, `cross`): the DR outcome step's A = F DY (20 design
 * vectors against up to 64 outcome changes per batch, over every unit of the design), the
 * engine's second-largest product after the Wald Gram. Rows are swept in chunks (the chunk
 * of every vector stays in cache while all blocks use it); even and odd rows add to two
 * partial sums per entry, carried over chunks, so the result depends only on the data, not
 * on batching or threads. It differs from the scalar loop in the last bits only.
 */
import { GRAM_CHUNK } from './gram';
import { simdKernel } from './wasm/kernel';

export function crossProducts(x: Float64Array, ao: ArrayLike<number>, y: Float64Array, bo: ArrayLike<number>, n: number): Float64Array {
  const na = ao.length;
  const nb = bo.length;
  const out = new Float64Array(na * nb);
  if (na === 0 || nb === 0) return out;
  const ap = na + (na % 2);
  const bp = Math.ceil(nb / 4) * 4;
  const c = GRAM_CHUNK;
  const colsBytes = (ap + bp) * c * 8;
  const k = simdKernel(colsBytes + ap * bp * 16);
  const mem = new Float64Array(k.memory.buffer);
  // Padding columns and the partial sums start at zero (the memory is reused between calls).
  mem.fill(0, 0, (colsBytes + ap * bp * 16) / 8);
  const copy = (src: Float64Array, off: number, slot: number, i0: number, len: number): void => {
    const dst = slot * c;
    mem.set(src.subarray(off + i0, off + i0 + len), dst);
    if (len < c) mem.fill(0, dst + len, dst + c);
  };
  for (let i0 = 0; i0 < n; i0 += c) {
    const len = Math.min(c, n - i0);
    for (let a = 0; a < na; a++) copy(x, ao[a], a, i0, len);
    for (let b = 0; b < nb; b++) copy(y, bo[b], ap + b, i0, len);
    k.cross(0, c, ap, bp, colsBytes);
  }
  const o8 = colsBytes / 8;
  for (let a = 0; a < na; a++) {
    for (let b = 0; b < nb; b++) {
      const e = o8 + (a * bp + b) * 2;
      out[a * nb + b] = mem[e] + mem[e + 1];
    }
  }
  return out;
}
