/**
 * Raw monthly trends of an outcome for participants and controls (R23 Figures B5–B10): the
 * unadjusted mean in each month per group, with the start groups' first months marked by
 * vertical lines. Nothing is adjusted for the selection into the lists; that is the point
 * of showing them next to the model estimates.
 *
 *   rawTrendsFigure({ id: 'r23-fig-b5', title, series: [{ name, months, mean, n }], marks, yTitle })
 */
import { formatMonth } from '../data/panel';
import type { MeasureUnit } from '../data/schema';
import { formatNumber, numberFormatFor } from '../format/number';
import type { Label, Lang, PlotlyFigure, ReportFigure } from '../report/model';
import { LANGS } from '../report/model';

export interface TrendSeries {
  name: Label;
  /** Month codes (src/data/panel monthCode). */
  months: ArrayLike<number>;
  mean: ArrayLike<number>;
  /** Persons with a value in each month. */
  n: ArrayLike<number>;
}

export interface TrendMark {
  /** Month code of the line. */
  month: number;
  label: string;
}

export interface RawTrendsSpec {
  id: string;
  title: Label;
  series: readonly TrendSeries[];
  marks?: readonly TrendMark[];
  yTitle: Label;
  unit: MeasureUnit;
  notes?: readonly Label[];
}

const COLORS = ['#1f4e79', '#c0504d', '#7f6084'];
const MARK_COLOR = '#6a8d2f';

function figureFor(spec: RawTrendsSpec, lang: Lang): PlotlyFigure {
  const level = numberFormatFor(spec.unit, 'level');
  // Shares print as proportions here (the axis is a probability), kronor whole.
  const format = level.percent ? { decimals: 3 } : level;
  const data = spec.series.map((s, i) => {
    const x: string[] = [];
    const y: (number | null)[] = [];
    const text: string[] = [];
    for (let t = 0; t < s.months.length; t++) {
      const m = s.mean[t];
      x.push(formatMonth(s.months[t]));
      y.push(Number.isFinite(m) ? m : null);
      text.push(Number.isFinite(m) ? `${s.name[lang]}: ${formatNumber(m, lang, format)} (n = ${formatNumber(s.n[t], lang, { decimals: 0 })})` : '');
    }
    return { type: 'scatter', mode: 'lines', name: s.name[lang], x, y, text, hovertemplate: '%{x|%b %Y}<br>%{text}<extra></extra>', line: { color: COLORS[i % COLORS.length], width: 2 } };
  });
  const marks = spec.marks ?? [];
  const shapes = marks.map((m) => ({ type: 'line', xref: 'x', x0: formatMonth(m.month), x1: formatMonth(m.month), yref: 'y domain', y0: 0, y1: 1, line: { color: MARK_COLOR, width: 1, dash: 'dot' } }));
  const annotations = marks.map((m, i) => ({
    text: m.label,
    xref: 'x',
    x: formatMonth(m.month),
    yref: 'y domain',
    y: i % 2 === 0 ? 1 : 0.94,
    yanchor: 'bottom',
    showarrow: false,
    font: { size: 10, color: MARK_COLOR },
  }));
  return {
    data,
    layout: {
      xaxis: { type: 'date', tickformat: '%Y', dtick: 'M12', title: { text: lang === 'sv' ? 'Månad' : 'Month' } },
      yaxis: { title: { text: spec.yTitle[lang] }, rangemode: 'tozero' },
      shapes,
      annotations,
      hovermode: 'x unified',
    },
  };
}

export function rawTrendsFigure(spec: RawTrendsSpec): ReportFigure {
  if (spec.series.length === 0) throw new Error(`rawTrendsFigure ${spec.id}: no series`);
  for (const s of spec.series) {
    if (s.mean.length !== s.months.length || s.n.length !== s.months.length) throw new Error(`rawTrendsFigure ${spec.id}: series "${s.name.en}" has arrays of different lengths`);
  }
  const plotly = {} as Record<Lang, PlotlyFigure>;
  for (const lang of LANGS) plotly[lang] = figureFor(spec, lang);
  return { kind: 'figure', id: spec.id, title: spec.title, notes: [...(spec.notes ?? [])], plotly };
}
