/**
 * npm run report [-- --lang sv|en] [--data DIR] [--no-pdf] [--version vYYYY.MM.DD-N]
 *                [--notebooks DIR] [--reports DIR] [--timeout SECONDS] [--verbose]
 *
 * Executes every notebook (file-name order) in the tslab kernel, then assembles
 * reports/<version>/: report.<lang>.html and .pdf, manifest.json, numbers.json, and
 * rewrites reports/index.html. Everything is built in a staging directory and renamed into
 * place at the end; on any error nothing is published. Environment: FINSAM_DATA (real data
 * directory), FINSAM_NOTEBOOKS, FINSAM_REPORTS, FINSAM_CHROMIUM.
 */
import { Command } from 'commander';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LANGS, type Lang } from '../src/report/model';
import { type NumberRecord, tableNumbers } from '../src/report/numbers';
import { launchBrowser } from './browser';
import { auditRender, protectChapters, reportTables } from './disclosure';
import { DEFAULT_RULES, type DisclosureRules } from '../src/disclosure/rules';
import { RenderError } from './errors';
import { executeNotebooks, stopRunningNotebooks } from './execute';
import { reportHtml } from './html';
import { writeIndex } from './index-page';
import { readNotebookWarnings, warningLines, type NotebookWarning } from './warnings';
import { fingerprint, gitState, hashFiles, type DataSource, type Manifest, packageVersions, sha256File } from './manifest';
import { checkUniqueIds, readChapter, type Chapter } from './notebook';
import { PUBLIC_DATA_DIR, ROOT } from './paths';
import { printPdf } from './pdf';
import { ensureSyntheticData } from './synth';
import { reserveVersion, type Reservation } from './version';
import { REPORT_TEXT } from '../src/i18n/report';

export interface RenderOptions {
  langs: Lang[];
  /** Real data directory; undefined renders from the synthetic data. */
  data?: string;
  /**
   * How the report names real data (title page); never the directory, whose path can reveal
   * a project number on the register platform. The manifest keeps the path.
   */
  dataLabel?: string;
  notebooks: string;
  reports: string;
  version?: string;
  pdf: boolean;
  timeoutSeconds: number;
  verbose: boolean;
  /** Refuse to publish when a notebook's warnings say the sample changed (`--strict`). */
  strict?: boolean;
  /** Disclosure rules (default DEFAULT_RULES: 5 persons, (2, 85 %), p = 10 %, protection 30 % / 5 persons). */
  disclosure?: DisclosureRules;
  now?: Date;
}

export interface RenderResult {
  version: string;
  dir: string;
  seconds: { notebooks: number; total: number };
}

const t0 = Date.now();
function progress(message: string): void {
  const s = ((Date.now() - t0) / 1000).toFixed(1).padStart(6);
  process.stdout.write(`[${s}s] ${message}\n`);
}

function dataDescription(source: DataSource, label: string | undefined): Record<Lang, string> {
  if (source.kind === 'real') {
    if (!label) return { sv: REPORT_TEXT.realDataUnlabelled.sv, en: REPORT_TEXT.realDataUnlabelled.en };
    return { sv: `${REPORT_TEXT.realData.sv}: ${label}`, en: `${REPORT_TEXT.realData.en}: ${label}` };
  }
  const seed = (lang: Lang) => (source.seed !== null ? ` (${REPORT_TEXT.seed[lang]} ${source.seed})` : '');
  return { sv: REPORT_TEXT.syntheticData.sv + seed('sv'), en: REPORT_TEXT.syntheticData.en + seed('en') };
}

function listNotebooks(dir: string): string[] {
  if (!fs.existsSync(dir)) throw new RenderError(`notebook directory ${dir} does not exist`);
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ipynb') && !f.startsWith('.'))
    .sort();
  if (files.length === 0) throw new RenderError(`no notebooks (*.ipynb) in ${dir}`);
  return files.map((f) => path.join(dir, f));
}

async function executeAll(files: string[], source: DataSource, options: RenderOptions, work: string) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (source.kind === 'real') env.FINSAM_DATA = source.dir;
  else delete env.FINSAM_DATA;
  // Each notebook's warnings land in warnings/<k>.jsonl (run_notebook.py sets the file per kernel).
  const warningsDir = path.join(work, 'warnings');
  fs.mkdirSync(warningsDir, { recursive: true });
  env.FINSAM_WARNINGS_DIR = warningsDir;
  delete env.FINSAM_WARNINGS_FILE;
  const notebookWarnings: NotebookWarning[][] = files.map(() => []);
  const runs = files.map((file) => ({ file, out: path.join(work, path.basename(file)) }));
  const label = (i: number) => `notebook ${i + 1}/${files.length} ${path.basename(files[i])}`;
  const results = await executeNotebooks(runs, {
    timeoutSeconds: options.timeoutSeconds,
    env,
    onEvent: (e, res) => {
      const i = e.notebook ?? 0;
      if (e.event === 'start') progress(`${label(i)}: executing ${e.code_cells} code cell${e.code_cells === 1 ? '' : 's'}`);
      if (e.event === 'retry') progress(`${label(i)}: a source file changed while the kernel compiled it; running the notebook again`);
      if (e.event === 'cell' && options.verbose) progress(`  ${path.basename(files[i])} cell ${(e.index ?? 0) + 1} done in ${e.seconds} s`);
      if (e.event === 'done') {
        notebookWarnings[i] = readNotebookWarnings(warningsDir, i);
        for (const line of warningLines(label(i), notebookWarnings[i])) progress(line);
        const cells = [...res.cellSeconds.values()].reduce((s, x) => s + x, 0);
        const slowest = [...res.cellSeconds.entries()].sort((a, b) => b[1] - a[1])[0];
        progress(
          `${label(i)}: done in ${res.seconds.toFixed(1)} s (cells ${cells.toFixed(1)} s` +
            `${slowest ? `, slowest: cell ${slowest[0] + 1} ${slowest[1].toFixed(1)} s` : ''}; waiting for the kernel ${(res.seconds - cells).toFixed(1)} s)`,
        );
      }
    },
  });
  const chapters = runs.map((r, i) => readChapter(JSON.parse(fs.readFileSync(r.out, 'utf8')), r.file, i + 1));
  checkUniqueIds(chapters);
  // What the code printed may name the real data's directory (a path can reveal a project
  // number on the register platform): the report shows $FINSAM_DATA instead.
  if (source.kind === 'real') {
    for (const ch of chapters)
      for (const b of ch.blocks) if (b.kind === 'code') b.output = b.output.split(source.dir).join('$FINSAM_DATA');
  }
  const warned = notebookWarnings.flatMap((ws, i) => warningLines(path.basename(files[i]), ws));
  if (options.strict && warned.length > 0) {
    throw new RenderError(`--strict: the notebooks changed the sample (${warned.length} warning${warned.length === 1 ? '' : 's'}); nothing published:\n  ${warned.join('\n  ')}`);
  }
  return { chapters, timings: results.map((r, i) => ({ file: r.file, seconds: r.seconds, warnings: notebookWarnings[i] })) };
}

function allNumbers(chapters: Chapter[]): NumberRecord[] {
  return chapters.flatMap((ch) => ch.blocks.flatMap((b) => (b.kind === 'item' && b.item.kind === 'table' ? tableNumbers(b.item) : [])));
}

/** numbers.json with one record per line, so versions compare well in text tools too. */
function numbersJson(numbers: NumberRecord[]): string {
  return numbers.length === 0 ? '[]\n' : `[\n${numbers.map((n) => JSON.stringify(n)).join(',\n')}\n]\n`;
}

export async function render(options: RenderOptions): Promise<RenderResult> {
  const now = options.now ?? new Date();
  const source: DataSource = options.data
    ? { kind: 'real', dir: path.resolve(options.data), seed: null }
    : await ensureSyntheticData(progress);
  if (source.kind === 'real' && !(fs.existsSync(source.dir) && fs.statSync(source.dir).isDirectory())) {
    throw new RenderError(`data directory ${source.dir} does not exist`);
  }
  if (source.kind === 'real' && !options.dataLabel) {
    process.stderr.write('render: no --data-label given; the title page says only "register data" (the directory is never printed)\n');
  }
  if (options.dataLabel && /[\\/]/.test(options.dataLabel) && (path.isAbsolute(options.dataLabel) || fs.existsSync(options.dataLabel))) {
    throw new RenderError(`--data-label "${options.dataLabel}" looks like a path; give a name for the data, not its location`);
  }
  const files = listNotebooks(path.resolve(options.notebooks));
  const reportsRoot = path.resolve(options.reports);
  const reservation: Reservation = reserveVersion(reportsRoot, options.version, now);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-render-'));
  const cleanup = () => {
    reservation.discard();
    fs.rmSync(work, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    stopRunningNotebooks();
    cleanup();
    process.stderr.write(`render: ${signal}, nothing published\n`);
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    progress(`version ${reservation.version}: ${files.length} notebooks, data: ${source.kind} ${source.dir}`);
    // The code and data as they are when the notebooks start.
    const git = gitState(ROOT);
    const dataFiles = hashFiles(source.dir);
    const publicFiles = hashFiles(PUBLIC_DATA_DIR).map((f) => ({ ...f, path: `data-public/${f.path}` }));
    const executed = await executeAll(files, source, options, work);
    const { timings } = executed;
    const notebookSeconds = (Date.now() - t0) / 1000;
    // Disclosure control, once, on every table before any output is written.
    const rules = options.disclosure ?? DEFAULT_RULES;
    const protection = await protectChapters(executed.chapters, rules);
    const chapters = protection.chapters;
    const withheld = protection.result.report.reduce((s, t) => s + t.primary.length + t.secondary.length, 0);
    progress(`disclosure control: ${withheld} cells withheld in ${protection.result.report.filter((t) => t.primary.length + t.secondary.length > 0).length} tables (${protection.result.solves} LPs)`);
    const staging = reservation.staging;
    const numbers = allNumbers(chapters);
    fs.writeFileSync(path.join(staging, 'numbers.json'), numbersJson(numbers));
    progress(`numbers.json: ${numbers.length} numbers from ${new Set(numbers.map((n) => n.id)).size} tables`);
    const meta = { version: reservation.version, created: now, data: dataDescription(source, options.dataLabel), commit: git.commit, dirty: git.dirty === true, langs: options.langs };
    const tocs = new Map<Lang, ReturnType<typeof reportHtml>['toc']>();
    for (const lang of options.langs) {
      const { html, toc } = reportHtml(chapters, lang, meta);
      fs.writeFileSync(path.join(staging, `report.${lang}.html`), html);
      tocs.set(lang, toc);
      progress(`report.${lang}.html: ${(Buffer.byteLength(html) / 1e6).toFixed(1)} MB`);
    }
    // The auditor, over the tables and numbers as published (the PDFs print the same HTML),
    // before the slow PDF step so a leak fails the render early.
    const disclosure = await auditRender(reportTables(chapters), reportTables(executed.chapters), numbers, protection.result, rules);
    progress(`disclosure audit: ${disclosure.audit.protected} of ${disclosure.audit.primary} primary cells protected, ${disclosure.audit.withheld} withheld in all`);
    if (options.pdf) {
      const browser = await launchBrowser();
      try {
        // The languages print in parallel, each in its own page (renderer process).
        await Promise.all(
          options.langs.map(async (lang) => {
            const res = await printPdf(browser, path.join(staging, `report.${lang}.html`), path.join(staging, `report.${lang}.pdf`), {
              lang,
              version: reservation.version,
              toc: tocs.get(lang) ?? [],
            });
            progress(`report.${lang}.pdf: ${res.pages} pages`);
            if (res.missing.length > 0) progress(`  warning: no page found for ${res.missing.join('; ')}`);
          }),
        );
      } finally {
        await browser.close();
      }
    }
    const manifest: Manifest = {
      version: reservation.version,
      created: now.toISOString(),
      git,
      data: { kind: source.kind, dir: source.dir, ...(options.dataLabel ? { label: options.dataLabel } : {}), fingerprint: fingerprint([...dataFiles, ...publicFiles]), files: dataFiles, public: publicFiles },
      seed: source.seed,
      node: process.version,
      packages: packageVersions(ROOT),
      notebooks: timings.map((tm) => ({
        path: path.relative(ROOT, tm.file),
        sha256: sha256File(tm.file),
        bytes: fs.statSync(tm.file).size,
        seconds: Number(tm.seconds.toFixed(3)),
        warnings: tm.warnings,
      })),
      strict: options.strict === true,
      langs: options.langs,
      seconds: { notebooks: Number(notebookSeconds.toFixed(3)), total: Number(((Date.now() - t0) / 1000).toFixed(3)) },
      disclosure,
    };
    fs.writeFileSync(path.join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    reservation.publish();
    writeIndex(reportsRoot);
    progress(`published ${reservation.dir}`);
    return { version: reservation.version, dir: reservation.dir, seconds: manifest.seconds };
  } catch (err) {
    cleanup();
    throw err;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

function parseArgs(argv: string[]): RenderOptions {
  const program = new Command('report')
    .description('Render the notebooks into reports/<version>/ (HTML and PDF, Swedish and English)')
    .option('--lang <lang>', 'render one language (sv or en); default both')
    .option('--data <dir>', 'real data directory in the dictionary schema (default: FINSAM_DATA, else synthetic data)', process.env.FINSAM_DATA || undefined)
    .option('--data-label <text>', 'how the title page names real data, e.g. "LISA/STORE extract 2024-11" (default FINSAM_DATA_LABEL; the directory is never printed)', process.env.FINSAM_DATA_LABEL || undefined)
    .option('--no-pdf', 'skip the PDFs')
    .option('--version <name>', 'version name (default vYYYY.MM.DD-N, the next free N of today)')
    .option('--notebooks <dir>', 'notebook directory', process.env.FINSAM_NOTEBOOKS || path.join(ROOT, 'notebooks'))
    .option('--reports <dir>', 'reports directory', process.env.FINSAM_REPORTS || path.join(ROOT, 'reports'))
    .option('--timeout <seconds>', 'time limit per cell', '900')
    .option('--verbose', 'a progress line per cell')
    .option('--strict', 'production run: a warning that changes the sample (a reading rule or an estimator dropping rows or units) stops the render; nothing is published')
    .option('--min-persons <n>', 'disclosure control: withhold cells resting on fewer persons', String(DEFAULT_RULES.minPersons))
    .option('--protection <share>', 'disclosure control: a withheld cell must not be computable to within this share of its value', String(DEFAULT_RULES.protection.relative))
    .exitOverride();
  program.parse(argv);
  const o = program.opts<{ lang?: string; data?: string; dataLabel?: string; pdf: boolean; version?: string; notebooks: string; reports: string; timeout: string; verbose?: boolean; strict?: boolean; minPersons: string; protection: string }>();
  const minPersons = Number(o.minPersons);
  if (!Number.isInteger(minPersons) || minPersons < 1) throw new RenderError(`--min-persons ${o.minPersons}: give a whole number of persons, 1 or more`);
  const relative = Number(o.protection);
  if (!Number.isFinite(relative) || relative < 0) throw new RenderError(`--protection ${o.protection}: give a share, 0 or more (0.3 = 30 %)`);
  if (o.lang !== undefined && !(LANGS as readonly string[]).includes(o.lang)) throw new RenderError(`--lang ${o.lang}: use sv or en`);
  const timeout = Number(o.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0) throw new RenderError(`--timeout ${o.timeout}: give seconds, a positive number`);
  return {
    langs: o.lang ? [o.lang as Lang] : [...LANGS],
    data: o.data,
    dataLabel: o.dataLabel?.trim() || undefined,
    notebooks: o.notebooks,
    reports: o.reports,
    version: o.version,
    pdf: o.pdf,
    timeoutSeconds: timeout,
    verbose: o.verbose === true,
    strict: o.strict === true,
    disclosure: { ...DEFAULT_RULES, minPersons, protection: { ...DEFAULT_RULES.protection, relative, persons: minPersons } },
  };
}

if (require.main === module) {
  (async () => {
    try {
      await render(parseArgs(process.argv));
    } catch (err) {
      const e = err as Error & { code?: string; exitCode?: number };
      if (e.code?.startsWith('commander.')) process.exitCode = e.exitCode ?? 2;
      else {
        process.stderr.write(`render failed, nothing published: ${e instanceof RenderError ? e.message : e.stack}\n`);
        process.exitCode = 1;
      }
    }
  })();
}
