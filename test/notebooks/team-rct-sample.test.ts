/**
 * notebooks/01-team-rct-sample.ipynb: runs headless without errors, shows the chapter's
 * catalog ids, and its figure and tables carry exactly the numbers the library computes
 * from the same data.
 */
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadStudy, monthCode, type Study } from '../../src/data/index';
import { ITEM_MIME, type ReportFigure, type ReportItem, type ReportTable } from '../../src/report/model';
import { tableNumbers } from '../../src/report/numbers';
import { tableValues } from '../helpers/table-values';
import { finsamTable, populationTable, referralTable } from '../../src/tables/team-rct-sample';
import { executeNotebookAsync, outputs, streamText, type ExecutedNotebook } from '../helpers/notebook';

const NOTEBOOK = path.resolve(__dirname, '..', '..', 'notebooks', '01-team-rct-sample.ipynb');

let run: ExecutedNotebook;
let items: ReportItem[];
let study: Study;
const item = (id: string) => {
  const found = items.find((i) => i.kind !== 'text' && i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
};

beforeAll(async () => {
  study = await loadStudy('team-rct');
  run = await executeNotebookAsync(NOTEBOOK, 300);
  items = outputs(run)
    .map((o) => o.data?.[ITEM_MIME])
    .filter(Boolean) as ReportItem[];
}, 400_000);

describe('01-team-rct-sample notebook', () => {
  it('executes without error output and shows the chapter’s ids', () => {
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    expect(streamText(run, 'stderr')).toBe('');
    expect(items.flatMap((i) => (i.kind === 'text' ? [] : [i.id]))).toEqual(['r24-fig-1', 'r24-referrals', 'r24-tab-b1', 'r24-tab-b2']);
    expect(streamText(run)).toMatch(/timings \(ms\): load \d+/);
  });

  it('Figure 1 counts everyone asked, by month and answer', () => {
    const fig = item('r24-fig-1') as ReportFigure;
    const [yes, no] = fig.plotly.en.data as { x: string[]; customdata: string[] }[];
    expect(yes.x[0]).toBe('2019-08');
    expect(yes.x.at(-1)).toBe('2021-06');
    const rec = study.tables.recruitment;
    const count = (month: number, consented: number) =>
      rec.cols.asked_month.reduce((s, m, i) => s + (m === month && rec.cols.consented[i] === consented ? 1 : 0), 0);
    yes.x.forEach((_, k) => {
      const m = monthCode(2019, 8) + k;
      const shown = (n: number) => (n < 5 ? '..' : String(n));
      expect(yes.customdata[k]).toBe(shown(count(m, 1)));
      expect(no.customdata[k]).toBe(shown(count(m, 0)));
    });
  });

  it('tables carry the library’s numbers for the same data', () => {
    const same = (shown: ReportItem, direct: ReportTable) => expect(tableNumbers(shown as ReportTable)).toEqual(tableNumbers(direct));
    same(item('r24-referrals'), referralTable(study));
    same(item('r24-tab-b1'), populationTable(study));
    same(item('r24-tab-b2'), finsamTable(study));
    const referrals = tableValues(item('r24-referrals') as ReportTable);
    expect(referrals.reduce((s, r) => s + (r.value ?? 0), 0)).toBeCloseTo(1, 12);
  });

  it('quotes the number asked and the share who agreed in the text', () => {
    const texts = items.filter((i) => i.kind === 'text').map((i) => (i.kind === 'text' ? i.markdown.en : ''));
    const asked = study.tables.recruitment.nUnits;
    expect(texts.join('\n')).toContain(`In all, ${asked} persons were asked`);
  });
});
