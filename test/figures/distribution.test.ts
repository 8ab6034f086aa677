import { describe, expect, it } from 'vitest';
import { distributionFigure, valueShares } from '../../src/figures/distribution';
import { checkItem } from '../../src/report/validate';

const L = (s: string) => ({ sv: s, en: s });

describe('valueShares', () => {
  it('gives per cent of the non-missing values at each integer', () => {
    const s = valueShares([0, 1, 1, NaN, 2.0000001, 9], 0, 2);
    expect(s.n).toBe(5);
    expect(s.x).toEqual([0, 1, 2]);
    expect(s.percent).toEqual([20, 40, 20]);
  });

  it('gives zeros and n = 0 when everything is missing', () => {
    expect(valueShares([NaN, NaN], -1, 1)).toEqual({ x: [-1, 0, 1], percent: [0, 0, 0], n: 0 });
  });
});

describe('distributionFigure', () => {
  const fig = distributionFigure({
    id: 'x-dist',
    title: L('t'),
    range: [0, 10],
    columns: 2,
    xTitle: L('Answer'),
    panels: [
      { title: L('a'), series: [{ name: L('P'), values: [0, 10, 10] }, { name: L('R'), values: [5] }] },
      { title: L('b'), series: [{ name: L('P'), values: [1] }], range: [0, 4] },
      { title: L('c'), series: [{ name: L('P'), values: [2] }] },
    ],
  });

  it('is a valid item with one bar trace per panel and series, on its own axes', () => {
    checkItem(fig);
    const data = fig.plotly.en.data as { x: number[]; y: number[]; xaxis: string; yaxis: string; showlegend: boolean }[];
    expect(data.map((d) => [d.xaxis, d.yaxis])).toEqual([['x', 'y'], ['x', 'y'], ['x2', 'y2'], ['x3', 'y3']]);
    expect(data[0].y[10]).toBeCloseTo(200 / 3, 12);
    expect(data[2].x).toEqual([0, 1, 2, 3, 4]);
    expect(data.map((d) => d.showlegend)).toEqual([true, true, false, false]);
  });

  it('lays the panels out in a grid with the x title under the last row', () => {
    const layout = fig.plotly.sv.layout as Record<string, any>;
    expect(layout.xaxis.domain[0]).toBe(0);
    expect(layout.xaxis2.domain[0]).toBeGreaterThan(0.5);
    expect(layout.yaxis3.domain[1]).toBeLessThan(layout.yaxis.domain[0]);
    expect(layout.xaxis3.title.text).toBe('Answer');
    expect(layout.xaxis.title).toBeUndefined();
    expect(layout.yaxis.title.text).toBe('Procent');
    expect(layout.annotations.map((a: { text: string }) => a.text)).toEqual(['a', 'b', 'c']);
    expect(layout.showlegend).toBe(true);
  });

  it('refuses a figure without panels', () => {
    expect(() => distributionFigure({ id: 'x', title: L('t'), range: [0, 1], panels: [] })).toThrow(/no panels/);
  });
});
