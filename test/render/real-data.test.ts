import { spawnAsync, type SpawnResult } from '../helpers/spawn-async';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../render/manifest';

// A render as an analyst would make it on register data: the data dictionary's files, no
// truth.json, and a monthly panel that ends in December 2023 instead of April 2024. The
// text must quote the periods of these data, and no local path may reach the report.
const root = path.resolve(__dirname, '..', '..');
const synthetic = path.join(root, 'data-synthetic', 'out');
const VERSION = 'v2000.01.01-1';
const LABEL = 'Registerutdrag 2024-11 (test)';
let work: string;
let data: string;
let reports: string;
let res: SpawnResult;

/** The study's files without truth.json; monthly.csv cut after `last` ("YYYY-MM"). */
function shortenedCopy(study: string, last: string | null): void {
  const from = path.join(synthetic, study);
  const to = path.join(data, study);
  fs.mkdirSync(to, { recursive: true });
  for (const f of fs.readdirSync(from)) {
    if (f === 'truth.json' || f.startsWith('.')) continue;
    if (f === 'monthly.csv' && last !== null) {
      const lines = fs.readFileSync(path.join(from, f), 'utf8').split('\n');
      const month = lines[0].split(',').indexOf('month');
      expect(month).toBeGreaterThan(-1);
      const kept = lines.filter((l, i) => i === 0 || (l !== '' && l.split(',')[month] <= last));
      expect(kept.length).toBeLessThan(lines.length - 1);
      fs.writeFileSync(path.join(to, f), kept.join('\n') + '\n');
    } else {
      fs.symlinkSync(path.join(from, f), path.join(to, f));
    }
  }
}

describe('a render on shortened register-like data without truth.json', () => {
  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-real-'));
    // A directory name like those on the register platform (a project number in the path).
    data = path.join(work, 'P1234-project', 'extract');
    reports = path.join(work, 'reports');
    // Data from the current generator (vitest's global setup made sure of it).
    shortenedCopy('team-rct', '2023-12');
    shortenedCopy('team-survey', null);
    shortenedCopy('malmokraften', null);
    res = await spawnAsync(
      process.execPath,
      ['-r', 'tsx/cjs', path.join(root, 'render', 'main.ts'), '--data', data, '--data-label', LABEL, '--reports', reports, '--version', VERSION, '--no-pdf'],
      { cwd: root, timeout: 1_500_000 },
    );
  }, 1_600_000);
  afterAll(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('renders', () => {
    expect(res.status, `${res.stderr}\n${res.stdout}`).toBe(0);
  });

  for (const lang of ['sv', 'en'] as const) {
    it(`${lang}: the text quotes the data's period, and no stale one`, () => {
      const html = fs.readFileSync(path.join(reports, VERSION, `report.${lang}.html`), 'utf8');
      // The prose: the chapters' text and computed sentences, without code and its output, and
      // without tables and figures (their notes and column labels are checked below).
      const prose = html
        .replace(/<details class="code">[\s\S]*?<\/details>/g, '')
        .replace(/<script[\s\S]*?<\/script>/g, '')
        .replace(/<figure class="report-item report-figure"[\s\S]*?<\/figure>/g, '')
        .replace(/<section class="report-item report-table"[\s\S]*?<\/section>/g, '');
      const end = lang === 'sv' ? 'december 2023' : 'December 2023';
      const stale = lang === 'sv' ? /april 2024/i : /April 2024/;
      expect(prose).toContain(end);
      expect(prose).not.toMatch(stale);
      expect(prose).not.toMatch(/\{\{\s*\w+\s*\}\}/); // every placeholder filled
      // Model 1 uses the whole period of the data.
      expect(prose).toMatch(lang === 'sv' ? /modell 1 använder hela perioden januari 2015–december 2023/ : /Model 1 uses the whole period January 2015–December 2023/);
    });

    it(`${lang}: the team RCT's table and figure notes state the months of the data, not the models' defined April 2024`, () => {
      const html = fs.readFileSync(path.join(reports, VERSION, `report.${lang}.html`), 'utf8').replace(/<details class="code">[\s\S]*?<\/details>/g, '');
      const items = [...html.matchAll(/<(figure|section) class="report-item report-(?:figure|table)" id="(r24-[^"]+)"[\s\S]*?<\/\1>/g)].map((m) => ({ id: m[2], text: m[0] }));
      const end = lang === 'sv' ? 'december 2023' : 'December 2023';
      const stale = lang === 'sv' ? /april 2024/i : /April 2024/;
      const effectItems = items.filter((i) => /^r24-(tab-([1-9]|b(8|9|1[0-6]))|fig-[2-7])$/.test(i.id));
      expect(effectItems.length).toBe(9 + 9 + 6);
      for (const i of effectItems) {
        // Notes only: the figure's plot data (a script) holds numbers, not text.
        const notes = i.text.replace(/<script[\s\S]*?<\/script>/g, '');
        expect(notes, i.id).toContain(end);
        expect(notes, i.id).not.toMatch(stale);
        // Column labels and model names state the months measured, not R24's nominal "2015–2024".
        expect(notes, i.id).not.toContain('2015–2024');
      }
      for (const i of items) expect(i.text.replace(/<script[\s\S]*?<\/script>/g, ''), i.id).not.toMatch(stale);
    });

    it(`${lang}: the title page names the data by its label, and no local path appears anywhere`, () => {
      const html = fs.readFileSync(path.join(reports, VERSION, `report.${lang}.html`), 'utf8');
      const title = /<header class="title-page">[\s\S]*?<\/header>/.exec(html)![0];
      expect(title).toContain(LABEL);
      expect(html).not.toContain(data);
      expect(html).not.toContain('P1234-project');
      expect(html).not.toContain(work);
    });
  }

  it('the manifest keeps the directory and the label; the index shows the label only', () => {
    const m = JSON.parse(fs.readFileSync(path.join(reports, VERSION, 'manifest.json'), 'utf8')) as Manifest;
    expect(m.data.kind).toBe('real');
    expect(m.data.dir).toBe(data);
    expect(m.data.label).toBe(LABEL);
    const index = fs.readFileSync(path.join(reports, 'index.html'), 'utf8');
    expect(index).toContain('Registerutdrag 2024-11 (test)');
    expect(index).not.toContain('P1234-project');
  });
});
