/**
 * method-power: power to detect an effect in a staggered trial against the size of the
 * effect, one curve per follow-up length. Lines are the normal approximation from the
 * simulated standard error, markers the simulated rejection rates; a dotted line marks
 * 80 % power.
 */
import { formatNumber } from '../format/number';
import type { Label, Lang, NumberFormat, PlotlyFigure, ReportFigure } from '../report/model';
import { LANGS } from '../report/model';
import type { PowerCurve } from '../simulate/power';

export interface PowerFigureSpec {
  curves: readonly PowerCurve[];
  /** Persons in the simulated trial (for the title). */
  persons: number;
  /** x-axis title, e.g. "Full effect, kr per month". */
  xTitle: Label;
  format: NumberFormat;
  /** Period word for the legend ("months"). */
  periods?: Label;
  target?: number;
  notes?: Label[];
}

const PALETTE = ['#1f4e79', '#4f9d69', '#c0504d', '#8064a2', '#e69f00', '#4bacc6', '#7f7f7f'];

const WORDS = {
  y: { sv: 'Styrka (andel förkastade nollhypoteser)', en: 'Power (share of rejections)' },
  followUp: { sv: 'Uppföljning', en: 'Follow-up' },
  months: { sv: 'månader', en: 'months' },
  simulated: { sv: 'simulerad', en: 'simulated' },
  effect: { sv: 'Effekt', en: 'Effect' },
  power: { sv: 'Styrka', en: 'Power' },
  note: {
    sv: 'Linjer: normalapproximation med det simulerade standardfelet. Punkter: andelen simulerade försök där effekten var signifikant på 5 %-nivån. Prickad linje: 80 % styrka.',
    en: 'Lines: normal approximation with the simulated standard error. Points: the share of simulated trials in which the effect was significant at the 5% level. Dotted line: 80% power.',
  },
} satisfies Record<string, Label>;

function figureFor(spec: PowerFigureSpec, lang: Lang): PlotlyFigure {
  const periods = (spec.periods ?? WORDS.months)[lang];
  const target = spec.target ?? 0.8;
  const data: Record<string, unknown>[] = [];
  const pct = (p: number): string => formatNumber(p, lang, { decimals: 0, percent: true });
  spec.curves.forEach((c, i) => {
    const color = PALETTE[i % PALETTE.length];
    const name = `${WORDS.followUp[lang]} ${c.followUp} ${periods}`;
    data.push({ type: 'scatter', mode: 'lines', name, legendgroup: name, x: c.effects, y: c.normal, line: { color, width: 2 }, hoverinfo: 'skip' });
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: `${name}, ${WORDS.simulated[lang]}`,
      legendgroup: name,
      showlegend: false,
      x: c.effects,
      y: c.simulated,
      marker: { color, size: 6 },
      text: c.effects.map((d, k) => `${name}<br>${WORDS.effect[lang]}: ${formatNumber(d, lang, spec.format)}<br>${WORDS.power[lang]}: ${pct(c.simulated[k])}`),
      hovertemplate: '%{text}<extra></extra>',
    });
  });
  const xs = spec.curves.flatMap((c) => c.effects);
  return {
    data,
    layout: {
      xaxis: { title: { text: spec.xTitle[lang] }, range: [Math.min(...xs), Math.max(...xs)], zeroline: false },
      yaxis: { title: { text: WORDS.y[lang] }, range: [0, 1.02], tickformat: '.0%' },
      shapes: [{ type: 'line', xref: 'x domain', x0: 0, x1: 1, yref: 'y', y0: target, y1: target, line: { color: '#444', width: 1, dash: 'dot' } }],
      hovermode: 'closest',
    },
  };
}

export function powerFigure(spec: PowerFigureSpec): ReportFigure {
  if (spec.curves.length === 0) throw new Error('powerFigure: no curves');
  const plotly = {} as Record<Lang, PlotlyFigure>;
  for (const lang of LANGS) plotly[lang] = figureFor(spec, lang);
  const n = { sv: formatNumber(spec.persons, 'sv', { decimals: 0 }), en: formatNumber(spec.persons, 'en', { decimals: 0 }) };
  const title = {
    sv: `Styrka att upptäcka en effekt i ett försök med ${n.sv} personer och förskjuten start`,
    en: `Power to detect an effect in a staggered trial of ${n.en} persons`,
  };
  return { kind: 'figure', id: 'method-power', title, notes: [...(spec.notes ?? []), WORDS.note], plotly };
}
