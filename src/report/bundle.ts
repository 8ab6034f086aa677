/**
 * The MIME bundle `show()` sends for one item. The `application/vnd.finsam.item+json`
 * part carries the item itself (both languages) and is all the render step reads; the
 * other parts are for people looking at the notebook in JupyterLab, in one language.
 */
import { ITEM_MIME, PLOTLY_MIME, type Lang, type PlotlyFigure, type ReportFigure, type ReportItem } from './model';
import { escapeHtml } from './escape';
import { notebookTableHtml } from './notebook-style';
import { plainText } from './plain-text';
import { tableHtml } from './table-html';

/** The item as plain JSON: typed arrays become arrays, NaN and ±Infinity become null. */
export function toJsonItem(item: ReportItem): ReportItem {
  return JSON.parse(
    JSON.stringify(item, (_key, value) => (ArrayBuffer.isView(value) && !(value instanceof DataView) ? Array.from(value as unknown as ArrayLike<number>) : value)),
  );
}

export function mimeBundle(input: ReportItem, lang: Lang): Record<string, unknown> {
  const item = toJsonItem(input);
  const data: Record<string, unknown> = { [ITEM_MIME]: item };
  if (item.kind === 'table') data['text/html'] = notebookTableHtml(tableHtml(item, lang));
  if (item.kind === 'figure') data[PLOTLY_MIME] = notebookFigure(item, lang);
  if (item.kind === 'text') data['text/markdown'] = item.markdown[lang];
  data['text/plain'] = plainText(item, lang);
  return data;
}

/**
 * The figure as JupyterLab shows it: the report prints the title around the chart, a
 * notebook output has nothing around it, so the title (with the id, to tell figures apart)
 * goes into the plotly layout. The notes follow as their own output (`figureNotesHtml`).
 */
export function notebookFigure(item: ReportFigure, lang: Lang): PlotlyFigure {
  const fig = item.plotly[lang];
  const margin = (fig.layout.margin as Record<string, number> | undefined) ?? {};
  return {
    data: fig.data,
    layout: {
      ...fig.layout,
      title: { text: `${escapeHtml(item.title[lang])} <span style="font-size:0.8em;color:#777">(${escapeHtml(item.id)})</span>`, x: 0, xanchor: 'left' },
      margin: { ...margin, t: Math.max(margin.t ?? 0, 70) },
    },
  };
}

/**
 * A figure's notes for the notebook view, as HTML only (no text/plain: the render step
 * takes plain text of outputs into the code log, and the report prints notes itself).
 */
export function figureNotesHtml(item: ReportFigure, lang: Lang): string | null {
  if (item.notes.length === 0) return null;
  const ps = item.notes.map((n) => `<p style="margin:0.15em 0;max-width:46em">${escapeHtml(n[lang])}</p>`).join('');
  return `<div class="finsam-nb-notes" style="font-size:0.8em;color:#666">${ps}</div>`;
}
