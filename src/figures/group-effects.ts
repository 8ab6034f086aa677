/**
 * Average effects per start group (R23 Figures 7, 9, 11, 13, 15): the overall average and
 * each start group's effect as a point with its 95 % confidence interval, on a common axis
 * with a dashed zero line. Groups a model could not estimate are left out (the note says so).
 * The intervals are a shaded band by default, as R23 draws them ("Konfidensintervallen är
 * det skuggade området"); `interval: 'bars'` draws error bars instead.
 *
 *   groupEffectsFigure({ id: 'r23-fig-7', title, yTitle, unit, rows: [{ key, label, att, lower, upper, n }] })
 */
import type { MeasureUnit } from '../data/schema';
import { formatNumber, numberFormatFor } from '../format/number';
import type { Label, Lang, PlotlyFigure, ReportFigure } from '../report/model';
import { LANGS } from '../report/model';

export interface GroupEffectRow {
  key: string;
  label: Label;
  att: number | null;
  se?: number | null;
  lower: number | null;
  upper: number | null;
  /** Participants behind the estimate. */
  n: number;
}

export interface GroupEffectsSpec {
  id: string;
  title: Label;
  rows: readonly GroupEffectRow[];
  yTitle: Label;
  unit: MeasureUnit;
  notes?: readonly Label[];
  /** How the confidence intervals are drawn: a shaded band (R23, default) or error bars. */
  interval?: 'band' | 'bars';
}

const BAND_COLOR = 'rgba(31, 78, 121, 0.2)';

const finite = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

const WORDS = {
  ci: { sv: '95 % KI', en: '95% CI' },
  to: { sv: 'till', en: 'to' },
  persons: { sv: 'Deltagare', en: 'Participants' },
  effect: { sv: 'Effekt', en: 'Effect' },
} satisfies Record<string, Label>;

function figureFor(spec: GroupEffectsSpec, lang: Lang): PlotlyFigure {
  const rows = spec.rows.filter((r) => finite(r.att));
  const ses = rows.map((r) => r.se).filter(finite).sort((a, b) => a - b);
  const format = numberFormatFor(spec.unit, 'effect', ses.length ? ses[0] : undefined);
  const f = (x: number) => formatNumber(x, lang, format);
  const text = rows.map((r) => {
    const lines = [`${r.label[lang]}`, `${WORDS.effect[lang]}: ${f(r.att as number)}`];
    if (finite(r.lower) && finite(r.upper)) lines.push(`${WORDS.ci[lang]}: ${f(r.lower)} ${WORDS.to[lang]} ${f(r.upper)}`);
    lines.push(`${WORDS.persons[lang]}: ${formatNumber(r.n, lang, { decimals: 0 })}`);
    return lines.join('<br>');
  });
  const x = rows.map((r) => r.label[lang]);
  const band = (spec.interval ?? 'band') === 'band';
  const withCi = rows.filter((r) => finite(r.lower) && finite(r.upper));
  const bandTrace = {
    type: 'scatter',
    mode: 'lines',
    name: WORDS.ci[lang],
    x: [...withCi.map((r) => r.label[lang]), ...withCi.map((r) => r.label[lang]).reverse()],
    y: [...withCi.map((r) => r.upper), ...withCi.map((r) => r.lower).reverse()],
    fill: 'toself',
    fillcolor: BAND_COLOR,
    line: { width: 0 },
    hoverinfo: 'skip',
    showlegend: false,
  };
  return {
    data: [
      ...(band ? [bandTrace] : []),
      {
        type: 'scatter',
        mode: 'markers',
        name: WORDS.effect[lang],
        x,
        y: rows.map((r) => r.att),
        marker: { color: rows.map((_, i) => (i === 0 ? '#c0504d' : '#1f4e79')), size: 9 },
        ...(band
          ? {}
          : {
              error_y: {
                type: 'data',
                symmetric: false,
                array: rows.map((r) => (finite(r.upper) ? r.upper - (r.att as number) : null)),
                arrayminus: rows.map((r) => (finite(r.lower) ? (r.att as number) - r.lower : null)),
                color: '#1f4e79',
                thickness: 1.5,
                width: 6,
              },
            }),
        text,
        hovertemplate: '%{text}<extra></extra>',
        showlegend: false,
      },
    ],
    layout: {
      xaxis: { type: 'category', categoryorder: 'array', categoryarray: x },
      yaxis: { title: { text: spec.yTitle[lang] }, zeroline: false },
      shapes: [{ type: 'line', xref: 'x domain', x0: 0, x1: 1, yref: 'y', y0: 0, y1: 0, line: { color: '#444', width: 1, dash: 'dash' } }],
      hovermode: 'closest',
    },
  };
}

export function groupEffectsFigure(spec: GroupEffectsSpec): ReportFigure {
  if (!spec.rows.some((r) => finite(r.att))) throw new Error(`groupEffectsFigure ${spec.id}: no estimate to show`);
  const plotly = {} as Record<Lang, PlotlyFigure>;
  for (const lang of LANGS) plotly[lang] = figureFor(spec, lang);
  const band = (spec.interval ?? 'band') === 'band';
  const note: Label = {
    sv: `Punkterna är skattade effekter (den första är genomsnittet för alla grupper), ${band ? 'det skuggade området' : 'strecken'} 95-procentiga konfidensintervall; den streckade linjen markerar noll.`,
    en: `Points are estimated effects (the first is the average over all groups), ${band ? 'the shaded area' : 'bars'} 95% confidence intervals; the dashed line marks zero.`,
  };
  return { kind: 'figure', id: spec.id, title: spec.title, notes: [...(spec.notes ?? []), note], plotly };
}
