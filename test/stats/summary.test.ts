import { describe, expect, it } from 'vitest';
import { maskAnd, maskEquals, maskNot, maskOr, maskCount } from '../../src/stats/mask';
import { isBinary, shareOf, summarize, summarizeGroups } from '../../src/stats/summary';

const f = (xs: number[]) => Float64Array.from(xs);
const m = (xs: number[]) => Uint8Array.from(xs);

describe('summarize', () => {
  it('gives mean, sample SD, min, max and the denominators, skipping missing values', () => {
    const s = summarize(f([1, 2, NaN, 4, 8]), m([1, 1, 1, 1, 0]));
    expect(s.n).toBe(3);
    expect(s.nMissing).toBe(1);
    expect(s.mean.value).toBeCloseTo(7 / 3, 14);
    const mean = 7 / 3;
    const v = ((1 - mean) ** 2 + (2 - mean) ** 2 + (4 - mean) ** 2) / 2;
    expect(s.variance.value).toBeCloseTo(v, 14);
    expect(s.sd.value).toBeCloseTo(Math.sqrt(v), 14);
    expect(s.min.value).toBe(1);
    expect(s.max.value).toBe(4);
  });

  it('is accurate for large offsets (two-pass variance)', () => {
    const s = summarize(f([1e9 + 1, 1e9 + 2, 1e9 + 3]));
    expect(s.variance.value).toBeCloseTo(1, 6);
  });

  it('an empty group is NA "empty-group", an all-missing group NA "all-missing"', () => {
    const empty = summarize(f([1, 2]), m([0, 0]));
    expect(empty.mean).toMatchObject({ value: null, na: { code: 'empty-group' } });
    expect(empty.sd.na?.code).toBe('empty-group');
    const missing = summarize(f([NaN, NaN, 3]), m([1, 1, 0]));
    expect(missing.mean.na?.code).toBe('all-missing');
    expect(missing.nMissing).toBe(2);
    expect(missing.mean.na?.reason.sv.length).toBeGreaterThan(0);
  });

  it('one person: a mean but no SD ("too-few"); a constant: SD 0', () => {
    const one = summarize(f([5]));
    expect(one.mean.value).toBe(5);
    expect(one.sd).toMatchObject({ value: null, na: { code: 'too-few' } });
    const constant = summarize(f([3, 3, 3]));
    expect(constant.sd.value).toBe(0);
  });

  it('never returns NaN anywhere', () => {
    for (const xs of [[], [NaN], [1], [1, 1], [NaN, 2]]) {
      const s = summarize(f(xs));
      for (const v of [s.mean, s.sd, s.variance, s.min, s.max]) expect(Number.isNaN(v.value)).toBe(false);
    }
  });

  it('rejects a mask of the wrong length', () => {
    expect(() => summarize(f([1, 2]), m([1]))).toThrow(/length/);
  });
});

describe('shareOf and isBinary', () => {
  it('counts ones over non-missing values', () => {
    const s = shareOf(f([1, 0, 1, NaN, 1]), null);
    expect(s).toMatchObject({ count: 3, n: 4, nMissing: 1 });
    expect(s.share.value).toBe(0.75);
  });

  it('is NA "not-binary" for other values and NA for an empty group', () => {
    expect(shareOf(f([1, 2])).share.na?.code).toBe('not-binary');
    expect(shareOf(f([1, 0]), m([0, 0])).share.na?.code).toBe('empty-group');
    expect(shareOf(f([NaN])).share.na?.code).toBe('all-missing');
  });

  it('isBinary looks only at the group and ignores missing values', () => {
    expect(isBinary(f([0, 1, NaN]))).toBe(true);
    expect(isBinary(f([0, 1, 7]), m([1, 1, 0]))).toBe(true);
    expect(isBinary(f([0, 1, 7]))).toBe(false);
    expect(isBinary(f([NaN]))).toBe(false);
  });

  it('summarizeGroups gives one summary per mask', () => {
    const g = summarizeGroups(f([1, 2, 3, 4]), [null, m([1, 1, 0, 0]), m([0, 0, 1, 1])]);
    expect(g.map((s) => s.mean.value)).toEqual([2.5, 1.5, 3.5]);
  });
});

describe('masks', () => {
  it('combine by and/or/not and count', () => {
    const sex = f([1, 1, 0, 0, NaN]);
    const treat = f([1, 0, 1, 0, 1]);
    const women = maskEquals(sex, 1);
    const treated = maskEquals(treat, 1);
    expect(Array.from(maskAnd(women, treated))).toEqual([1, 0, 0, 0, 0]);
    expect(Array.from(maskOr(women, treated))).toEqual([1, 1, 1, 0, 1]);
    expect(Array.from(maskNot(women))).toEqual([0, 0, 1, 1, 1]);
    expect(maskCount(women, 5)).toBe(2);
    expect(maskCount(null, 5)).toBe(5);
    expect(() => maskAnd(women, m([1]))).toThrow(/lengths/);
  });
});
