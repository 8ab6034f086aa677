/**
 * The MIME bundle `show()` sends for one item. The `application/vnd.finsam.item+json`
 * part carries the item itself (both languages) and is all the render step reads; the
 * other parts are for people looking at the notebook in JupyterLab, in one language.
 */
import { ITEM_MIME, PLOTLY_MIME, type Lang, type ReportItem } from './model';
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
  if (item.kind === 'table') data['text/html'] = tableHtml(item, lang);
  if (item.kind === 'figure') data[PLOTLY_MIME] = item.plotly[lang];
  if (item.kind === 'text') data['text/markdown'] = item.markdown[lang];
  data['text/plain'] = plainText(item, lang);
  return data;
}
