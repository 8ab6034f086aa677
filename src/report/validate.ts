/**
 * Checks that a value is a well-formed ReportItem before it is shown or rendered, so a
 * builder's mistake surfaces in the notebook cell that made it, with the place named.
 */
import { LANGS, type ReportItem } from './model';

export class ItemError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ItemError';
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkLabel(v: unknown, where: string, problems: string[]): void {
  if (!isObj(v) || LANGS.some((l) => typeof v[l] !== 'string')) problems.push(`${where} must be {sv: string, en: string}`);
}

function checkTable(t: Obj, problems: string[]): void {
  if (!Array.isArray(t.columns) || !Array.isArray(t.rows)) {
    problems.push('a table needs columns[] and rows[]');
    return;
  }
  if (t.stub !== undefined) checkLabel(t.stub, 'stub', problems);
  const columns = t.columns as unknown[];
  const keys = new Set<string>();
  columns.forEach((c, j) => {
    if (!isObj(c) || typeof c.key !== 'string') problems.push(`column ${j + 1} needs a key`);
    else keys.add(c.key);
    checkLabel(isObj(c) ? c.label : undefined, `column ${j + 1} label`, problems);
  });
  if (keys.size !== columns.length) problems.push('column keys must be distinct');
  const rowKeys = new Set<string>();
  (t.rows as unknown[]).forEach((r, i) => {
    const where = `row ${i + 1}`;
    if (!isObj(r)) return void problems.push(`${where} is not an object`);
    checkLabel(r.label, `${where} label`, problems);
    if (typeof r.key !== 'string') problems.push(`${where} needs a key`);
    else if (rowKeys.has(r.key)) problems.push(`${where}: key "${r.key}" is used twice`);
    else rowKeys.add(r.key);
    if (r.header) return;
    if (!Array.isArray(r.cells)) return void problems.push(`${where} needs cells[]`);
    const width = (r.cells as Obj[]).reduce((s, c) => s + (isObj(c) && typeof c.span === 'number' ? c.span : 1), 0);
    if (width !== columns.length) problems.push(`${where} ("${r.key}") spans ${width} columns, the table has ${columns.length}`);
    (r.cells as unknown[]).forEach((c, j) => {
      if (!isObj(c)) return void problems.push(`${where} cell ${j + 1} is not an object`);
      if (c.text !== undefined) checkLabel(c.text, `${where} cell ${j + 1} text`, problems);
      else if (c.value !== null && typeof c.value !== 'number') problems.push(`${where} cell ${j + 1}: value must be a number or null`);
      if (c.na !== undefined) checkLabel(c.na, `${where} cell ${j + 1} na`, problems);
    });
  });
}

/** Returns the item typed, or throws an ItemError listing every problem found. */
export function checkItem(value: unknown): ReportItem {
  const problems: string[] = [];
  if (!isObj(value)) throw new ItemError('report item must be an object');
  const kind = value.kind;
  if (kind === 'text') {
    checkLabel(value.markdown, 'markdown', problems);
  } else if (kind === 'table' || kind === 'figure') {
    if (typeof value.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(value.id)) problems.push('id must be a catalog id such as "r24-tab-1"');
    checkLabel(value.title, 'title', problems);
    if (!Array.isArray(value.notes)) problems.push('notes must be an array (may be empty)');
    else value.notes.forEach((n, i) => checkLabel(n, `note ${i + 1}`, problems));
    if (kind === 'table') checkTable(value, problems);
    else
      for (const lang of LANGS) {
        const fig = isObj(value.plotly) ? value.plotly[lang] : undefined;
        if (!isObj(fig) || !Array.isArray(fig.data) || !isObj(fig.layout)) problems.push(`plotly.${lang} must be {data: [], layout: {}}`);
      }
  } else {
    problems.push(`kind must be 'table', 'figure' or 'text', not ${JSON.stringify(kind)}`);
  }
  if (problems.length > 0) {
    const name = typeof value.id === 'string' ? ` ${value.id}` : '';
    throw new ItemError(`report item${name}: ${problems.join('; ')}`);
  }
  return value as unknown as ReportItem;
}
