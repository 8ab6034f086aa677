import { describe, expect, it } from 'vitest';
import { baconFigure, BACON_COLORS } from '../../src/figures/method-bacon';
import { csRecoveryFigure, TRUTH_COLOR } from '../../src/figures/method-cs-recovery';
import { powerFigure } from '../../src/figures/method-power';
import { checkItem } from '../../src/report/validate';
import { baconDecomposition } from '../../src/stats/bacon';
import { powerCurve } from '../../src/simulate/power';

function panel() {
  const y: number[] = [];
  const unit: number[] = [];
  const time: number[] = [];
  const d: number[] = [];
  [2, 2, 4, 4, Infinity].forEach((g, u) => {
    for (let t = 1; t <= 5; t++) {
      unit.push(u);
      time.push(t);
      d.push(t >= g ? 1 : 0);
      y.push(u + 0.1 * t + ((u * 3 + t) % 4) * 0.05 + (t >= g ? (g === 2 ? t : 1) : 0));
    }
  });
  return { y, unit, time, d };
}

describe('method-bacon figure', () => {
  const b = baconDecomposition(panel());
  const fig = baconFigure({ result: b, truth: 1.5, format: { decimals: 2 }, yTitle: { sv: 'Skattning', en: 'Estimate' } });

  it('plots each comparison type as its own series of (weight, estimate) points, plus TWFE and truth lines', () => {
    checkItem(fig);
    expect(fig.id).toBe('method-bacon');
    const data = fig.plotly.en.data as any[];
    expect(data.map((t) => t.name)).toEqual([
      'Treated vs never treated',
      'Earlier vs later start group (before its start)',
      'Later vs already treated start group',
      `TWFE coefficient (${b.estimate.toFixed(2).replace('-', '−')})`,
      'True effect (1.50)',
    ]);
    const never = b.comparisons.filter((c) => c.type === 'treated-vs-never');
    expect(data[0].x).toEqual(never.map((c) => c.weight));
    expect(data[0].y).toEqual(never.map((c) => c.estimate));
    expect(data[0].marker.color).toBe(BACON_COLORS['treated-vs-never']);
    expect(data[3].y).toEqual([b.estimate, b.estimate]);
    expect(data.every((t) => t.type === 'scatter')).toBe(true);
  });

  it('names groups in the hover text per language', () => {
    const sv = (fig.plotly.sv.data as any[])[0].text[0] as string;
    expect(sv).toMatch(/^Behandlad: start period 2<br>Kontroll: aldrig behandlade<br>Skattning: .*<br>Vikt: 0,\d{3}$/);
    const own = baconFigure({ result: b, format: { decimals: 1 }, yTitle: { sv: 'y', en: 'y' }, periodLabel: (p, l) => (l === 'sv' ? `månad ${p}` : `month ${p}`) });
    expect((own.plotly.en.data as any[])[2].text[0]).toContain('Treated: month 4<br>Control: month 2');
    expect((own.plotly.en.data as any[]).length).toBe(4); // no truth line without a truth
  });
});

describe('method-cs-recovery figure', () => {
  const rows = [
    { e: -2, att: 0.1, se: 0.1, lower: -0.1, upper: 0.3, n: 100 },
    { e: -1, att: -0.05, se: 0.1, lower: -0.25, upper: 0.15, n: 120 },
    { e: 0, att: 1.1, se: 0.1, lower: 0.9, upper: 1.3, n: 150 },
    { e: 1, att: 2.1, se: 0.2, lower: 1.7, upper: 2.5, n: 150 },
  ];
  const fig = csRecoveryFigure({ rows, truth: (e) => (e < 0 ? 0 : e + 1), twfe: -0.5, yTitle: { sv: 'Effekt', en: 'Effect' }, unit: 'score' });

  it('adds the true effects and the TWFE coefficient to the event-study figure', () => {
    checkItem(fig);
    expect(fig.id).toBe('method-cs-recovery');
    const data = fig.plotly.en.data as any[];
    expect(data.map((t) => t.name)).toEqual(['CS before the start', 'CS from the start', 'True effect', 'TWFE coefficient (−0.50)']);
    expect(data[2].x).toEqual([-2, -1, 0, 1]);
    expect(data[2].y).toEqual([0, 0, 1, 2]);
    expect(data[2].line.color).toBe(TRUTH_COLOR);
    expect(data[3].x).toEqual([0, 1]);
    expect(data[3].y).toEqual([-0.5, -0.5]);
    expect((fig.plotly.sv.layout.xaxis as any).dtick).toBe(1);
    expect((fig.plotly.sv.layout.xaxis as any).title.text).toContain('Månader i förhållande till start');
    expect(fig.notes).toHaveLength(1);
    expect(fig.notes[0].en).toContain('dotted line is the TWFE coefficient');
  });

  it('leaves the TWFE line out when not given', () => {
    const f = csRecoveryFigure({ rows, truth: () => 0, yTitle: { sv: 'E', en: 'E' }, unit: 'score' });
    expect((f.plotly.sv.data as any[]).map((t) => t.name)).toEqual(['CS före start', 'CS från start', 'Sann effekt']);
  });
});

describe('method-power figure', () => {
  const est = Array.from({ length: 200 }, (_, i) => ((i % 20) - 9.5) * 0.2);
  const se = new Array(200).fill(1);
  const curves = [3, 12].map((f) => powerCurve(est, se, { followUp: f, windowShare: f === 3 ? 0.5 : 0.9, effects: [0, 1, 2, 3, 4] }));
  const fig = powerFigure({ curves, persons: 1234, xTitle: { sv: 'Effekt, kr', en: 'Effect, kr' }, format: { decimals: 0 } });

  it('draws a normal-approximation line and simulated markers per follow-up, with an 80 % line', () => {
    checkItem(fig);
    expect(fig.id).toBe('method-power');
    const data = fig.plotly.sv.data as any[];
    expect(data.map((t) => [t.name, t.mode])).toEqual([
      ['Uppföljning 3 månader', 'lines'],
      ['Uppföljning 3 månader, simulerad', 'markers'],
      ['Uppföljning 12 månader', 'lines'],
      ['Uppföljning 12 månader, simulerad', 'markers'],
    ]);
    expect(data[0].y).toEqual(curves[0].normal);
    expect(data[1].y).toEqual(curves[0].simulated);
    expect(data[0].y[0]).toBeCloseTo(0.05, 6);
    expect(data[2].y[4]).toBeGreaterThan(data[0].y[4]); // a larger share of the effect in the window: more power
    expect((fig.plotly.en.layout.shapes as any[])[0]).toMatchObject({ y0: 0.8, y1: 0.8 });
    expect(data[1].text[2]).toBe('Uppföljning 3 månader<br>Effekt: 2<br>Styrka: ' + `${Math.round(curves[0].simulated[2] * 100)}\u00a0%`);
    expect(fig.title.en).toBe('Power to detect an effect in a staggered trial of 1,234 persons');
    expect(fig.title.sv).toContain('1\u00a0234 personer');
    expect(() => powerFigure({ curves: [], persons: 1, xTitle: { sv: '', en: '' }, format: { decimals: 0 } })).toThrow(/no curves/);
  });
});
