/**
 * Context figures whose series the ISF report does not print (R23 Figures 1, 2 and B3):
 * only the values its text states are drawn, a point for a single year and value, a shaded
 * box for a range over years ("20–22 procent" 2018–2020), each series in its own colour, and
 * the note says that the figure holds the text's values, not the report's series. Nothing
 * is interpolated.
 */
import { formatNumber } from '../format/number';
import type { Label, Lang, PlotlyFigure, ReportFigure } from '../report/model';
import { LANGS } from '../report/model';

export interface Anchor {
  series: Label;
  yearFrom: number;
  yearTo: number;
  low: number;
  high: number;
  unit: 'count' | 'percent';
  source: string;
}

const COLORS = ['#1f4e79', '#c0504d', '#4f8a3c', '#8064a2'];

export function publishedAnchorsFigure(spec: { id: string; title: Label; yTitle: Label; anchors: readonly Anchor[]; xRange: [number, number]; notes?: readonly Label[] }): ReportFigure {
  if (spec.anchors.length === 0) throw new Error(`publishedAnchorsFigure ${spec.id}: no values`);
  const names = Array.from(new Set(spec.anchors.map((a) => a.series.sv)));
  const plotly = {} as Record<Lang, PlotlyFigure>;
  for (const lang of LANGS) {
    const data: unknown[] = [];
    names.forEach((name, k) => {
      const rows = spec.anchors.filter((a) => a.series.sv === name);
      const color = COLORS[k % COLORS.length];
      const label = rows[0].series[lang];
      const f = (x: number) => formatNumber(x, lang, { decimals: 0 }) + (rows[0].unit === 'percent' ? ' %' : '');
      const points = rows.filter((a) => a.yearFrom === a.yearTo && a.low === a.high);
      const ranges = rows.filter((a) => !(a.yearFrom === a.yearTo && a.low === a.high));
      if (points.length)
        data.push({
          type: 'scatter',
          mode: 'markers',
          name: label,
          legendgroup: label,
          x: points.map((a) => a.yearFrom),
          y: points.map((a) => a.low),
          marker: { color, size: 10 },
          text: points.map((a) => `${label}, ${a.yearFrom}: ${f(a.low)}`),
          hovertemplate: '%{text}<extra></extra>',
        });
      ranges.forEach((a, i) =>
        data.push({
          type: 'scatter',
          mode: 'lines',
          name: label,
          legendgroup: label,
          showlegend: points.length === 0 && i === 0,
          x: [a.yearFrom - 0.4, a.yearTo + 0.4, a.yearTo + 0.4, a.yearFrom - 0.4, a.yearFrom - 0.4],
          y: [a.low, a.low, a.high, a.high, a.low],
          fill: 'toself',
          fillcolor: `${color}55`,
          line: { color, width: 1 },
          text: `${label}, ${a.yearFrom}–${a.yearTo}: ${f(a.low)}–${f(a.high)}`,
          hoveron: 'fills',
          hoverinfo: 'text',
        }),
      );
    });
    plotly[lang] = { data, layout: { xaxis: { range: [spec.xRange[0] - 0.5, spec.xRange[1] + 0.5], dtick: 2 }, yaxis: { title: { text: spec.yTitle[lang] }, rangemode: 'tozero' }, hovermode: 'closest' } };
  }
  const sources = Array.from(new Set(spec.anchors.map((a) => a.source)));
  const note: Label = {
    sv: `ISF:s rapport återger inte serien bakom figuren; här visas bara de värden som rapportens text anger, utan att något fylls i mellan dem. Källor: ${sources.join('; ')}.`,
    en: `The ISF report does not print the series behind the figure; only the values its text states are shown, with nothing filled in between. Sources: ${sources.join('; ')}.`,
  };
  return { kind: 'figure', id: spec.id, title: spec.title, notes: [...(spec.notes ?? []), note], plotly };
}
