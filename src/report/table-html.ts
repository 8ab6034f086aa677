/**
 * A ReportTable as an HTML <table> in one language: the same markup in JupyterLab
 * (`show()`) and in the rendered report. Disclosure control is applied here, so no
 * path to the screen skips it. Every label is escaped.
 */
import { escapeHtml } from './escape';
import { discloseTable, formatCell } from './format-bridge';
import type { Lang, ReportTable } from './model';

export interface TableHtmlOptions {
  /** Caption prefix such as "Tabell 2.1"; without it the caption is the title alone. */
  number?: string;
}

export function tableHtml(input: ReportTable, lang: Lang, options: TableHtmlOptions = {}): string {
  const table = discloseTable(input);
  const width = table.columns.length + 1;
  const prefix = options.number ? `<span class="item-number">${escapeHtml(options.number)}</span> ` : '';
  const out: string[] = [];
  out.push(`<section class="report-item report-table" id="${escapeHtml(table.id)}">`);
  const starred = table.rows.some((r) => r.cells.some((c) => c.stars && !c.suppressed));
  out.push(starred ? '<table class="starred">' : '<table>');
  out.push(`<caption>${prefix}${escapeHtml(table.title[lang])}</caption>`);
  out.push('<thead><tr>');
  out.push(`<th scope="col" class="stub">${escapeHtml(table.stub?.[lang] ?? '')}</th>`);
  for (const col of table.columns) out.push(`<th scope="col">${escapeHtml(col.label[lang])}</th>`);
  out.push('</tr></thead>');
  out.push('<tbody>');
  for (const row of table.rows) {
    if (row.header) {
      out.push(`<tr class="group"><th scope="rowgroup" colspan="${width}">${escapeHtml(row.label[lang])}</th></tr>`);
      continue;
    }
    // Short row labels keep to one line (style.css); long ones may wrap.
    const wrap = row.label[lang].length > 40 ? ' class="wrap"' : '';
    out.push(`<tr><th scope="row"${wrap}>${escapeHtml(row.label[lang])}</th>`);
    for (const cell of row.cells) {
      const text = formatCell(cell, lang);
      const span = cell.span && cell.span > 1 ? ` colspan="${cell.span}"` : '';
      const isNumber = !cell.suppressed && !cell.text && typeof cell.value === 'number' && Number.isFinite(cell.value);
      const cls = isNumber ? 'num' : cell.text && !cell.suppressed ? 'text' : 'na';
      const se = text.se ? `<span class="se">${escapeHtml(text.se)}</span>` : '';
      const stars = cls === 'num' ? `<span class="stars">${escapeHtml(text.stars)}</span>` : '';
      out.push(`<td class="${cls}"${span}><span class="value">${escapeHtml(text.main)}</span>${stars}${se}</td>`);
    }
    out.push('</tr>');
  }
  out.push('</tbody></table>');
  const notes = table.notes.map((n) => n[lang]);
  if (notes.length > 0) {
    out.push('<div class="notes">');
    for (const note of notes) out.push(`<p>${escapeHtml(note)}</p>`);
    out.push('</div>');
  }
  out.push('</section>');
  return out.join('\n');
}
