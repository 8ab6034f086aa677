import { describe, expect, it } from 'vitest';
import { eventTime } from '../../../src/data/verbs';
import { monthly } from './panel-fixture';

describe('eventTime', () => {
  it('counts months from the treatment start, NaN for the never treated', async () => {
    const p = await monthly();
    const e = eventTime(p, 'start_month');
    // Unit 1 starts 2019-09: July..December = -2..3.
    expect(Array.from(e.slice(0, 6))).toEqual([-2, -1, 0, 1, 2, 3]);
    // Unit 3 starts 2020-03: July 2019 is 8 months before.
    expect(e[12]).toBe(-8);
    expect(Array.from(e.slice(18)).every((x) => Number.isNaN(x))).toBe(true);
  });
});
