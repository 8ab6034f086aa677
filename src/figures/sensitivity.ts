/**
 * The sensitivity figure (HonestDiD's familiar plot): the original interval on the left, then
 * the robust confidence sets for each Mbar (relative magnitudes), as vertical bars, with a
 * dashed line at zero. One complete plotly figure per language.
 */
import type { MeasureUnit } from '../data/schema';
import { formatNumber } from '../format/number';
import type { Label, Lang, PlotlyFigure, ReportFigure } from '../report/model';
import { LANGS } from '../report/model';
import type { SensitivityResult } from '../sensitivity/index';
import { sensitivityFormat } from '../tables/sensitivity';

export interface SensitivityFigureSpec {
  readonly id: string;
  readonly title: Label;
  readonly result: SensitivityResult;
  readonly unit: MeasureUnit;
  readonly yTitle: Label;
  /** Which restriction to plot against its bound (default rm). */
  readonly kind?: 'rm' | 'sd';
  readonly notes?: readonly Label[];
}

const ORIGINAL_COLOR = '#c0504d';
const ROBUST_COLOR = '#1f4e79';

function figureFor(spec: SensitivityFigureSpec, lang: Lang): PlotlyFigure {
  const r = spec.result;
  const kind = spec.kind ?? 'rm';
  const f = sensitivityFormat(spec.unit, r);
  const n = (x: number) => formatNumber(x, lang, f);
  const rows = kind === 'rm' ? r.rm.map((x) => ({ b: x.mbar, lb: x.lb, ub: x.ub })) : r.sd.map((x) => ({ b: x.m, lb: x.lb, ub: x.ub }));
  const sym = kind === 'rm' ? 'M̄' : 'M';
  const labels = rows.map((x) => `${sym} = ${formatNumber(x.b, lang, { decimals: kind === 'rm' ? 1 : Math.max(0, 1 - Math.floor(Math.log10(Math.max(x.b, 1e-12)))) })}`);
  const origLabel = lang === 'sv' ? 'Ursprungligt' : 'Original';
  const trace = (xs: string[], items: { lb: number | null; ub: number | null }[], name: string, color: string) => ({
    type: 'scatter',
    mode: 'markers',
    name,
    x: xs,
    y: items.map((x) => (x.lb !== null && x.ub !== null ? (x.lb + x.ub) / 2 : null)),
    marker: { color, size: 1, opacity: 0 },
    error_y: {
      type: 'data',
      symmetric: false,
      array: items.map((x) => (x.lb !== null && x.ub !== null ? (x.ub - x.lb) / 2 : null)),
      arrayminus: items.map((x) => (x.lb !== null && x.ub !== null ? (x.ub - x.lb) / 2 : null)),
      color,
      thickness: 3,
      width: 8,
    },
    text: items.map((x) => (x.lb !== null && x.ub !== null ? `${n(x.lb)} ${lang === 'sv' ? 'till' : 'to'} ${n(x.ub)}` : lang === 'sv' ? 'tom' : 'empty')),
    hovertemplate: '%{x}: %{text}<extra></extra>',
  });
  const data = [
    trace([origLabel], [r.original], lang === 'sv' ? 'Ursprungligt intervall' : 'Original interval', ORIGINAL_COLOR),
    trace(labels, rows, kind === 'rm' ? (lang === 'sv' ? 'Relativa storlekar (C-LF)' : 'Relative magnitudes (C-LF)') : lang === 'sv' ? 'Jämnhet (FLCI)' : 'Smoothness (FLCI)', ROBUST_COLOR),
  ];
  const layout: Record<string, unknown> = {
    xaxis: { type: 'category', categoryorder: 'array', categoryarray: [origLabel, ...labels], title: { text: kind === 'rm' ? (lang === 'sv' ? 'Högsta tillåtna M̄' : 'Largest allowed M̄') : lang === 'sv' ? 'Högsta tillåtna M' : 'Largest allowed M' } },
    yaxis: { zeroline: false, title: { text: spec.yTitle[lang] } },
    shapes: [{ type: 'line', xref: 'x domain', x0: 0, x1: 1, yref: 'y', y0: 0, y1: 0, line: { color: '#444', width: 1, dash: 'dash' } }],
    hovermode: 'closest',
  };
  return { data, layout };
}

export function sensitivityNote(kind: 'rm' | 'sd' = 'rm'): Label {
  return kind === 'rm'
    ? {
        sv: 'Staplarna är 95-procentiga konfidensmängder: längst till vänster det ursprungliga intervallet (parallella trender), sedan de robusta mängderna när avvikelsen efter starten får ändras med upp till M̄ gånger den största månadsändringen före starten. Den streckade linjen markerar noll.',
        en: "Bars are 95 % confidence sets: on the left the original interval (parallel trends), then the robust sets when the deviation after the start may change by up to M̄ times the largest month-to-month change before the start. The dashed line marks zero.",
      }
    : {
        sv: 'Staplarna är 95-procentiga konfidensintervall: längst till vänster det ursprungliga (parallella trender), sedan FLCI när avvikelsens lutning får ändras med upp till M per månad. Den streckade linjen markerar noll.',
        en: 'Bars are 95 % confidence intervals: on the left the original (parallel trends), then the FLCI when the slope of the deviation may change by up to M per month. The dashed line marks zero.',
      };
}

export function sensitivityFigure(spec: SensitivityFigureSpec): ReportFigure {
  const plotly = {} as Record<Lang, PlotlyFigure>;
  for (const lang of LANGS) plotly[lang] = figureFor(spec, lang);
  return { kind: 'figure', id: spec.id, title: spec.title, notes: [...(spec.notes ?? []), sensitivityNote(spec.kind ?? 'rm')], plotly };
}
