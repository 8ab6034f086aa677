/**
 * A figure's text alternative, generated from the plotly figure it draws: a short
 * description (kind of chart, what is plotted on each axis, the range of the plotted
 * values and of their intervals) and the plotted numbers as tables, one per panel. The
 * report puts the description in the chart's accessible name (and thus the tagged PDF's
 * alt text) and the tables under a toggle; both come from the same traces the chart draws,
 * so they cannot disagree with it.
 */
import { escapeHtml } from './escape';
import { formatNumber } from './format-bridge';
import type { Lang, PlotlyFigure, ReportFigure } from './model';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface FigureSeries {
  name: string;
  kind: 'bar' | 'line' | 'markers';
  x: (number | string)[];
  y: (number | null)[];
  /** Interval ends where the trace has error bars. */
  lower?: (number | null)[];
  upper?: (number | null)[];
  /** Category labels where the y values are categories (a timeline's rows), not numbers. */
  categories?: string[];
}

export interface FigurePanel {
  /** Panel title (several panels), else null. */
  title: string | null;
  xTitle: string | null;
  yTitle: string | null;
  /** x values are months ("2019-08"). */
  months: boolean;
  series: FigureSeries[];
}

const WORDS = {
  bar: { sv: 'Stapeldiagram', en: 'Bar chart' },
  line: { sv: 'Linjediagram', en: 'Line chart' },
  markers: { sv: 'Punktdiagram', en: 'Dot chart' },
  mixed: { sv: 'Diagram', en: 'Chart' },
  panels: { sv: 'delfigurer', en: 'panels' },
  series: { sv: 'Serier', en: 'Series' },
  xAxis: { sv: 'Vågrät axel', en: 'Horizontal axis' },
  yAxis: { sv: 'lodrät axel', en: 'vertical axis' },
  values: { sv: 'De visade värdena ligger mellan', en: 'The plotted values range from' },
  categories: { sv: 'De visade kategorierna är', en: 'The categories shown are' },
  intervals: { sv: 'intervallen från', en: 'the intervals from' },
  and: { sv: 'och', en: 'to' },
  to: { sv: 'till', en: 'to' },
  lower: { sv: 'nedre gräns', en: 'lower bound' },
  upper: { sv: 'övre gräns', en: 'upper bound' },
  value: { sv: 'Värde', en: 'Value' },
  x: { sv: 'x', en: 'x' },
  panel: { sv: 'Delfigur', en: 'Panel' },
  category: { sv: 'Kategori', en: 'Category' },
} as const;

const MONTHS: Record<Lang, string[]> = {
  sv: ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};
const MONTH = /^(\d{4})-(\d{2})(?:-\d{2})?$/;

function titleOf(axis: unknown): string | null {
  if (!isObj(axis)) return null;
  const t = axis.title;
  const text = typeof t === 'string' ? t : isObj(t) && typeof t.text === 'string' ? t.text : null;
  return text && text.trim() ? text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim() : null;
}

const axisKey = (ref: unknown, kind: 'x' | 'y') => (typeof ref === 'string' && ref.length > 1 ? `${kind}axis${ref.slice(1)}` : `${kind}axis`);

function numbers(v: unknown): (number | null)[] {
  if (!Array.isArray(v) && !ArrayBuffer.isView(v)) return [];
  return Array.from(v as ArrayLike<unknown>, (x) => (typeof x === 'number' && Number.isFinite(x) ? x : null));
}

function seriesOf(trace: Obj, index: number): FigureSeries | null {
  const type = trace.type ?? 'scatter';
  if (type !== 'scatter' && type !== 'bar') return null;
  if (trace.visible === false || trace.hoverinfo === 'skip' && !Array.isArray(trace.x)) return null;
  const xs = Array.isArray(trace.x) ? (trace.x as unknown[]) : [];
  const y = numbers(trace.y);
  if (y.length === 0) return null;
  const x = xs.length === y.length ? xs.map((v) => (typeof v === 'number' || typeof v === 'string' ? v : String(v))) : y.map((_, i) => i);
  const mode = typeof trace.mode === 'string' ? trace.mode : 'lines';
  const kind: FigureSeries['kind'] = type === 'bar' ? 'bar' : mode.includes('lines') ? 'line' : 'markers';
  const out: FigureSeries = { name: typeof trace.name === 'string' && trace.name ? trace.name : `${index + 1}`, kind, x, y };
  // A categorical y axis (e.g. a timeline's rows): no numeric range to state, so name the categories.
  if (y.every((v) => v === null) && Array.isArray(trace.y)) out.categories = (trace.y as unknown[]).map((v) => (v === null || v === undefined ? '' : String(v)));
  const err = trace.error_y;
  if (isObj(err) && err.visible !== false && (err.type === undefined || err.type === 'data')) {
    const up = numbers(err.array);
    const down = err.symmetric === false ? numbers(err.arrayminus) : up;
    if (up.length === y.length) {
      out.upper = y.map((v, i) => (v !== null && up[i] !== null ? v + (up[i] as number) : null));
      out.lower = y.map((v, i) => (v !== null && down[i] !== null && down[i] !== undefined ? v - (down[i] as number) : null));
    }
  }
  return out;
}

/** Panel titles of multi-panel figures are paper annotations at the top left of a panel's domain. */
function panelTitle(layout: Obj, xKey: string, yKey: string): string | null {
  const xa = layout[xKey];
  const ya = layout[yKey];
  const xd = isObj(xa) && Array.isArray(xa.domain) ? (xa.domain as number[]) : null;
  const yd = isObj(ya) && Array.isArray(ya.domain) ? (ya.domain as number[]) : null;
  if (!xd || !yd) return null;
  const notes = Array.isArray(layout.annotations) ? (layout.annotations as unknown[]).filter(isObj) : [];
  const hit = notes.find(
    (a) => a.xref === 'paper' && a.yref === 'paper' && typeof a.text === 'string' && Math.abs(Number(a.x) - xd[0]) < 0.02 && Math.abs(Number(a.y) - yd[1]) < 0.05,
  );
  return hit ? String(hit.text).replace(/<[^>]*>/g, ' ').trim() : null;
}

/** The plotted series of a figure, grouped by panel (pair of axes), in drawing order. */
export function figurePanels(fig: PlotlyFigure): FigurePanel[] {
  const layout = fig.layout ?? {};
  const panels = new Map<string, FigurePanel>();
  fig.data.forEach((raw, i) => {
    if (!isObj(raw)) return;
    const s = seriesOf(raw, i);
    if (!s) return;
    const xKey = axisKey(raw.xaxis, 'x');
    const yKey = axisKey(raw.yaxis, 'y');
    const key = `${xKey}/${yKey}`;
    let panel = panels.get(key);
    if (!panel) {
      const xa = layout[xKey];
      const months = (isObj(xa) && xa.type === 'date') || (s.x.length > 0 && s.x.every((v) => typeof v === 'string' && MONTH.test(v)));
      panel = { title: panelTitle(layout, xKey, yKey), xTitle: titleOf(layout[xKey]), yTitle: titleOf(layout[yKey]), months, series: [] };
      panels.set(key, panel);
    }
    panel.series.push(s);
  });
  const list = [...panels.values()];
  // A panel without its own axis title takes the title of the panel on its row or column.
  const anyX = list.find((p) => p.xTitle)?.xTitle ?? null;
  const anyY = list.find((p) => p.yTitle)?.yTitle ?? null;
  for (const p of list) {
    p.xTitle ??= anyX;
    p.yTitle ??= anyY;
  }
  return list;
}

/** Decimals that show the values' differences: more for small magnitudes. */
function decimalsFor(values: number[]): number {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return 0;
  if (finite.every((v) => Number.isInteger(v))) return 0;
  const big = Math.max(...finite.map((v) => Math.abs(v)));
  return big >= 100 ? 0 : big >= 10 ? 1 : big >= 1 ? 2 : 3;
}

function formatX(v: number | string, lang: Lang, months: boolean): string {
  if (typeof v === 'string') {
    const m = MONTH.exec(v);
    if (months && m) return `${MONTHS[lang][Number(m[2]) - 1]} ${m[1]}`;
    return v;
  }
  return formatNumber(v, lang, { decimals: Number.isInteger(v) ? 0 : 2 });
}

function range(values: (number | null | undefined)[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return lo <= hi ? [lo, hi] : null;
}

/** "Punktdiagram i 2 delfigurer. Serier: … Vågrät axel: …; lodrät axel: …. De visade värdena …" */
export function figureDescription(fig: PlotlyFigure, lang: Lang): string {
  const panels = figurePanels(fig);
  const series = panels.flatMap((p) => p.series);
  if (series.length === 0) return '';
  const kinds = new Set(series.map((s) => s.kind));
  const kind = kinds.size === 1 ? WORDS[[...kinds][0]][lang] : WORDS.mixed[lang];
  const parts: string[] = [];
  const titled = panels.filter((p) => p.title).map((p) => p.title);
  parts.push(panels.length > 1 ? `${kind}, ${panels.length} ${WORDS.panels[lang]}${titled.length ? ` (${titled.join('; ')})` : ''}.` : `${kind}.`);
  const names = [...new Set(series.map((s) => s.name))];
  if (names.length > 1 || !/^\d+$/.test(names[0])) parts.push(`${WORDS.series[lang]}: ${names.join(', ')}.`);
  const allX = series.flatMap((s) => s.x);
  const months = panels.every((p) => p.months);
  const xs = months
    ? [...allX].map(String).sort()
    : [...allX].filter((v): v is number => typeof v === 'number').sort((a, b) => a - b);
  const xFrom = xs.length > 0 ? formatX(xs[0], lang, months) : '';
  const xTo = xs.length > 0 ? formatX(xs[xs.length - 1], lang, months) : '';
  const xTitle = panels[0].xTitle;
  const yTitle = panels[0].yTitle;
  const xPart = xs.length > 0 && xFrom !== xTo ? `${xTitle ? `${xTitle}, ` : ''}${xFrom} ${WORDS.to[lang]} ${xTo}` : xTitle ?? '';
  const axes = [xPart ? `${WORDS.xAxis[lang]}: ${xPart}` : '', yTitle ? `${xPart ? WORDS.yAxis[lang] : WORDS.yAxis[lang].replace(/^./, (c) => c.toUpperCase())}: ${yTitle}` : ''].filter(Boolean);
  if (axes.length) parts.push(`${axes.join('; ')}.`);
  // One range for panels on the same scale; a range per panel when their y axes differ.
  const sameScale = new Set(panels.map((p) => p.yTitle ?? '')).size === 1;
  const groups = sameScale ? [{ label: null as string | null, series }] : panels.map((p, k) => ({ label: p.title ?? `${WORDS.panel[lang]} ${k + 1}`, series: p.series }));
  const ranges = groups.map((g) => {
    const ys = range(g.series.flatMap((s) => s.y));
    if (!ys) return null;
    const d = decimalsFor(g.series.flatMap((s) => s.y.filter((v): v is number => v !== null)));
    const f = (v: number) => formatNumber(v, lang, { decimals: d });
    let text = `${WORDS.values[lang]} ${f(ys[0])} ${WORDS.and[lang]} ${f(ys[1])}`;
    const lo = range(g.series.flatMap((s) => s.lower ?? []));
    const hi = range(g.series.flatMap((s) => s.upper ?? []));
    if (lo && hi) text += `, ${WORDS.intervals[lang]} ${f(lo[0])} ${WORDS.to[lang]} ${f(hi[1])}`;
    return g.label ? `${g.label}: ${text.charAt(0).toLowerCase()}${text.slice(1)}` : text;
  });
  const said = ranges.filter((r): r is string => r !== null);
  if (said.length) parts.push(`${said.join('; ')}.`);
  const categories = [...new Set(series.flatMap((s) => s.categories ?? []).filter((c) => c.trim() !== ''))];
  if (said.length === 0 && categories.length > 0) parts.push(`${WORDS.categories[lang]} ${categories.join(', ')}.`);
  return parts.join(' ');
}

/** The plotted numbers as HTML tables, one per panel: a row per x value, a column per series. */
export function figureDataHtml(fig: PlotlyFigure, lang: Lang, caption: string): string {
  const panels = figurePanels(fig);
  return panels
    .map((p, k) => {
      const title = panels.length > 1 ? `${caption}, ${p.title ?? `${WORDS.panel[lang]} ${k + 1}`}` : caption;
      if (p.series.length > 0 && p.series.every((s) => s.categories && s.categories.length === s.x.length)) return categoryTable(p, lang, title);
      const xs: (number | string)[] = [];
      const seen = new Set<string>();
      for (const s of p.series) {
        for (const x of s.x) {
          const key = `${typeof x}:${x}`;
          if (!seen.has(key)) {
            seen.add(key);
            xs.push(x);
          }
        }
      }
      if (p.months || xs.every((x) => typeof x === 'number')) {
        xs.sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))));
      }
      const d = decimalsFor(p.series.flatMap((s) => [...s.y, ...(s.lower ?? []), ...(s.upper ?? [])].filter((v): v is number => v !== null)));
      const f = (v: number | null | undefined) => (typeof v === 'number' ? formatNumber(v, lang, { decimals: d }) : '');
      const head: string[] = [`<th scope="col">${escapeHtml(p.xTitle ?? WORDS.x[lang])}</th>`];
      for (const s of p.series) {
        const name = p.series.length > 1 || !/^\d+$/.test(s.name) ? s.name : p.yTitle ?? WORDS.value[lang];
        head.push(`<th scope="col">${escapeHtml(name)}</th>`);
        if (s.lower) {
          head.push(`<th scope="col">${escapeHtml(`${name}: ${WORDS.lower[lang]}`)}</th>`);
          head.push(`<th scope="col">${escapeHtml(`${name}: ${WORDS.upper[lang]}`)}</th>`);
        }
      }
      const index = p.series.map((s) => new Map(s.x.map((x, i) => [`${typeof x}:${x}`, i])));
      const rows = xs.map((x) => {
        const cells = [`<th scope="row">${escapeHtml(formatX(x, lang, p.months))}</th>`];
        p.series.forEach((s, j) => {
          const i = index[j].get(`${typeof x}:${x}`);
          cells.push(`<td>${f(i === undefined ? null : s.y[i])}</td>`);
          if (s.lower) cells.push(`<td>${f(i === undefined ? null : s.lower[i])}</td>`, `<td>${f(i === undefined ? null : s.upper?.[i])}</td>`);
        });
        return `<tr>${cells.join('')}</tr>`;
      });
      return `<table class="figure-data"><caption>${escapeHtml(title)}</caption><thead><tr>${head.join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
    })
    .join('\n');
}

/** A panel whose y values are categories (a timeline): a row per plotted point, its category and x value. */
function categoryTable(p: FigurePanel, lang: Lang, title: string): string {
  const head = `<th scope="col">${escapeHtml(p.yTitle ?? WORDS.category[lang])}</th><th scope="col">${escapeHtml(p.xTitle ?? WORDS.x[lang])}</th>`;
  const rows = p.series.flatMap((s) => s.x.map((x, i) => `<tr><th scope="row">${escapeHtml(s.categories![i])}</th><td>${escapeHtml(formatX(x, lang, p.months))}</td></tr>`));
  return `<table class="figure-data"><caption>${escapeHtml(title)}</caption><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** Description of a report figure in one language (the builder's figure, both languages alike). */
export function describeFigure(fig: ReportFigure, lang: Lang): string {
  return figureDescription(fig.plotly[lang], lang);
}
