/**
 * Unit identifier -> slot (order of first appearance). Identifiers are whole numbers;
 * those below 2^22 are looked up in a typed table (grown as needed, at most 16 MB), which
 * is several times faster than a Map when rows do not come grouped by unit; larger ones
 * (long register numbers) fall back to a Map.
 */
const DENSE_LIMIT = 1 << 22;

export class IdIndex {
  private dense = new Int32Array(1024); // slot + 1; 0 = not seen
  private readonly sparse = new Map<number, number>();

  /** The slot of `id`, or -1. */
  get(id: number): number {
    if (id < DENSE_LIMIT) return id < this.dense.length ? this.dense[id] - 1 : -1;
    const s = this.sparse.get(id);
    return s === undefined ? -1 : s;
  }

  set(id: number, slot: number): void {
    if (id < DENSE_LIMIT) {
      if (id >= this.dense.length) {
        const next = new Int32Array(Math.min(DENSE_LIMIT, Math.max(id + 1, this.dense.length * 2)));
        next.set(this.dense);
        this.dense = next;
      }
      this.dense[id] = slot + 1;
    } else {
      this.sparse.set(id, slot);
    }
  }
}
