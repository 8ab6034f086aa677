/**
 * A figure's plotly spec for the report page: the builder's figure with the report's house
 * style underneath (font, separators per language, margins, height). The builder's own
 * settings win; the width is left to the page so the chart fits screen and A4 alike.
 */
import type { Lang, PlotlyFigure } from '../src/report/model';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function deepMerge(base: Obj, over: Obj): Obj {
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isObj(v) && isObj(out[k]) ? deepMerge(out[k] as Obj, v) : v;
  return out;
}

export const FONT_FAMILY = '"Liberation Sans", Arial, "DejaVu Sans", Helvetica, sans-serif';

export function reportFigure(fig: PlotlyFigure, lang: Lang): PlotlyFigure {
  const house: Obj = {
    font: { family: FONT_FAMILY, size: 12, color: '#222' },
    separators: lang === 'sv' ? ', ' : '.,',
    height: 380,
    margin: { t: 40, r: 20, b: 60, l: 70 },
    paper_bgcolor: '#fff',
    plot_bgcolor: '#fff',
    colorway: ['#1f4e79', '#c0504d', '#6a8d2f', '#7f6084', '#d08a2c', '#4aacc6', '#7f7f7f'],
    xaxis: { gridcolor: '#e3e3e3', linecolor: '#888', zerolinecolor: '#888' },
    yaxis: { gridcolor: '#e3e3e3', linecolor: '#888', zerolinecolor: '#888' },
    legend: { orientation: 'h', x: 0, xanchor: 'left', y: 1.02, yanchor: 'bottom' },
    hoverlabel: { font: { family: FONT_FAMILY } },
  };
  const layout = deepMerge(house, fig.layout);
  delete layout.width;
  layout.autosize = true;
  return { data: fig.data, layout };
}
