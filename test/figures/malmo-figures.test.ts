import { describe, expect, it } from 'vitest';
import { monthCode } from '../../src/data/panel';
import { groupEffectsFigure } from '../../src/figures/group-effects';
import { rawTrendsFigure } from '../../src/figures/raw-trends';
import { checkItem } from '../../src/report/validate';

const L = (s: string) => ({ sv: s, en: s });

describe('groupEffectsFigure (R23 Figures 7, 9, 11, 13, 15)', () => {
  const fig = groupEffectsFigure({
    id: 'x-ge',
    title: L('t'),
    unit: 'kr',
    yTitle: L('kr'),
    rows: [
      { key: 'all', label: { sv: 'Alla grupper', en: 'All groups' }, att: 1000.4, se: 100, lower: 804, upper: 1196.8, n: 2500 },
      { key: 'G1', label: L('G1'), att: -40, se: 150, lower: -334, upper: 254, n: 1000 },
      { key: 'G3', label: L('G3'), att: null, lower: null, upper: null, n: 150 },
    ],
  });

  it('plots each estimated row as a point in a shaded interval band (R23), in order, leaving out the missing', () => {
    checkItem(fig);
    const [band, trace] = fig.plotly.en.data as { x: string[]; y: number[]; fill?: string; error_y?: unknown; text: string[] }[];
    expect(band.fill).toBe('toself');
    expect(band.x).toEqual(['All groups', 'G1', 'G1', 'All groups']);
    expect(band.y).toEqual([1196.8, 254, -334, 804]);
    expect(trace.x).toEqual(['All groups', 'G1']);
    expect(trace.y).toEqual([1000.4, -40]);
    expect(trace.error_y).toBeUndefined();
    expect(trace.text[0]).toContain('1,000.4');
    expect((fig.plotly.sv.data[1] as { text: string[] }).text[0]).toContain('1\u00a0000,4');
    expect(fig.notes[fig.notes.length - 1].sv).toMatch(/\(den första är genomsnittet för alla grupper\), det skuggade området/);
    expect((fig.plotly.sv.layout as { xaxis: { categoryarray: string[] } }).xaxis.categoryarray).toEqual(['Alla grupper', 'G1']);
  });

  it('draws error bars instead when asked', () => {
    const bars = groupEffectsFigure({ id: 'x-bars', title: L('t'), unit: 'kr', yTitle: L('kr'), interval: 'bars', rows: [{ key: 'all', label: L('All'), att: 1000.4, se: 100, lower: 804, upper: 1196.8, n: 2500 }] });
    const [trace] = bars.plotly.en.data as { error_y: { array: number[]; arrayminus: number[] } }[];
    expect(trace.error_y.array[0]).toBeCloseTo(196.4, 9);
    expect(trace.error_y.arrayminus[0]).toBeCloseTo(196.4, 9);
  });

  it('refuses a figure without any estimate', () => {
    expect(() => groupEffectsFigure({ id: 'x', title: L('t'), unit: 'share', yTitle: L('y'), rows: [{ key: 'a', label: L('a'), att: null, lower: null, upper: null, n: 1 }] })).toThrow(/no estimate/);
  });
});

describe('rawTrendsFigure (R23 Figures B5–B10)', () => {
  const months = [monthCode(2018, 1), monthCode(2018, 2), monthCode(2018, 3)];
  const fig = rawTrendsFigure({
    id: 'x-rt',
    title: L('t'),
    unit: 'indicator',
    yTitle: L('p'),
    series: [
      { name: L('T'), months, mean: [0.1, NaN, 0.3], n: [10, 0, 12] },
      { name: L('C'), months, mean: [0.2, 0.2, 0.25], n: [50, 50, 50] },
    ],
    marks: [{ month: monthCode(2018, 2), label: 'G1' }],
  });

  it('draws one line per group by month with gaps for missing means and marks the starts', () => {
    checkItem(fig);
    const data = fig.plotly.en.data as { x: string[]; y: (number | null)[]; name: string }[];
    expect(data.map((d) => d.name)).toEqual(['T', 'C']);
    expect(data[0].x).toEqual(['2018-01', '2018-02', '2018-03']);
    expect(data[0].y).toEqual([0.1, null, 0.3]);
    const layout = fig.plotly.en.layout as { shapes: { x0: string }[]; annotations: { text: string }[] };
    expect(layout.shapes[0].x0).toBe('2018-02');
    expect(layout.annotations[0].text).toBe('G1');
  });

  it('refuses series of unequal lengths', () => {
    expect(() => rawTrendsFigure({ id: 'x', title: L('t'), unit: 'kr', yTitle: L('y'), series: [{ name: L('T'), months: [1, 2], mean: [1], n: [1, 1] }] })).toThrow(/different lengths/);
  });
});
