import { describe, expect, it } from 'vitest';
import { eventStudyFigure, hoverText, POST_COLOR, PRE_COLOR } from '../../src/figures/event-study';
import { checkItem } from '../../src/report/validate';

const rows = [
  { e: -3, att: -12.5, se: 10, lower: -32.1, upper: 7.1, n: 300 },
  { e: -2, att: null, se: null, lower: null, upper: null, n: 0 },
  { e: -1, att: 4, se: 10, lower: -15.6, upper: 23.6, n: 310 },
  { e: 0, att: 1014.2, se: 267.5, lower: 489.9, upper: 1538.5, n: 320 },
  { e: 1, att: 1200, se: 300, lower: 612, upper: 1788, n: 280 },
  { e: 25, att: 5, se: 1, lower: 3, upper: 7, n: 50 },
];
const L = (s: string) => ({ sv: s, en: s });

describe('eventStudyFigure', () => {
  const fig = eventStudyFigure({ id: 'x-fig', title: L('Lön'), minE: -3, maxE: 20, panels: [{ rows, yTitle: { sv: 'Kronor', en: 'Kronor' }, unit: 'kr' }] });

  it('splits the window into a before and an after series with asymmetric 95 % error bars', () => {
    checkItem(fig);
    const [pre, post] = fig.plotly.sv.data as any[];
    expect(pre.x).toEqual([-3, -1]); // the NA point is left out
    expect(post.x).toEqual([0, 1]); // e = 25 is outside the window
    expect(pre.marker.color).toBe(PRE_COLOR);
    expect(post.marker.color).toBe(POST_COLOR);
    expect(post.error_y.array[0]).toBeCloseTo(1538.5 - 1014.2, 10);
    expect(post.error_y.arrayminus[0]).toBeCloseTo(1014.2 - 489.9, 10);
    expect(post.type).toBe('scatter');
    expect(fig.plotly.sv.layout.xaxis).toMatchObject({ range: [-4, 21] });
  });

  it('colours R23 figures blue before and red after, and says so in the note (R24: red before, blue after)', () => {
    const r23 = eventStudyFigure({ id: 'x-r23', title: L('t'), colors: 'r23', panels: [{ rows, yTitle: L('y'), unit: 'kr' }] });
    const [pre, post] = r23.plotly.sv.data as any[];
    expect([pre.marker.color, post.marker.color]).toEqual([POST_COLOR, PRE_COLOR]);
    expect(r23.notes[r23.notes.length - 1].sv).toMatch(/\(blå: före .*, röda: från/);
    expect(fig.notes[fig.notes.length - 1].sv).toMatch(/\(röda: före .*, blå: från/);
  });

  it('draws a dashed zero line and names the series in each language', () => {
    const shapes = fig.plotly.en.layout.shapes as any[];
    expect(shapes).toEqual([{ type: 'line', xref: 'x domain', x0: 0, x1: 1, yref: 'y', y0: 0, y1: 0, line: { color: '#444', width: 1, dash: 'dash' } }]);
    expect((fig.plotly.sv.data as any[]).map((d) => d.name)).toEqual(['Före första mötet', 'Från första mötet']);
    expect((fig.plotly.en.data as any[]).map((d) => d.name)).toEqual(['Before the first meeting', 'From the first meeting']);
    expect(fig.notes.at(-1)!.sv).toContain('95\u00a0%-konfidensintervall');
  });

  it('hovers with event time, effect, interval and persons, formatted per language', () => {
    const post = (fig.plotly.sv.data as any[])[1];
    expect(post.text[0]).toBe('Månad 0<br>Effekt: 1\u00a0014,2<br>95\u00a0% KI: 489,9 till 1\u00a0538,5<br>Personer: 320');
    expect(hoverText(rows[0], { decimals: 1 }, 'en')).toBe('Month −3<br>Effect: −12.5<br>95% CI: −32.1 to 7.1<br>Persons: 300');
    expect(post.hovertemplate).toBe('%{text}<extra></extra>');
  });

  it('stacks several panels with their own axes and titles', () => {
    const two = eventStudyFigure({
      id: 'x-two',
      title: L('Två'),
      panels: [
        { rows, yTitle: L('Sannolikhet'), unit: 'indicator', title: L('Indikator') },
        { rows, yTitle: L('Kronor'), unit: 'kr', title: L('Kronor') },
      ],
    });
    const lay = two.plotly.sv.layout as any;
    expect(two.plotly.sv.data.length).toBe(4);
    expect((two.plotly.sv.data as any[]).map((d) => [d.xaxis, d.yaxis, d.showlegend])).toEqual([
      ['x', 'y', true],
      ['x', 'y', true],
      ['x2', 'y2', false],
      ['x2', 'y2', false],
    ]);
    expect(lay.grid).toMatchObject({ rows: 2, columns: 1 });
    expect(lay.yaxis2.title.text).toBe('Kronor');
    expect(lay.xaxis.title).toBeUndefined();
    expect(lay.xaxis2.title.text).toContain('Månader');
    expect(lay.annotations.map((a: any) => a.text)).toEqual(['<b>Indikator</b>', '<b>Kronor</b>']);
    expect(lay.xaxis.range).toEqual([-4, 26]);
  });

  it('refuses a figure without panels', () => {
    expect(() => eventStudyFigure({ id: 'x', title: L('t'), panels: [] })).toThrow(/no panels/);
  });
});
