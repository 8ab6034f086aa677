/**
 * Items as plain text: what `show()` prints outside a kernel and the text/plain part of
 * the MIME bundle. Tables are aligned columns; a value's standard error follows it.
 */
import { discloseTable, formatCell } from './format-bridge';
import type { Lang, ReportFigure, ReportItem, ReportTable } from './model';

function tablePlain(input: ReportTable, lang: Lang): string {
  const table = discloseTable(input);
  const header = [table.stub?.[lang] ?? '', ...table.columns.map((c) => c.label[lang])];
  const lines: string[][] = [header];
  for (const row of table.rows) {
    if (row.header) {
      lines.push([row.label[lang]]);
      continue;
    }
    const cells = row.cells.map((cell) => {
      const text = formatCell(cell, lang);
      return text.main + text.stars + (text.se ? ` ${text.se}` : '');
    });
    lines.push(['  ' + row.label[lang], ...cells]);
  }
  const widths = header.map((_, j) => Math.max(...lines.filter((l) => l.length > 1).map((l) => (l[j] ?? '').length)));
  const body = lines.map((l) =>
    l.length === 1 ? l[0] : l.map((s, j) => (j === 0 ? s.padEnd(widths[0]) : s.padStart(widths[j]))).join('  ').trimEnd(),
  );
  return [`[${table.id}] ${table.title[lang]}`, ...body, ...table.notes.map((n) => n[lang])].join('\n');
}

function figurePlain(figure: ReportFigure, lang: Lang): string {
  const traces = (figure.plotly[lang].data as { name?: unknown }[]).map((t) => (typeof t.name === 'string' ? t.name : '?'));
  return [`[${figure.id}] ${figure.title[lang]}`, `(plotly: ${traces.join(', ')})`, ...figure.notes.map((n) => n[lang])].join('\n');
}

export function plainText(item: ReportItem, lang: Lang): string {
  switch (item.kind) {
    case 'table':
      return tablePlain(item, lang);
    case 'figure':
      return figurePlain(item, lang);
    case 'text':
      return item.markdown[lang];
  }
}
