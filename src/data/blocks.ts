/**
 * An append-only typed column kept in fixed-size blocks, so that reading a file of unknown
 * length never copies or over-allocates a whole column (doubling would need up to three
 * times the final size at the moment of growth).
 */
const SHIFT = 16;
const SIZE = 1 << SHIFT;
const MASK = SIZE - 1;

type Typed = Float64Array | Int32Array;
type TypedCtor<T extends Typed> = { new (n: number): T };

export class BlockColumn<T extends Typed> {
  private readonly blocks: T[] = [];
  private cur: T;
  private pos = 0;
  length = 0;

  constructor(private readonly ctor: TypedCtor<T>) {
    this.cur = new ctor(SIZE);
    this.blocks.push(this.cur);
  }

  push(v: number): void {
    if (this.pos === SIZE) {
      this.cur = new this.ctor(SIZE);
      this.blocks.push(this.cur);
      this.pos = 0;
    }
    this.cur[this.pos++] = v;
    this.length++;
  }

  get(i: number): number {
    return this.blocks[i >>> SHIFT][i & MASK];
  }

  set(i: number, v: number): void {
    this.blocks[i >>> SHIFT][i & MASK] = v;
  }

  /** One contiguous array, in order (`perm` given: element k is value perm[k]). */
  toArray(perm?: Int32Array): T {
    const n = perm ? perm.length : this.length;
    const out = new this.ctor(n);
    if (!perm) {
      let off = 0;
      for (const b of this.blocks) {
        const take = Math.min(SIZE, n - off);
        if (take <= 0) break;
        out.set(take === SIZE ? b : (b.subarray(0, take) as T), off);
        off += take;
      }
      return out;
    }
    const blocks = this.blocks;
    for (let k = 0; k < n; k++) {
      const i = perm[k];
      out[k] = blocks[i >>> SHIFT][i & MASK];
    }
    return out;
  }
}

/** A growable array indexed by position (one slot per unit, found while reading). */
export class GrowArray<T extends Typed> {
  data: T;
  length = 0;

  constructor(private readonly ctor: TypedCtor<T>, capacity = 1024) {
    this.data = new ctor(capacity);
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new this.ctor(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  toArray(): T {
    return this.data.slice(0, this.length) as T;
  }
}
