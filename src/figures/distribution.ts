/**
 * Answer distributions as bar charts in a grid of panels: R23 Figure 4 (the eight
 * questions at wave 1), Figure 6 a–c (participant and team representative side by side)
 * and Figure B1 a–c (the within-person difference). Each panel shows, for every answer
 * value on the x axis, the per cent of the series' non-missing answers with that value.
 *
 *   distributionFigure({ id, title, panels: [{ title, series: [{ name, values }] }], range: [0, 10] })
 */
import type { Label, Lang, PlotlyFigure, ReportFigure } from '../report/model';

export interface DistributionSeries {
  name: Label;
  /** One value per person (integers; NaN = no answer). */
  values: ArrayLike<number>;
}

export interface DistributionPanel {
  title: Label;
  series: readonly DistributionSeries[];
  /** Smallest and largest value on the x axis; default the figure's range. */
  range?: readonly [number, number];
}

export interface DistributionFigureSpec {
  id: string;
  title: Label;
  panels: readonly DistributionPanel[];
  /** Default x range of the panels, e.g. [0, 10]. */
  range: readonly [number, number];
  /** Panels per row (default 2; 1 for a single panel). */
  columns?: number;
  xTitle?: Label;
  notes?: readonly Label[];
}

export interface ValueShares {
  x: number[];
  /** Per cent of `n` at each x. */
  percent: number[];
  /** Non-missing values counted. */
  n: number;
}

/** Per cent of the non-missing values equal to each integer in [lo, hi] (values rounded). */
export function valueShares(values: ArrayLike<number>, lo: number, hi: number): ValueShares {
  const counts = new Array<number>(hi - lo + 1).fill(0);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    n++;
    const k = Math.round(v) - lo;
    if (k >= 0 && k < counts.length) counts[k]++;
  }
  const x = counts.map((_, k) => lo + k);
  return { x, percent: counts.map((c) => (n > 0 ? (100 * c) / n : 0)), n };
}

const PANEL_HEIGHT = 210;
const GAP_X = 0.08;
const GAP_Y = 0.1;

function axisName(kind: 'x' | 'y', i: number): string {
  return i === 0 ? kind : `${kind}${i + 1}`;
}

function figureIn(spec: DistributionFigureSpec, lang: Lang): PlotlyFigure {
  const cols = Math.max(1, Math.min(spec.columns ?? 2, spec.panels.length));
  const nRows = Math.ceil(spec.panels.length / cols);
  const w = (1 - GAP_X * (cols - 1)) / cols;
  const h = (1 - GAP_Y * (nRows - 1)) / nRows;
  const data: unknown[] = [];
  const layout: Record<string, unknown> = {
    barmode: 'group',
    bargap: 0.15,
    height: 90 + nRows * PANEL_HEIGHT,
    showlegend: spec.panels.some((p) => p.series.length > 1),
    annotations: [] as unknown[],
  };
  if (layout.showlegend) {
    // Above the first row's panel titles.
    const plotHeight = (layout.height as number) - 130;
    layout.margin = { t: 70, b: 60 };
    layout.legend = { y: 1 + 24 / plotHeight, yanchor: 'bottom' };
  }
  const annotations = layout.annotations as unknown[];
  const yTitle = lang === 'sv' ? 'Procent' : 'Per cent';
  spec.panels.forEach((panel, i) => {
    const [lo, hi] = panel.range ?? spec.range;
    const col = i % cols;
    const row = Math.floor(i / cols);
    const x0 = col * (w + GAP_X);
    const y1 = 1 - row * (h + GAP_Y);
    const xa = axisName('x', i);
    const ya = axisName('y', i);
    panel.series.forEach((s, j) => {
      const shares = valueShares(s.values, lo, hi);
      data.push({
        type: 'bar',
        x: shares.x,
        y: shares.percent,
        name: s.name[lang],
        legendgroup: `s${j}`,
        showlegend: i === 0,
        marker: { color: ['#1f4e79', '#c0504d', '#6a8d2f'][j % 3] },
        xaxis: xa,
        yaxis: ya,
        hovertemplate: `%{x}: %{y:.1f} %<extra>${s.name[lang]} (n = ${shares.n})</extra>`,
      });
    });
    const axis = { gridcolor: '#e3e3e3', linecolor: '#888', zerolinecolor: '#888' };
    // No vertical zero line: it would cut through the bar of the answer 0.
    const xAxis: Record<string, unknown> = { ...axis, zeroline: false, domain: [x0, x0 + w], anchor: ya, dtick: hi - lo > 12 ? 2 : 1, range: [lo - 0.6, hi + 0.6] };
    if (spec.xTitle && (row === nRows - 1 || i + cols >= spec.panels.length)) xAxis.title = { text: spec.xTitle[lang] };
    const yAxis: Record<string, unknown> = { ...axis, domain: [y1 - h, y1], anchor: xa, rangemode: 'tozero' };
    if (col === 0) yAxis.title = { text: yTitle };
    layout[i === 0 ? 'xaxis' : `xaxis${i + 1}`] = xAxis;
    layout[i === 0 ? 'yaxis' : `yaxis${i + 1}`] = yAxis;
    annotations.push({
      text: panel.title[lang],
      showarrow: false,
      xref: 'paper',
      yref: 'paper',
      x: x0,
      xanchor: 'left',
      y: y1,
      yanchor: 'bottom',
      font: { size: 12 },
    });
  });
  return { data, layout };
}

export function distributionFigure(spec: DistributionFigureSpec): ReportFigure {
  if (spec.panels.length === 0) throw new RangeError(`distributionFigure ${spec.id}: no panels`);
  return {
    kind: 'figure',
    id: spec.id,
    title: spec.title,
    notes: [...(spec.notes ?? [])],
    plotly: { sv: figureIn(spec, 'sv'), en: figureIn(spec, 'en') },
  };
}
