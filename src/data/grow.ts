/**
 * Growable typed columns for reading a file of unknown length, and an in-place
 * permutation for sorting them. The reader sizes columns from an estimate of the row
 * count (file size / bytes per line of the first chunk), so a column is normally
 * allocated once and never copied: memory at the peak is about the final panel's plus
 * one column.
 */
type Typed = Float64Array | Int32Array;
type TypedCtor<T extends Typed> = { new (n: number): T };

export class GrowArray<T extends Typed> {
  data: T;
  length = 0;

  constructor(private readonly ctor: TypedCtor<T>, capacity = 1024) {
    this.data = new ctor(Math.max(16, Math.ceil(capacity)));
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new this.ctor(Math.ceil(this.data.length * 1.5));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  /** The values; a view when little capacity is unused, else a trimmed copy. */
  finish(): T {
    const n = this.length;
    if (this.data.length - n <= (n >> 3) + 1024) return this.data.subarray(0, n) as T;
    return this.data.slice(0, n) as T;
  }
}

/**
 * Reorders `values` in place so that element k becomes the old element perm[k]. The
 * values pass through `scratch` (length ≥ n, shared by all columns of a table), so only
 * one extra column is ever allocated; reads are random, writes sequential.
 */
export function permuteInPlace(values: Typed, perm: Int32Array, scratch: Float64Array): void {
  const n = perm.length;
  for (let k = 0; k < n; k++) scratch[k] = values[perm[k]];
  for (let k = 0; k < n; k++) values[k] = scratch[k];
}
