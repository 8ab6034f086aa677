/**
 * method-bacon: every 2×2 comparison of the Goodman-Bacon decomposition as a point, its
 * estimate against its weight in the TWFE coefficient, coloured by kind of comparison, with
 * the TWFE coefficient and the true effect as horizontal lines. Points far from the truth
 * with much weight are what pulls TWFE away.
 */
import { formatNumber } from '../format/number';
import type { Label, Lang, NumberFormat, PlotlyFigure, ReportFigure } from '../report/model';
import { LANGS } from '../report/model';
import type { BaconGroup, BaconResult, BaconType } from '../stats/bacon';
import { BACON_TYPE_LABELS } from '../tables/method-bacon';

export interface BaconFigureSpec {
  result: BaconResult;
  /** The true average effect on the treated (a reference line); omit when unknown. */
  truth?: number;
  format: NumberFormat;
  /** Name of a start period in hover texts (default "period 5" / "period 5"). */
  periodLabel?: (period: number, lang: Lang) => string;
  yTitle: Label;
  notes?: Label[];
}

export const BACON_COLORS: Readonly<Record<BaconType, string>> = {
  'treated-vs-never': '#1f4e79',
  'earlier-vs-later': '#4f9d69',
  'later-vs-earlier': '#c0504d',
  'later-vs-always': '#8064a2',
};

const WORDS = {
  title: { sv: 'Goodman-Bacon-uppdelningen: varje 2×2-jämförelses skattning och vikt', en: 'The Goodman-Bacon decomposition: each 2×2 comparison’s estimate and weight' },
  x: { sv: 'Vikt i TWFE-koefficienten', en: 'Weight in the TWFE coefficient' },
  twfe: { sv: 'TWFE-koefficienten', en: 'TWFE coefficient' },
  truth: { sv: 'Sann effekt', en: 'True effect' },
  treated: { sv: 'Behandlad', en: 'Treated' },
  control: { sv: 'Kontroll', en: 'Control' },
  estimate: { sv: 'Skattning', en: 'Estimate' },
  weight: { sv: 'Vikt', en: 'Weight' },
  never: { sv: 'aldrig behandlade', en: 'never treated' },
  always: { sv: 'alltid behandlade', en: 'always treated' },
  period: { sv: 'start period', en: 'start period' },
  note: {
    sv: 'Varje punkt är en 2×2-jämförelse mellan två startgrupper. Punkternas vikter summerar till 1 och det viktade medelvärdet av skattningarna är TWFE-koefficienten.',
    en: 'Each point is a 2×2 comparison between two start groups. The weights sum to 1 and the weighted mean of the estimates is the TWFE coefficient.',
  },
} satisfies Record<string, Label>;

function groupName(g: BaconGroup, lang: Lang, periodLabel: (p: number, lang: Lang) => string): string {
  if (g === 'never') return WORDS.never[lang];
  if (g === 'always') return WORDS.always[lang];
  return periodLabel(g, lang);
}

function figureFor(spec: BaconFigureSpec, lang: Lang): PlotlyFigure {
  const periodLabel = spec.periodLabel ?? ((p: number, l: Lang) => `${WORDS.period[l]} ${formatNumber(p, l, { decimals: 0 })}`);
  const f = (x: number): string => formatNumber(x, lang, spec.format);
  const types = spec.result.byType.map((t) => t.type);
  const data: Record<string, unknown>[] = types.map((type) => {
    const cs = spec.result.comparisons.filter((c) => c.type === type);
    return {
      type: 'scatter',
      mode: 'markers',
      name: BACON_TYPE_LABELS[type][lang],
      x: cs.map((c) => c.weight),
      y: cs.map((c) => c.estimate),
      marker: { color: BACON_COLORS[type], size: 9, opacity: 0.85 },
      text: cs.map(
        (c) =>
          `${WORDS.treated[lang]}: ${groupName(c.treated, lang, periodLabel)}<br>${WORDS.control[lang]}: ${groupName(c.control, lang, periodLabel)}` +
          `<br>${WORDS.estimate[lang]}: ${f(c.estimate)}<br>${WORDS.weight[lang]}: ${formatNumber(c.weight, lang, { decimals: 3 })}`,
      ),
      hovertemplate: '%{text}<extra></extra>',
    };
  });
  const lines: { y: number; name: string; color: string; dash: string }[] = [{ y: spec.result.estimate, name: WORDS.twfe[lang], color: '#222', dash: 'dash' }];
  if (spec.truth !== undefined && Number.isFinite(spec.truth)) lines.push({ y: spec.truth, name: WORDS.truth[lang], color: '#e69f00', dash: 'dot' });
  const maxW = Math.max(...spec.result.comparisons.map((c) => c.weight));
  for (const l of lines) {
    // A line trace (not a shape) so that it has a legend entry.
    data.push({ type: 'scatter', mode: 'lines', name: `${l.name} (${f(l.y)})`, x: [0, maxW * 1.05], y: [l.y, l.y], line: { color: l.color, dash: l.dash, width: 1.5 }, hoverinfo: 'skip' });
  }
  return {
    data,
    layout: {
      xaxis: { title: { text: WORDS.x[lang] }, rangemode: 'tozero', zeroline: false },
      yaxis: { title: { text: spec.yTitle[lang] }, zeroline: true, zerolinecolor: '#bbb' },
      hovermode: 'closest',
    },
  };
}

export function baconFigure(spec: BaconFigureSpec): ReportFigure {
  if (spec.result.na || spec.result.comparisons.length === 0) throw new Error('baconFigure: the decomposition has no comparisons');
  const plotly = {} as Record<Lang, PlotlyFigure>;
  for (const lang of LANGS) plotly[lang] = figureFor(spec, lang);
  return { kind: 'figure', id: 'method-bacon', title: WORDS.title, notes: [...(spec.notes ?? []), WORDS.note], plotly };
}
