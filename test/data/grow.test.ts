import { describe, expect, it } from 'vitest';
import { GrowArray, permuteInPlace } from '../../src/data/grow';
import { IdIndex } from '../../src/data/id-index';

describe('growable columns, permutation and the id index', () => {
  it('grows past its capacity and trims what is unused', () => {
    const g = new GrowArray(Float64Array, 16);
    for (let i = 0; i < 100; i++) g.push(i / 2);
    const v = g.finish();
    expect(v.length).toBe(100);
    expect(v[99]).toBe(49.5);
  });

  it('reorders in place so that element k is the old element perm[k]', () => {
    const values = Float64Array.from([10, 11, 12, 13, 14]);
    const ints = Int32Array.from([0, 1, 2, 3, 4]);
    const perm = Int32Array.from([3, 0, 4, 1, 2]);
    const scratch = new Float64Array(5);
    permuteInPlace(values, perm, scratch);
    permuteInPlace(ints, perm, scratch);
    expect(Array.from(values)).toEqual([13, 10, 14, 11, 12]);
    expect(Array.from(ints)).toEqual([3, 0, 4, 1, 2]);
  });

  it('finds small ids in the table and long register numbers in the map', () => {
    const idx = new IdIndex();
    idx.set(5, 0);
    idx.set(200_000, 1);
    idx.set(198_001_011_234, 2);
    expect([idx.get(5), idx.get(200_000), idx.get(198_001_011_234), idx.get(6), idx.get(198_001_011_235), idx.get(5_000_000)]).toEqual([0, 1, 2, -1, -1, -1]);
  });
});
