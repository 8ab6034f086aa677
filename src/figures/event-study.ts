/**
 * Event-study figures (R24 Figures 2–7, R23 Figures 7–16): the effect in each month
 * relative to the start, months before the start in one colour and from the start on in
 * another, 95 % intervals as error bars, a dashed line at zero, and a hover text with the
 * event time, the effect, its interval and the number of persons behind it.
 *
 * Input rows are the `by` rows of a dynamic aggregation (src/estimate aggte: e, att, se,
 * lower, upper, n) or anything of that shape. Several panels (e.g. R24 Figure 5: social
 * assistance as indicator, in kronor and as main income source) stack vertically with
 * their own y axes. One complete plotly figure per language; numbers in the hover text are
 * formatted by src/format, so they follow the language's conventions.
 */
import type { MeasureUnit } from '../data/schema';
import { formatNumber, numberFormatFor } from '../format/number';
import type { Label, Lang, NumberFormat, PlotlyFigure, ReportFigure } from '../report/model';
import { LANGS } from '../report/model';

export interface EventPoint {
  /** Event time (periods since the start; 0 = the start month). */
  readonly e: number;
  readonly att: number | null;
  readonly se?: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  /** Persons (treated units) behind the estimate. */
  readonly n: number;
}

export interface EventPanel {
  readonly rows: readonly EventPoint[];
  /** y-axis title, e.g. "Kronor per månad". */
  readonly yTitle: Label;
  /** The outcome's measure unit: chooses the decimals of the hover numbers. */
  readonly unit: MeasureUnit;
  /** Title above the panel (figures with several panels). */
  readonly title?: Label;
}

export interface EventStudySpec {
  readonly id: string;
  readonly title: Label;
  readonly panels: readonly EventPanel[];
  /** Window shown (default: the rows' range). */
  readonly minE?: number;
  readonly maxE?: number;
  /** x-axis title (default: months relative to the first meeting). */
  readonly xTitle?: Label;
  /** Legend names of the two series (default: before / from the first meeting). */
  readonly preName?: Label;
  readonly postName?: Label;
  /** Notes before the generated one describing the marks. */
  readonly notes?: readonly Label[];
  /** Confidence level of the rows' intervals, for the hover text and note (default 0.95). */
  readonly level?: number;
  /**
   * Colours of the two series: `r24` red before, blue from the start (R24: "*före*
   * (illustrerat med rött) och *efter* (illustrerat med blått)"), the default; `r23` blue
   * before, red after (R23: "De blå punkterna markerar tiden före och de röda punkterna
   * tiden efter").
   */
  readonly colors?: 'r24' | 'r23';
}

export const PRE_COLOR = '#c0504d';
export const POST_COLOR = '#1f4e79';
const RED: Label = { sv: 'röda', en: 'red' };
const BLUE: Label = { sv: 'blå', en: 'blue' };

/** The series colours and their words for a colour scheme. */
function scheme(colors: 'r24' | 'r23' = 'r24'): { pre: string; post: string; preWord: Label; postWord: Label } {
  return colors === 'r23' ? { pre: POST_COLOR, post: PRE_COLOR, preWord: BLUE, postWord: RED } : { pre: PRE_COLOR, post: POST_COLOR, preWord: RED, postWord: BLUE };
}

const WORDS = {
  month: { sv: 'Månad', en: 'Month' },
  effect: { sv: 'Effekt', en: 'Effect' },
  interval: { sv: 'KI', en: 'CI' },
  to: { sv: 'till', en: 'to' },
  persons: { sv: 'Personer', en: 'Persons' },
  xTitle: { sv: 'Månader i förhållande till första mötet (0 = mötesmånaden)', en: 'Months relative to the first meeting (0 = month of the meeting)' },
  pre: { sv: 'Före första mötet', en: 'Before the first meeting' },
  post: { sv: 'Från första mötet', en: 'From the first meeting' },
} satisfies Record<string, Label>;

function finite(x: number | null | undefined): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

function percentText(level: number, lang: Lang): string {
  return formatNumber(level, lang, { decimals: 0, percent: true });
}

/** Decimals for a panel's hover numbers: from the unit and the median standard error. */
export function panelFormat(panel: EventPanel): NumberFormat {
  const ses = panel.rows.map((r) => r.se).filter((s): s is number => finite(s) && s > 0).sort((a, b) => a - b);
  return numberFormatFor(panel.unit, 'effect', ses.length ? ses[Math.floor(ses.length / 2)] : undefined);
}

/** The hover text of one point. */
export function hoverText(r: EventPoint, format: NumberFormat, lang: Lang, level = 0.95): string {
  const f = (x: number): string => formatNumber(x, lang, format);
  const lines = [`${WORDS.month[lang]} ${formatNumber(r.e, lang, { decimals: 0 })}`, `${WORDS.effect[lang]}: ${finite(r.att) ? f(r.att) : '–'}`];
  if (finite(r.lower) && finite(r.upper)) lines.push(`${percentText(level, lang)} ${WORDS.interval[lang]}: ${f(r.lower)} ${WORDS.to[lang]} ${f(r.upper)}`);
  lines.push(`${WORDS.persons[lang]}: ${formatNumber(r.n, lang, { decimals: 0 })}`);
  return lines.join('<br>');
}

function axisSuffix(i: number): string {
  return i === 0 ? '' : String(i + 1);
}

function seriesTrace(points: EventPoint[], name: string, color: string, format: NumberFormat, lang: Lang, i: number, level: number, showLegend: boolean): Record<string, unknown> {
  const s = axisSuffix(i);
  return {
    type: 'scatter',
    mode: 'markers',
    name,
    legendgroup: name,
    showlegend: showLegend,
    x: points.map((p) => p.e),
    y: points.map((p) => p.att),
    marker: { color, size: 6 },
    error_y: {
      type: 'data',
      symmetric: false,
      array: points.map((p) => (finite(p.upper) && finite(p.att) ? p.upper - p.att : null)),
      arrayminus: points.map((p) => (finite(p.lower) && finite(p.att) ? p.att - p.lower : null)),
      color,
      thickness: 1.2,
      width: 0,
    },
    text: points.map((p) => hoverText(p, format, lang, level)),
    hovertemplate: '%{text}<extra></extra>',
    xaxis: `x${s}`,
    yaxis: `y${s}`,
  };
}

function figureFor(spec: EventStudySpec, lang: Lang): PlotlyFigure {
  const level = spec.level ?? 0.95;
  const data: Record<string, unknown>[] = [];
  const layout: Record<string, unknown> = {};
  const shapes: Record<string, unknown>[] = [];
  const annotations: Record<string, unknown>[] = [];
  const inWindow = (e: number): boolean => (spec.minE === undefined || e >= spec.minE) && (spec.maxE === undefined || e <= spec.maxE);
  const allE = spec.panels.flatMap((p) => p.rows.map((r) => r.e)).filter(inWindow);
  const lo = spec.minE ?? Math.min(...allE);
  const hi = spec.maxE ?? Math.max(...allE);
  spec.panels.forEach((panel, i) => {
    const format = panelFormat(panel);
    const rows = panel.rows.filter((r) => inWindow(r.e) && finite(r.att));
    const pre = rows.filter((r) => r.e < 0);
    const post = rows.filter((r) => r.e >= 0);
    const c = scheme(spec.colors);
    data.push(seriesTrace(pre, (spec.preName ?? WORDS.pre)[lang], c.pre, format, lang, i, level, i === 0));
    data.push(seriesTrace(post, (spec.postName ?? WORDS.post)[lang], c.post, format, lang, i, level, i === 0));
    const s = axisSuffix(i);
    const last = i === spec.panels.length - 1;
    const xaxis: Record<string, unknown> = { range: [lo - 1, hi + 1], dtick: 10, zeroline: false };
    if (last) xaxis.title = { text: (spec.xTitle ?? WORDS.xTitle)[lang] };
    layout[`xaxis${s}`] = xaxis;
    layout[`yaxis${s}`] = { zeroline: false, title: { text: panel.yTitle[lang] } };
    shapes.push({ type: 'line', xref: `x${s} domain`, x0: 0, x1: 1, yref: `y${s}`, y0: 0, y1: 0, line: { color: '#444', width: 1, dash: 'dash' } });
    if (panel.title) {
      annotations.push({ text: `<b>${panel.title[lang]}</b>`, xref: `x${s} domain`, yref: `y${s} domain`, x: 0, y: 1.02, xanchor: 'left', yanchor: 'bottom', showarrow: false });
    }
  });
  if (spec.panels.length > 1) {
    layout.grid = { rows: spec.panels.length, columns: 1, pattern: 'independent', roworder: 'top to bottom', ygap: 0.25 };
    layout.height = 90 + 260 * spec.panels.length;
    // Room between the legend and the first panel's title.
    layout.margin = { t: 70 };
  }
  layout.shapes = shapes;
  if (annotations.length) layout.annotations = annotations;
  layout.hovermode = 'closest';
  return { data, layout };
}

/**
 * What the marks mean, in both languages, in the words of the figure's own legend (so a
 * study whose month 0 is not a first meeting is described correctly).
 */
export function eventStudyNote(level = 0.95, pre: Label = WORDS.pre, post: Label = WORDS.post, colors: 'r24' | 'r23' = 'r24'): Label {
  const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
  const c = scheme(colors);
  return {
    sv:
      `Punkterna är skattade effekter per månad (${c.preWord.sv}: ${lower(pre.sv)}, ${c.postWord.sv}: ${lower(post.sv)}), ` +
      `strecken ${percentText(level, 'sv')}-konfidensintervall; den streckade linjen markerar noll.`,
    en:
      `Points are estimated effects by month (${c.preWord.en}: ${lower(pre.en)}, ${c.postWord.en}: ${lower(post.en)}), ` +
      `bars ${percentText(level, 'en')} confidence intervals; the dashed line marks zero.`,
  };
}

export function eventStudyFigure(spec: EventStudySpec): ReportFigure {
  if (spec.panels.length === 0) throw new Error(`eventStudyFigure ${spec.id}: no panels`);
  const plotly = {} as Record<Lang, PlotlyFigure>;
  for (const lang of LANGS) plotly[lang] = figureFor(spec, lang);
  return { kind: 'figure', id: spec.id, title: spec.title, notes: [...(spec.notes ?? []), eventStudyNote(spec.level, spec.preName, spec.postName, spec.colors)], plotly };
}
