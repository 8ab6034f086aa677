/**
 * Published aggregates (real, public figures from the two ISF reports), read as rows.
 * They are inputs like any data file: facts of the world the report compares with, each
 * with its source. See README.md here.
 *
 *   import { readPublicTable } from './data-public';
 *   const national = readPublicTable('r24-b1-national');   // [{ key, label_sv, value, ... }]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const PUBLIC_TABLES = ['r24-b1-national', 'r24-b2-finsam', 'r23-b2-national'] as const;
export type PublicTableName = (typeof PUBLIC_TABLES)[number];

export interface PublicRow {
  key: string;
  label_sv: string;
  label_en: string;
  value: number;
  unit: 'percent' | 'years';
  year: number;
  source: string;
  note: string;
  /** R24 B1 only: the population the national figure refers to (e.g. "18-64"). */
  population?: string;
}

/** RFC 4180 fields of one CSV text (quotes, doubled quotes, commas in quotes; no newlines in fields). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const fields: string[] = [];
    let i = 0;
    while (i <= line.length) {
      if (line[i] === '"') {
        let v = '';
        i++;
        while (i < line.length) {
          if (line[i] === '"' && line[i + 1] === '"') (v += '"'), (i += 2);
          else if (line[i] === '"') break;
          else v += line[i++];
        }
        fields.push(v);
        i += 2; // closing quote and comma
      } else {
        const end = line.indexOf(',', i);
        fields.push(end < 0 ? line.slice(i) : line.slice(i, end));
        i = end < 0 ? line.length + 1 : end + 1;
      }
    }
    rows.push(fields);
  }
  return rows;
}

/**
 * A published text table (no numbers) as rows of strings by header, e.g. R23 Table B1's
 * overview of the teams ('r23-b1-teams'); a row with the wrong number of fields is an error
 * naming file and line.
 */
export function readPublicText(name: 'r23-b1-teams' | 'r23-context-anchors', dir = __dirname): Record<string, string>[] {
  const file = path.join(dir, `${name}.csv`);
  const [header, ...rows] = parseCsv(fs.readFileSync(file, 'utf8'));
  return rows.map((r, i) => {
    if (r.length !== header.length) {
      const err = new Error(`${file}, line ${i + 2}: ${r.length} fields, the header has ${header.length}`);
      err.name = 'DataError';
      throw err;
    }
    return Object.fromEntries(header.map((h, j) => [h, r[j]]));
  });
}

/** A value or range the report's text states (no series published): `low`..`high` over `year_from`..`year_to`. */
export interface PublicAnchor {
  figure: string;
  key: string;
  series_sv: string;
  series_en: string;
  year_from: number;
  year_to: number;
  low: number;
  high: number;
  unit: 'count' | 'percent';
  source: string;
}

/** The values R23's text states for figures whose series it does not print (r23-context-anchors.csv). */
export function readPublicAnchors(dir = __dirname): PublicAnchor[] {
  const file = path.join(dir, 'r23-context-anchors.csv');
  return readPublicText('r23-context-anchors', dir).map((o, i) => {
    const num = (k: string): number => {
      const v = Number(o[k]);
      if (o[k] === '' || !Number.isFinite(v)) {
        const err = new Error(`${file}, line ${i + 2}: ${k} "${o[k]}" is not a number`);
        err.name = 'DataError';
        throw err;
      }
      return v;
    };
    return { ...o, year_from: num('year_from'), year_to: num('year_to'), low: num('low'), high: num('high') } as unknown as PublicAnchor;
  });
}

export function readPublicTable(name: PublicTableName, dir = __dirname): PublicRow[] {
  const file = path.join(dir, `${name}.csv`);
  const [header, ...rows] = parseCsv(fs.readFileSync(file, 'utf8'));
  return rows.map((r, i) => {
    if (r.length !== header.length) {
      const err = new Error(`${file}, line ${i + 2}: ${r.length} fields, the header has ${header.length}`);
      err.name = 'DataError';
      throw err;
    }
    const o: Record<string, string> = {};
    header.forEach((h, j) => (o[h] = r[j]));
    const value = Number(o.value);
    const year = Number(o.year);
    if (!Number.isFinite(value) || !Number.isInteger(year)) {
      const err = new Error(`${file}, line ${i + 2}: value "${o.value}" or year "${o.year}" is not a number`);
      err.name = 'DataError';
      throw err;
    }
    return { ...o, value, year } as unknown as PublicRow;
  });
}
