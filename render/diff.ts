/**
 * Numbers that changed between two versions: every (table id, row, column) whose value,
 * standard error or stars differ, and every number that appeared or disappeared. Exact
 * comparison, so two renders of the same inputs give no differences at all.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { escapeHtml } from '../src/report/escape';
import type { NumberRecord } from '../src/report/numbers';
import { RenderError } from './errors';

export interface NumberChange {
  id: string;
  row: string;
  column: string;
  field: 'value' | 'se' | 'stars';
  old: number | string | null;
  new: number | string | null;
  /** new − old when both are numbers. */
  delta: number | null;
}

const key = (r: NumberRecord) => `${r.id}\u0000${r.row}\u0000${r.column}`;

export function diffNumbers(before: NumberRecord[], after: NumberRecord[]): NumberChange[] {
  const old = new Map(before.map((r) => [key(r), r]));
  const seen = new Set<string>();
  const changes: NumberChange[] = [];
  const push = (r: NumberRecord, field: NumberChange['field'], a: number | string | null, b: number | string | null) => {
    const delta = typeof a === 'number' && typeof b === 'number' ? b - a : null;
    changes.push({ id: r.id, row: r.row, column: r.column, field, old: a, new: b, delta });
  };
  for (const r of after) {
    const k = key(r);
    seen.add(k);
    const o = old.get(k);
    if (!o) {
      push(r, 'value', null, r.value);
      continue;
    }
    if (!Object.is(o.value, r.value)) push(r, 'value', o.value, r.value);
    if (!Object.is(o.se, r.se)) push(r, 'se', o.se, r.se);
    if (o.stars !== r.stars) push(r, 'stars', o.stars, r.stars);
  }
  for (const r of before) if (!seen.has(key(r))) push(r, 'value', r.value, null);
  return changes;
}

/** A version's numbers.json, the version given by name (in the reports root) or by path. */
export function readNumbers(reportsRoot: string, version: string): NumberRecord[] {
  const dir = fs.existsSync(path.join(reportsRoot, version)) ? path.join(reportsRoot, version) : version;
  const file = path.join(dir, 'numbers.json');
  if (!fs.existsSync(file)) throw new RenderError(`${version}: no numbers.json (looked in ${dir})`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as NumberRecord[];
}

const show = (v: number | string | null) => (v === null ? 'NA' : typeof v === 'number' ? String(v) : v || '""');

export function diffText(a: string, b: string, changes: NumberChange[]): string {
  if (changes.length === 0) return `${a} → ${b}: no number changed`;
  const rows = [['id', 'row', 'column', 'old', 'new', 'Δ']];
  for (const c of changes) {
    const column = c.field === 'value' ? c.column : `${c.column} (${c.field})`;
    rows.push([c.id, c.row, column, show(c.old), show(c.new), c.delta === null ? '' : String(c.delta)]);
  }
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  const lines = rows.map((r) => r.map((s, j) => (j >= 3 ? s.padStart(widths[j]) : s.padEnd(widths[j]))).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return `${a} → ${b}: ${changes.length} number${changes.length === 1 ? '' : 's'} changed\n${lines.join('\n')}`;
}

export function diffHtml(a: string, b: string, changes: NumberChange[]): string {
  const rows = changes
    .map((c) => {
      const cells = [c.id, c.row, c.field === 'value' ? c.column : `${c.column} (${c.field})`, show(c.old), show(c.new), c.delta === null ? '' : String(c.delta)];
      return `<tr>${cells.map((s, j) => `<td${j >= 3 ? ' class="num"' : ''}>${escapeHtml(s)}</td>`).join('')}</tr>`;
    })
    .join('\n');
  const title = `${a} → ${b}`;
  const body =
    changes.length === 0
      ? '<p>Inga tal har ändrats. / No number changed.</p>'
      : `<p>${changes.length} tal har ändrats. / ${changes.length} numbers changed.</p>
<table><thead><tr><th>id</th><th>rad / row</th><th>kolumn / column</th><th class="num">före / old</th><th class="num">efter / new</th><th class="num">Δ</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
  return `<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:"Liberation Sans",Arial,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1.5rem;color:#1b1b1b}
table{border-collapse:collapse;font-size:.85rem}th,td{padding:.3rem .6rem;border-bottom:1px solid #ddd;text-align:left}
thead th{border-bottom:1.5px solid #222}.num{text-align:right;font-variant-numeric:tabular-nums}</style></head>
<body><h1>${escapeHtml(title)}</h1>
${body}
</body></html>
`;
}
