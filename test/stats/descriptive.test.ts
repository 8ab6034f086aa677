import { describe, expect, it } from 'vitest';
import { everInState } from '../../src/stats/descriptive';

const f = (xs: number[]) => Float64Array.from(xs);

describe('everInState', () => {
  it('gives the mean over all, the share ever in the state and the mean among them', () => {
    const days = f([0, 100, 0, 300, NaN, 50]);
    const r = everInState(days);
    expect(r.all.n).toBe(5);
    expect(r.all.mean.value).toBeCloseTo(450 / 5, 12);
    expect(r.ever).toMatchObject({ count: 3, n: 5 });
    expect(r.ever.share.value).toBeCloseTo(0.6, 12);
    expect(r.amongEver.n).toBe(3);
    expect(r.amongEver.mean.value).toBeCloseTo(150, 12);
    // The identity that ties the three rows of R24 Table B4 together.
    expect(r.all.mean.value!).toBeCloseTo(r.ever.share.value! * r.amongEver.mean.value!, 12);
  });

  it('respects the group mask', () => {
    const r = everInState(f([0, 100, 0, 300]), Uint8Array.from([1, 1, 1, 0]));
    expect(r.ever.count).toBe(1);
    expect(r.amongEver.mean.value).toBe(100);
  });

  it('nobody ever in the state: share 0 and an explicit NA for the mean among them', () => {
    const r = everInState(f([0, 0, 0]));
    expect(r.ever.share.value).toBe(0);
    expect(r.amongEver.mean).toMatchObject({ value: null, na: { code: 'empty-group' } });
  });

  it('all missing: NA with reason everywhere', () => {
    const r = everInState(f([NaN, NaN]));
    expect(r.all.mean.na?.code).toBe('all-missing');
    expect(r.ever.share.na?.code).toBe('all-missing');
  });
});
