import { spawnSync } from 'node:child_process';
import { spawnAsync, type SpawnResult } from '../helpers/spawn-async';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from '../../render/browser';
import type { Manifest } from '../../render/manifest';
import type { NumberRecord } from '../../src/report/numbers';

const root = path.resolve(__dirname, '..', '..');
const fixtures = path.join(root, 'test', 'fixtures', 'notebooks');
const dataDir = path.join(fixtures, 'data');
let reports: string;

function run(script: string, args: string[]) {
  return spawnAsync(process.execPath, ['-r', 'tsx/cjs', path.join(root, 'render', script), ...args], { cwd: root, timeout: 240_000 });
}
const renderArgs = (notebooks: string, version: string, ...extra: string[]) => [
  '--notebooks', path.join(fixtures, notebooks), '--reports', reports, '--data', dataDir, '--version', version, ...extra,
];
const V1 = 'v2000.01.01-1';
const V2 = 'v2000.01.01-2';
const VFAIL = 'v2000.01.01-3';
const pdftext = (file: string) => spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).stdout;

// The wages the fixture notebook 01-alpha computes its table from.
const wagesA = [21000, 23500, 19800, 25100, 22400, 20900];
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('npm run report on fixture notebooks', () => {
  let first: SpawnResult;
  let browser: Browser;

  beforeAll(async () => {
    reports = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-reports-'));
    first = await run('main.ts', renderArgs('report', V1));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    fs.rmSync(reports, { recursive: true, force: true });
  });

  it('publishes exactly the version files and an index', () => {
    expect(first.status, first.stderr + first.stdout).toBe(0);
    expect(first.stdout).toMatch(/notebook 1\/2 01-alpha\.ipynb: done in [\d.]+ s/);
    expect(fs.readdirSync(path.join(reports, V1)).sort()).toEqual(
      ['manifest.json', 'numbers.json', 'report.en.html', 'report.en.pdf', 'report.sv.html', 'report.sv.pdf'],
    );
    expect(fs.readdirSync(reports).filter((n) => n.startsWith('.'))).toEqual([]);
    const index = fs.readFileSync(path.join(reports, 'index.html'), 'utf8');
    expect(index).toContain(`${V1}/report.sv.pdf`);
  });

  for (const lang of ['sv', 'en'] as const) {
    it(`${lang}: HTML makes no network request, has every id, real tables and drawn charts`, async () => {
      const page = await browser.context.newPage();
      const requests: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) requests.push(r.url());
      });
      await page.goto('file://' + path.join(reports, V1, `report.${lang}.html`));
      await page.waitForFunction('document.documentElement.getAttribute("data-plots") === "drawn"', undefined, { timeout: 30_000 });
      for (const id of ['fx-tab-wages', 'fx-fig-consent', 'fx-tab-share']) expect(await page.locator(`#${id}`).count(), id).toBe(1);
      expect(await page.locator('#fx-tab-wages table tbody tr').count()).toBe(3);
      expect(await page.locator('#fx-fig-consent .main-svg').count()).toBeGreaterThan(0);
      expect(await page.locator('#fx-fig-consent .main-svg .bars path').count()).toBeGreaterThanOrEqual(8);
      // Code is hidden until toggled.
      expect(await page.locator('details.code[open]').count()).toBe(0);
      await page.click('#toggle-code');
      expect(await page.locator('details.code[open]').count()).toBe(await page.locator('details.code').count());
      await page.close();
      expect(requests).toEqual([]);
    });
  }

  it('escapes < and & in labels and raw HTML in markdown', async () => {
    const html = fs.readFileSync(path.join(reports, V1, 'report.sv.html'), 'utf8');
    expect(html).toContain('Grupp &lt;A&gt; &amp; äldre');
    expect(html).toContain('&lt;b&gt;ingen fetstil&lt;/b&gt; &amp; 3 &lt; 5');
    const page = await browser.context.newPage();
    await page.goto('file://' + path.join(reports, V1, 'report.sv.html'));
    expect(await page.locator('#fx-tab-wages tbody th').nth(1).textContent()).toBe('Grupp <A> & äldre');
    expect(await page.locator('main b').count()).toBe(0);
    await page.close();
  });

  it('PDFs: A4, Swedish letters, chapter titles, TOC page numbers, charts as vectors', () => {
    const sv = pdftext(path.join(reports, V1, 'report.sv.pdf'));
    for (const ch of ['å', 'ä', 'ö', 'Å', 'Ö']) expect(sv).toContain(ch);
    expect(sv).toContain('Åldrar & inkomster');
    expect(sv).toContain('Översikt över åtgärder');
    expect(sv).toContain('Grupp <A> & äldre');
    const toc = sv.split('\f')[1].replace(/\s+/g, ' ');
    expect(toc).toMatch(/Innehåll.* Åldrar & inkomster 3 .*1\.1 Löner per grupp 3 .*Översikt över åtgärder 4/);
    expect(sv.split('\f')[2]).toMatch(/^\s*1\s+Åldrar & inkomster/);
    const en = pdftext(path.join(reports, V1, 'report.en.pdf'));
    expect(en).toContain('Ages & incomes');
    expect(en).toContain('Overview of measures');
    const info = spawnSync('pdfinfo', [path.join(reports, V1, 'report.sv.pdf')], { encoding: 'utf8' }).stdout;
    expect(info).toMatch(/Page size:\s+59[56]\.\d+ x 84[12]\.\d+ pts \(A4\)/);
    const images = spawnSync('pdfimages', ['-list', path.join(reports, V1, 'report.sv.pdf')], { encoding: 'utf8' }).stdout;
    expect(images.trim().split('\n').length).toBe(2); // header lines only: no raster image
  });

  it('numbers.json holds every number of every table, withheld cells as null', () => {
    const numbers = JSON.parse(fs.readFileSync(path.join(reports, V1, 'numbers.json'), 'utf8')) as NumberRecord[];
    expect(numbers.map((n) => `${n.id}/${n.row}/${n.column}`)).toEqual([
      'fx-tab-wages/a/mean', 'fx-tab-wages/a/n', 'fx-tab-wages/b/mean', 'fx-tab-wages/b/n', 'fx-tab-share/all/share',
    ]);
    expect(numbers[0].value).toBe(Number(mean(wagesA).toFixed(1))); // at the printed precision, one decimal
    expect(numbers[0].stars).toBe('**');
    expect(numbers[0].se).toBeGreaterThan(0);
    expect(numbers[3]).toEqual({ id: 'fx-tab-wages', row: 'b', column: 'n', value: null, se: null, stars: '', suppressed: true });
    expect(numbers[4].value).toBe(0.75);
  });

  it('manifest.json fingerprints the data and records versions', () => {
    const m = JSON.parse(fs.readFileSync(path.join(reports, V1, 'manifest.json'), 'utf8')) as Manifest;
    const sha = crypto.createHash('sha256').update(fs.readFileSync(path.join(dataDir, 'people.csv'))).digest('hex');
    expect(m.version).toBe(V1);
    expect(m.data.kind).toBe('real');
    expect(m.data.files).toEqual([{ path: 'people.csv', sha256: sha, bytes: fs.statSync(path.join(dataDir, 'people.csv')).size }]);
    expect(m.data.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(m.git.commit).toMatch(/^[0-9a-f]{40}$/);
    // Disclosure control: rules and parameters, primary and secondary cells per table, the audit.
    expect(m.disclosure.rules.minPersons).toBe(5);
    expect(m.disclosure.tables.find((t) => t.id === 'fx-tab-wages')!.primary).toEqual([{ row: 'b', column: 'n', rule: 'persons' }]);
    expect(m.disclosure.audit.protected).toBe(m.disclosure.audit.primary);
    expect(m.node).toBe(process.version);
    expect(m.packages.compute.tslab).toMatch(/^\d+\.\d+\.\d+/);
    expect(m.notebooks.map((n) => n.path)).toEqual(['test/fixtures/notebooks/report/01-alpha.ipynb', 'test/fixtures/notebooks/report/02-beta.ipynb']);
    const html = fs.readFileSync(path.join(reports, V1, 'report.en.html'), 'utf8');
    // The title page names real data by its label, never by its directory (the manifest keeps it).
    expect(html).toContain('Register data (no label given)');
    expect(html).not.toContain(dataDir);
    expect(m.data.dir).toBe(dataDir);
    expect(html).toContain(m.git.commit!.slice(0, 12));
  });

  it('refuses to render into an existing version and leaves it untouched', async () => {
    const before = fs.readFileSync(path.join(reports, V1, 'numbers.json'));
    const again = await run('main.ts', renderArgs('report', V1));
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/v2000\.01\.01-1 already exists/);
    expect(fs.readFileSync(path.join(reports, V1, 'numbers.json'))).toEqual(before);
  }, 300_000);

  it('a failing notebook publishes nothing and names notebook, cell and error', async () => {
    const res = await run('main.ts', renderArgs('failing', VFAIL));
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/02-broken\.ipynb, cell 3 \(code cell 2\) failed/);
    expect(res.stderr).toContain('Error: deliberate failure in the fixture');
    expect(fs.existsSync(path.join(reports, VFAIL))).toBe(false);
    expect(fs.readdirSync(reports).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(fs.readFileSync(path.join(reports, 'index.html'), 'utf8')).not.toContain(VFAIL);
  }, 300_000);

  it('two renders of the same inputs differ in no number', async () => {
    const second = await run('main.ts', renderArgs('report', V2, '--no-pdf', '--lang', 'en'));
    expect(second.status, second.stderr).toBe(0);
    expect(fs.readdirSync(path.join(reports, V2)).sort()).toEqual(['manifest.json', 'numbers.json', 'report.en.html']);
    const diff = await run('diff-cli.ts', [V1, V2, '--reports', reports, '--exit-code']);
    expect(diff.status, diff.stderr).toBe(0);
    expect(diff.stdout).toContain('no number changed');
    expect(fs.readFileSync(path.join(reports, `diff-${V1}-${V2}.html`), 'utf8')).toContain('No number changed');
  }, 300_000);
});
