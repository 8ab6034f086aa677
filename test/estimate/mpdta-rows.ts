/** mpdta (test/fixtures/reference/mpdta.csv) as typed row arrays for the event-study estimators. */
import * as fs from 'node:fs';
import { referenceFile } from '../helpers/reference';

export interface MpdtaRows {
  y: Float64Array;
  unit: Float64Array;
  time: Float64Array;
  cohort: Float64Array;
}

export function readMpdta(): MpdtaRows {
  const lines = fs.readFileSync(referenceFile('mpdta.csv'), 'utf8').trim().split('\n');
  const head = lines[0].split(',');
  const col = (name: string) => head.indexOf(name);
  const [iy, iu, it, ig] = [col('lemp'), col('countyreal'), col('year'), col('first.treat')];
  const n = lines.length - 1;
  const out = { y: new Float64Array(n), unit: new Float64Array(n), time: new Float64Array(n), cohort: new Float64Array(n) };
  for (let r = 0; r < n; r++) {
    const f = lines[r + 1].split(',');
    out.y[r] = Number(f[iy]);
    out.unit[r] = Number(f[iu]);
    out.time[r] = Number(f[it]);
    out.cohort[r] = Number(f[ig]);
  }
  return out;
}

export function subsetRows(d: MpdtaRows, keep: (r: number) => boolean): MpdtaRows {
  const rows: number[] = [];
  for (let r = 0; r < d.y.length; r++) if (keep(r)) rows.push(r);
  const pick = (a: Float64Array) => Float64Array.from(rows, (r) => a[r]);
  return { y: pick(d.y), unit: pick(d.unit), time: pick(d.time), cohort: pick(d.cohort) };
}

export const readJson = (name: string): any => JSON.parse(fs.readFileSync(referenceFile(name), 'utf8'));
