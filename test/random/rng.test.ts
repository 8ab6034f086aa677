import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random/rng';

describe('Rng', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const sa = Array.from({ length: 5 }, () => a.uint32());
    expect(Array.from({ length: 5 }, () => b.uint32())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.uint32())).not.toEqual(sa);
  });

  it('draws uniforms in [0, 1) with mean 1/2 and normals with mean 0 and sd 1', () => {
    const r = new Rng(1);
    const n = 200_000;
    let su = 0;
    let sz = 0;
    let szz = 0;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      su += u;
      const z = r.normal();
      sz += z;
      szz += z * z;
    }
    expect(Math.abs(su / n - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(sz / n)).toBeLessThan(0.01);
    expect(Math.abs(szz / n - 1)).toBeLessThan(0.02);
  });

  it('draws categories in proportion to their weights', () => {
    const r = new Rng(7);
    const counts = [0, 0, 0];
    for (let i = 0; i < 100_000; i++) counts[r.categorical([1, 0, 3])]++;
    expect(counts[1]).toBe(0);
    expect(Math.abs(counts[2] / 100_000 - 0.75)).toBeLessThan(0.01);
  });

  it('rejects degenerate input with a clear error', () => {
    expect(() => new Rng(NaN)).toThrow(/seed/);
    expect(() => new Rng(1).int(0)).toThrow(/at least 1/);
    expect(() => new Rng(1).categorical([0, 0])).toThrow(/sum to zero/);
    expect(() => new Rng(1).categorical([1, -1])).toThrow(/weight 1/);
  });

  it('shuffles to a permutation', () => {
    const xs = Array.from({ length: 50 }, (_, i) => i);
    const s = new Rng(3).shuffle(xs.slice());
    expect(s.slice().sort((p, q) => p - q)).toEqual(xs);
    expect(s).not.toEqual(xs);
  });
});
