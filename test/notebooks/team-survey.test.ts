/**
 * notebooks/04-team-survey.ipynb: runs headless without errors, its tables carry the
 * library's numbers, and the effects on Q1, Q3 and Q6 recover the synthetic truth.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadStudy, type Panel } from '../../src/data/index';
import { SURVEY_SAMPLES, surveyModels, waveAnswers } from '../../src/models/team-survey';
import type { ReportItem, ReportTable } from '../../src/report/model';
import { ITEM_MIME } from '../../src/report/model';
import { summarize } from '../../src/stats/summary';
import { executeNotebookAsync, outputs, streamText, type ExecutedNotebook } from '../helpers/notebook';

const root = path.resolve(__dirname, '..', '..');
const NOTEBOOK = path.join(root, 'notebooks', '04-team-survey.ipynb');

let run: ExecutedNotebook;
let items: ReportItem[];
let answers: Panel;
const table = (id: string) => {
  const t = items.find((i) => i.kind !== 'text' && i.id === id);
  if (!t || t.kind !== 'table') throw new Error(`no table ${id}`);
  return t as ReportTable;
};
const row = (t: ReportTable, key: string) => {
  const r = t.rows.find((x) => x.key === key);
  if (!r) throw new Error(`no row ${key} in ${t.id}`);
  return r;
};

beforeAll(async () => {
  answers = (await loadStudy('team-survey')).panels.answers;
  run = await executeNotebookAsync(NOTEBOOK, 300);
  items = outputs(run)
    .map((o) => o.data?.[ITEM_MIME])
    .filter(Boolean) as ReportItem[];
}, 400_000);

describe('04-team-survey notebook', () => {
  it('executes without error output', () => {
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    expect(outputs(run).filter((o) => o.output_type === 'error')).toEqual([]);
    expect(streamText(run, 'stderr')).toBe('');
  });

  it('shows every catalog id of the survey chapter', () => {
    const ids = items.flatMap((i) => (i.kind === 'text' ? [] : [i.id]));
    for (const id of ['r23-fig-1', 'r23-fig-2', 'r23-fig-5', 'r23-tab-b1', 'r23-tab-1', 'r23-fig-4', 'r23-fig-6', 'r23-fig-b1', 'r23-tab-b2', 'r23-tab-b3', 'r23-tab-2', 'r23-tab-b4']) expect(ids).toContain(id);
  });

  it('draws Figure 5 from the data: per arm, consent, meeting and later waves in the report\'s order', () => {
    const fig = items.find((i) => i.kind === 'figure' && i.id === 'r23-fig-5') as { plotly: { en: { data: { x: string[]; y: string[]; mode: string }[] } } };
    const bars = fig.plotly.en.data.filter((d) => d.mode === 'lines');
    expect(bars.map((b) => b.y[0])).toEqual([
      'Treatment group: consent and wave 1', 'Treatment group: first meeting', 'Treatment group: wave 2',
      'Control group: consent and wave 1', 'Control group: wave 2', 'Control group: first meeting', 'Control group: wave 3',
    ]);
    // The control group's wave 2 comes before its meeting, wave 3 after it (the design's order by median month).
    const start = (label: string) => bars.find((b) => b.y[0] === label)!.x[0];
    expect(start('Control group: wave 2') < start('Control group: wave 3')).toBe(true);
    expect(start('Treatment group: consent and wave 1') <= start('Treatment group: first meeting')).toBe(true);
  });

  it('prints its own timings', () => {
    expect(streamText(run)).toMatch(/Timings \(ms\):[\s\S]*load[\s\S]*models: Table 2/);
  });

  describe('numbers equal the library computed directly', () => {
    it('Table 1: wave-1 means', () => {
      const t = table('r23-tab-1');
      for (const q of ['q1', 'q4', 'q8']) {
        expect(row(t, q).cells[0].value).toBeCloseTo(summarize(waveAnswers(answers, q, 1)).mean.value!, 12);
      }
    });

    it('Table 2: effects, SEs, observations and persons (columns 7/8 swapped)', () => {
      const order = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q8', 'q7'];
      const models = surveyModels(answers, SURVEY_SAMPLES.main, order);
      const t = table('r23-tab-2');
      expect(t.columns.map((c) => c.key)).toEqual(order);
      models.forEach((m, j) => {
        expect(row(t, 'main:effect').cells[j].value).toBeCloseTo(m.effect.est.value!, 12);
        expect(row(t, 'main:effect').cells[j].se).toBeCloseTo(m.effect.se.value!, 12);
        expect(row(t, 'main:observations').cells[j].value).toBe(m.observations);
        expect(row(t, 'main:persons').cells[j].value).toBe(m.persons);
        expect(row(t, 'main:mean').cells[j].value).toBeCloseTo(m.wave1Mean.value!, 12);
      });
    });

    it('Table B4: the three panels', () => {
      const t = table('r23-tab-b4');
      expect(t.columns.map((c) => c.key)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8']);
      for (const [panel, sample] of [['A', SURVEY_SAMPLES.within14], ['B', SURVEY_SAMPLES.binary14], ['C', SURVEY_SAMPLES.allWaves]] as const) {
        const models = surveyModels(answers, sample);
        models.forEach((m, j) => {
          expect(row(t, `${panel}:effect`).cells[j].value).toBeCloseTo(m.effect.est.value!, 12);
          expect(row(t, `${panel}:observations`).cells[j].value).toBe(m.observations);
        });
      }
    });
  });

  it('recovers the survey truth for Q1, Q3 and Q6 within 2.5 SE', () => {
    const truth = JSON.parse(fs.readFileSync(path.join(root, 'data-synthetic', 'out', 'team-survey', 'truth.json'), 'utf8'));
    const t = table('r23-tab-2');
    for (const q of ['q1', 'q3', 'q6']) {
      const j = t.columns.findIndex((c) => c.key === q);
      const cell = row(t, 'main:effect').cells[j];
      const z = (cell.value! - truth.questions[q].main_sample) / cell.se!;
      expect(Math.abs(z), `${q}: estimate ${cell.value}, truth ${truth.questions[q].main_sample}, se ${cell.se}`).toBeLessThan(2.5);
    }
  });
});
