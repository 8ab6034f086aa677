import { describe, expect, it } from 'vitest';
import { monthCode } from '../../src/data/panel';
import { countByMonth, monthlyCountsFigure } from '../../src/figures/monthly-counts';

describe('monthly counts figure', () => {
  const aug = monthCode(2019, 8);
  it('counts persons per month inside the range, under a mask', () => {
    const month = [aug, aug, aug + 1, aug + 5, NaN, aug - 1];
    expect(countByMonth(month, aug, aug + 2)).toEqual([2, 1, 0]);
    expect(countByMonth(month, aug, aug + 2, [1, 0, 1, 1, 1, 1])).toEqual([1, 1, 0]);
  });

  it('draws grouped bars per language and withholds bars under 5 persons', () => {
    const fig = monthlyCountsFigure({
      id: 'r24-fig-1',
      title: { sv: 'T', en: 'T' },
      months: [aug, aug + 1, aug + 2],
      series: [
        { name: { sv: 'Ja', en: 'Yes' }, counts: [12, 4, 30] },
        { name: { sv: 'Nej', en: 'No' }, counts: [5, 0, 7] },
      ],
      yTitle: { sv: 'Antal', en: 'Number' },
    });
    const sv = fig.plotly.sv.data as { x: string[]; y: (number | null)[]; customdata: string[]; name: string }[];
    expect(sv.map((s) => s.name)).toEqual(['Ja', 'Nej']);
    expect(sv[0].x).toEqual(['2019-08', '2019-09', '2019-10']);
    expect(sv[0].y).toEqual([12, null, 30]);
    expect(sv[1].y).toEqual([5, null, 7]);
    expect(sv[0].customdata[1]).toBe('..');
    expect(fig.notes.map((n) => n.en)).toEqual(['.. = not shown because it is based on fewer than 5 persons.']);
    expect((fig.plotly.en.data as { name: string }[])[1].name).toBe('No');
    expect(() => monthlyCountsFigure({ ...{ id: 'x', title: { sv: '', en: '' }, yTitle: { sv: '', en: '' } }, months: [aug], series: [{ name: { sv: 'a', en: 'a' }, counts: [1, 2] }] })).toThrow(/2 counts for 1 months/);
  });
});
