/**
 * `npm run lab:check [-- --lang sv|en] [--keep]`: what a new analyst does, in a real browser.
 *
 * Clones the repository (committed state, so no data-synthetic/out: a fresh clone), links
 * the installed node_modules and .venv into it, starts `npm run lab`'s launcher there
 * (bin/lab.js, which prepares the synthetic data), and drives JupyterLab in Chromium
 * (playwright-core): for every notebook, open it, Run → Run All Cells, wait for the kernel,
 * save, and check the saved file: every code cell ran, no error output, and the lab showed
 * one language only (the other language's markdown cells are back in the file). Also checks
 * that no news prompt appears. Exits 1 naming the first failing notebook and cell.
 *
 * Heavy (six notebooks in a live kernel, several minutes on 2 cores): a script to run
 * before a release or after changing the lab setup, not part of `npm test`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../../render/browser';

const root = path.resolve(__dirname, '..', '..');
const args = process.argv.slice(2);
const lang = args.includes('--lang') ? args[args.indexOf('--lang') + 1] : 'sv';
const keep = args.includes('--keep');
const TOKEN = 'finsam-lab-check';
const marker = (s: string) => /^\s*<!--\s*lang:\s*([a-z]+)\s*-->/.exec(s)?.[1] ?? null;
const t0 = Date.now();
const log = (m: string) => process.stdout.write(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)}s] ${m}\n`);

interface Cell { cell_type: string; id: string; source: string | string[]; outputs?: { output_type: string; ename?: string; evalue?: string }[]; execution_count?: number | null }
const src = (c: Cell) => (Array.isArray(c.source) ? c.source.join('') : c.source);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function api(url: string, method = 'GET'): Promise<any> {
  const r = await fetch(url, { method, headers: { Authorization: `token ${TOKEN}` } });
  if (!r.ok) throw new Error(`${method} ${url}: ${r.status}`);
  return r.status === 204 ? null : r.json();
}

async function waitIdle(base: string, kernelId: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  let idleSince = 0;
  while (Date.now() < end) {
    const k = await api(`${base}/api/kernels/${kernelId}`);
    if (k.execution_state === 'idle') {
      if (!idleSince) idleSince = Date.now();
      if (Date.now() - idleSince > 4000) return;
    } else idleSince = 0;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`kernel still busy after ${timeoutMs / 1000} s`);
}

async function runNotebook(page: Page, base: string, clone: string, name: string): Promise<string | null> {
  const file = path.join(clone, 'notebooks', name);
  const before = JSON.parse(fs.readFileSync(file, 'utf8')) as { cells: Cell[] };
  // ?reset: a clean workspace with only this notebook open (JupyterLab restores the last one otherwise).
  await page.goto(`${base}/lab/tree/notebooks/${name}?reset&token=${TOKEN}`);
  await page.waitForSelector('.jp-Notebook', { timeout: 120_000 });
  // The session's kernel, once started and idle.
  let kernelId = '';
  for (let i = 0; i < 240 && !kernelId; i++) {
    const sessions = (await api(`${base}/api/sessions`)) as { path: string; kernel: { id: string } | null }[];
    kernelId = sessions.find((s) => s.path.endsWith(name))?.kernel?.id ?? '';
    if (!kernelId) await new Promise((r) => setTimeout(r, 500));
  }
  if (!kernelId) return 'no kernel started';
  await waitIdle(base, kernelId, 120_000);
  // What the lab shows: no cell of the other language.
  const shown = (await api(`${base}/api/contents/notebooks/${name}?content=1`)).content.cells as Cell[];
  const other = lang === 'sv' ? 'en' : 'sv';
  if (shown.some((c) => marker(src(c)) === other)) return `the lab shows ${other} cells in a ${lang} session`;
  if (await page.getByText(/official Jupyter news/i).count()) return 'the news prompt appeared';
  // Run → Run All Cells, as the analyst does.
  await page.locator('.jp-Notebook:visible').first().click();
  await page.getByRole('menuitem', { name: 'Run', exact: true }).click();
  await page.getByRole('menuitem', { name: /^Run All Cells/ }).click();
  // The kernel goes busy once the first cell is sent; then wait until it has been idle a while.
  let busy = false;
  for (let i = 0; i < 240 && !busy; i++) {
    busy = (await api(`${base}/api/kernels/${kernelId}`)).execution_state === 'busy';
    if (!busy) await new Promise((r) => setTimeout(r, 250));
  }
  if (!busy) {
    await page.screenshot({ path: path.join(os.tmpdir(), `lab-check-${name}.png`) });
    return `Run All did not start the kernel (screenshot in ${os.tmpdir()})`;
  }
  await waitIdle(base, kernelId, 900_000);
  await page.keyboard.press('Control+s');
  // The save may queue behind an autosave on a busy server: read the file until it holds the run.
  const ran = (nb: { cells: Cell[] }) => nb.cells.every((c) => c.cell_type !== 'code' || typeof c.execution_count === 'number');
  let saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { cells: Cell[] };
  // Malmökraften's outputs are large: on a loaded machine its save took more than two minutes.
  for (let i = 0; i < 1200 && !ran(saved); i++) {
    if (i % 240 === 239) await page.keyboard.press('Control+s');
    await new Promise((r) => setTimeout(r, 500));
    saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { cells: Cell[] };
  }
  // Both languages are back in the file, in their places.
  const ids = (nb: { cells: Cell[] }) => nb.cells.map((c) => c.id).join(',');
  if (ids(saved) !== ids(before)) return 'the saved file lost or moved cells';
  if (saved.cells.some((c) => c.cell_type === 'code' && typeof c.execution_count !== 'number')) {
    await page.screenshot({ path: path.join(os.tmpdir(), `lab-check-${name}.png`), fullPage: false });
  }
  for (const [i, c] of saved.cells.entries()) {
    if (c.cell_type !== 'code') continue;
    const err = (c.outputs ?? []).find((o) => o.output_type === 'error');
    if (err) return `cell ${i + 1} failed: ${err.ename}: ${err.evalue}`;
    if (typeof c.execution_count !== 'number') return `cell ${i + 1} did not run`;
  }
  await api(`${base}/api/kernels/${kernelId}`, 'DELETE');
  return null;
}

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-lab-check-'));
  const clone = path.join(work, 'finsam-eval');
  let lab: ChildProcess | undefined;
  const browser = await launchBrowser();
  let failed = false;
  try {
    const c = spawnSync('git', ['clone', '--quiet', root, clone], { encoding: 'utf8' });
    if (c.status !== 0) throw new Error(`git clone: ${c.stderr}`);
    for (const d of ['node_modules', '.venv']) fs.symlinkSync(fs.realpathSync(path.join(root, d)), path.join(clone, d));
    log(`fresh clone in ${clone} (no data-synthetic/out: ${!fs.existsSync(path.join(clone, 'data-synthetic', 'out'))})`);
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, FINSAM_LANG: lang };
    delete env.FINSAM_DATA;
    lab = spawn(process.execPath, [path.join(clone, 'bin', 'lab.js'), '--no-browser', `--port=${port}`, `--IdentityProvider.token=${TOKEN}`, '--ServerApp.ip=127.0.0.1'], {
      cwd: clone,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let labLog = '';
    lab.stdout!.on('data', (d) => (labLog += String(d)));
    lab.stderr!.on('data', (d) => (labLog += String(d)));
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if (lab.exitCode !== null) throw new Error(`npm run lab exited:\n${labLog}`);
      try {
        await api(`${base}/api/status`);
        break;
      } catch {
        if (i > 600) throw new Error(`JupyterLab did not start:\n${labLog}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    log(`JupyterLab up (synthetic data prepared: ${fs.existsSync(path.join(clone, 'data-synthetic', 'out', 'team-rct', 'monthly.csv'))})`);
    const notebooks = fs.readdirSync(path.join(clone, 'notebooks')).filter((f) => f.endsWith('.ipynb')).sort();
    for (const name of notebooks) {
      const t = Date.now();
      const page = await browser.context.newPage();
      page.setDefaultTimeout(60_000);
      const problem = await runNotebook(page, base, clone, name);
      await page.close();
      log(`${name}: ${problem ?? 'Run All without errors'} (${((Date.now() - t) / 1000).toFixed(0)} s)`);
      if (problem) {
        failed = true;
        break;
      }
    }
    if (/unknown msg_type/.test(labLog)) {
      log('the kernel logged "unknown msg_type"');
      failed = true;
    }
  } finally {
    await browser.close();
    if (lab && lab.exitCode === null) {
      lab.kill('SIGTERM');
      await new Promise((r) => lab!.once('exit', r));
    }
    if (!keep) fs.rmSync(work, { recursive: true, force: true });
  }
  log(failed ? 'lab check FAILED' : `lab check passed (${lang})`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((err) => {
  process.stderr.write(`lab check: ${(err as Error).stack}\n`);
  process.exitCode = 1;
});
