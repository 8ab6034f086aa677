import { spawnSync } from 'node:child_process';
import { spawnAsync, type SpawnResult } from '../helpers/spawn-async';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from '../../render/browser';

// The default report (every notebook, synthetic data, both languages, HTML and PDF),
// rendered once for all the checks below: axe-core's WCAG 2.1 A/AA rules on both HTML
// files, keyboard access, figures' text alternatives, and the tagged PDF's structure.
const root = path.resolve(__dirname, '..', '..');
const VERSION = 'v2000.01.01-1';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
let reports: string;
let dir: string;
let rendered: SpawnResult;
let browser: Browser;

interface AxeResult { violations: { id: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }[]; passes: { id: string }[] }

async function openReport(lang: 'sv' | 'en'): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto('file://' + path.join(dir, `report.${lang}.html`), { timeout: 180_000 });
  await page.waitForFunction('document.documentElement.getAttribute("data-plots") === "drawn"', undefined, { timeout: 120_000 });
  await page.addScriptTag({ content: fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
  return page;
}

async function axe(page: Page): Promise<AxeResult> {
  return (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG)} }, resultTypes: ['violations'] })`)) as AxeResult;
}

const describeViolations = (r: AxeResult) =>
  r.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.help}\n  ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('\n  ')}`).join('\n');

/** Alt texts of the PDF's structure elements (Chromium writes UTF-16 hex strings, or literal strings for ASCII). */
function altTexts(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const out: string[] = [];
  for (const m of text.matchAll(/\/Alt\s*<FEFF([0-9A-Fa-f\s]*)>/g)) out.push(Buffer.from(m[1].replace(/\s+/g, ''), 'hex').swap16().toString('utf16le'));
  // ASCII-only texts come as literal strings, with ( ) and \ escaped.
  for (const m of text.matchAll(/\/Alt\s*\(((?:\\[\s\S]|[^\\)])*)\)/g)) out.push(m[1].replace(/\\([()\\])/g, '$1'));
  return out;
}

describe('the default report is accessible', () => {
  beforeAll(async () => {
    reports = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-a11y-'));
    dir = path.join(reports, VERSION);
    const env = { ...process.env };
    delete env.FINSAM_DATA;
    rendered = await spawnAsync(process.execPath, ['-r', 'tsx/cjs', path.join(root, 'render', 'main.ts'), '--reports', reports, '--version', VERSION], {
      cwd: root,
      env,
      timeout: 1_500_000,
    });
    browser = await launchBrowser();
  }, 1_600_000);
  afterAll(async () => {
    await browser?.close();
    if (reports) fs.rmSync(reports, { recursive: true, force: true });
  });

  it('renders', () => {
    expect(rendered.status, `${rendered.stderr}\n${rendered.stdout}`).toBe(0);
  });

  for (const lang of ['sv', 'en'] as const) {
    it(`${lang}: axe-core finds no WCAG 2.1 A/AA violation, with code and figure numbers closed and open`, async () => {
      const page = await openReport(lang);
      const closed = await axe(page);
      expect(closed.violations, describeViolations(closed)).toEqual([]);
      await page.click('#toggle-code');
      await page.evaluate(`document.querySelectorAll('details').forEach((d) => { d.open = true; }); window.finsamMarkScrollRegions()`);
      const open = await axe(page);
      expect(open.violations, describeViolations(open)).toEqual([]);
      await page.close();
    }, 900_000);

    it(`${lang}: every figure has a name with a generated description and its numbers as a table`, async () => {
      const page = await openReport(lang);
      const figures = (await page.evaluate(`Array.from(document.querySelectorAll('figure.report-figure')).map((f) => ({
        id: f.id,
        label: f.getAttribute('aria-label') || '',
        caption: f.querySelector('figcaption').textContent,
        plotHidden: f.querySelector('.plot').getAttribute('aria-hidden'),
        tables: f.querySelectorAll('details.figure-data table').length,
        headers: f.querySelectorAll('details.figure-data thead th[scope=col]').length,
        cells: Array.from(f.querySelectorAll('details.figure-data tbody td')).filter((td) => td.textContent.trim() !== '').length,
      }))`)) as { id: string; label: string; caption: string; plotHidden: string; tables: number; headers: number; cells: number }[];
      expect(figures.length).toBeGreaterThan(10);
      // A range of the plotted values, or, where the y axis is categorical (a timeline), its categories.
      const range =
        lang === 'sv'
          ? /de visade värdena ligger mellan −?[\d\s,]+ och −?[\d\s,]+|de visade kategorierna är \S/i
          : /the plotted values range from −?[\d,.]+ to −?[\d,.]+|the categories shown are \S/i;
      for (const f of figures) {
        expect(f.label.startsWith(f.caption.replace(/\s+/g, ' ').trim()), f.id).toBe(true);
        expect(f.label, f.id).toMatch(range);
        expect(f.plotHidden, f.id).toBe('true');
        expect(f.tables, f.id).toBeGreaterThan(0);
        expect(f.headers, f.id).toBeGreaterThan(1);
        // At least the one number a figure plots (R23 Figure 2 shows the single value its text states).
        expect(f.cells, f.id).toBeGreaterThan(0);
      }
      await page.close();
    }, 600_000);

    it(`${lang}: contents, code toggles and wide tables are reached by Tab, with a visible focus`, async () => {
      const page = await openReport(lang);
      await page.setViewportSize({ width: 700, height: 900 });
      await page.evaluate('window.finsamMarkScrollRegions()');
      const focusable = new Set<string>();
      const noOutline: string[] = [];
      const wanted = ['skip', 'toggle', 'toc', 'code', 'figure-data'];
      for (let i = 0; i < 300 && !wanted.every((k) => focusable.has(k)); i++) {
        await page.keyboard.press('Tab');
        const info = (await page.evaluate(`(() => {
          const el = document.activeElement;
          if (!el || el === document.body) return null;
          const s = getComputedStyle(el);
          const kind = el.matches('.toc a') ? 'toc' : el.matches('details.code > summary') ? 'code' : el.matches('details.figure-data > summary') ? 'figure-data'
            : el.matches('.report-table[tabindex="0"]') ? 'wide-table' : el.id === 'toggle-code' ? 'toggle' : el.matches('.skip-link') ? 'skip' : 'other';
          return { kind, outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2, tag: el.tagName + (el.id ? '#' + el.id : '') };
        })()`)) as { kind: string; outline: boolean; tag: string } | null;
        if (!info) continue;
        focusable.add(info.kind);
        if (!info.outline) noOutline.push(info.tag);
      }
      for (const kind of wanted) expect([...focusable], kind).toContain(kind);
      expect(noOutline, 'focused elements without a visible outline').toEqual([]);
      // At 700 px some tables scroll sideways; they are focusable regions named after their caption.
      const wide = (await page.evaluate(`Array.from(document.querySelectorAll('.report-table')).filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map((el) => [el.getAttribute('tabindex'), el.getAttribute('role'), el.getAttribute('aria-label') || ''])`)) as string[][];
      expect(wide.length).toBeGreaterThan(0);
      for (const [tabindex, role, label] of wide) {
        expect(tabindex).toBe('0');
        expect(role).toBe('region');
        expect(label.length).toBeGreaterThan(5);
      }
      await page.close();
    }, 900_000);

    it(`${lang}: the PDF is tagged in the report's language, with headings, tables with header cells and figures with alt text`, async () => {
      const file = path.join(dir, `report.${lang}.pdf`);
      const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;
      expect(info).toMatch(/Tagged:\s+yes/);
      const pdf = fs.readFileSync(file);
      expect(pdf.toString('latin1')).toMatch(new RegExp(`/Lang\\s*\\(${lang}\\)`));
      // -struct, not -struct-text: the element tree with attributes is all this checks, and
      // extracting each element's text took 80 s of CPU per PDF (over the timeout under load).
      const struct = (await spawnAsync('pdfinfo', ['-struct', file])).stdout;
      const lines = struct.split('\n');
      const html = fs.readFileSync(path.join(dir, `report.${lang}.html`), 'utf8');
      // Every chapter heading of the HTML is an H1 in the PDF, every section an H2.
      const chapters = [...html.matchAll(/<h1 id="ch-\d+"><span class="num">(\d+)<\/span>/g)].length;
      expect(chapters).toBeGreaterThanOrEqual(6);
      const h1 = lines.filter((l) => /^\s*H1\b/.test(l)).length;
      expect(h1).toBeGreaterThanOrEqual(chapters + 1); // + the title
      expect(lines.filter((l) => /^\s*H2\b/.test(l)).length).toBeGreaterThanOrEqual([...html.matchAll(/<h2 id="ch-\d+-\d+">/g)].length);
      // Tables with header cells: column headers and row headers, scoped.
      const tables = [...html.matchAll(/<section class="report-item report-table"/g)].length;
      expect(lines.filter((l) => /^\s*Table\b/.test(l)).length).toBeGreaterThanOrEqual(tables);
      expect(struct).toMatch(/\/Scope \/Column/);
      expect(struct).toMatch(/\/Scope \/Row/);
      expect(lines.filter((l) => /^\s*TH\b/.test(l)).length).toBeGreaterThan(tables);
      // One Figure per chart, each with its caption's words and the generated description as alt text.
      const figures = [...html.matchAll(/<figure class="report-item report-figure" id="([^"]+)" aria-label="([^"]*)"/g)];
      expect(lines.filter((l) => /^\s*Figure\b/.test(l)).length).toBe(figures.length);
      const alts = altTexts(pdf);
      expect(alts.length).toBe(figures.length);
      const word = lang === 'sv' ? 'Figur' : 'Figure';
      for (const alt of alts) expect(alt).toMatch(new RegExp(`^${word} \\d+\\.\\d+ .+\\. .*(diagram|chart)`, 'i'));
    }, 300_000);
  }
});
