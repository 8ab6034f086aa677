/**
 * The PDF of one language: Chromium prints the HTML report on A4 with page numbers in the
 * footer, charts as SVG (vectors) redrawn at the printed width. The table of contents gets
 * its page numbers in a second pass: the first print is read back with pdftotext to find
 * the page each heading starts on, the numbers are filled in (their space is reserved, so
 * nothing moves) and the page is printed again, this time tagged and with an outline.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { REPORT_TEXT, t } from '../src/i18n/report';
import { escapeHtml } from '../src/report/escape';
import type { Lang } from '../src/report/model';
import type { Browser } from './browser';
import { RenderError } from './errors';
import { FONT_FAMILY } from './figure';
import type { TocEntry } from './html';

/** A4 with 20 mm side margins leaves 170 mm ≈ 642 CSS pixels; charts are drawn a little narrower. */
const PRINT_WIDTH_PX = 640;
const MARGIN = { top: '18mm', bottom: '20mm', left: '20mm', right: '20mm' };

function footer(lang: Lang, version: string): string {
  const style = `font-family:${FONT_FAMILY.replace(/"/g, "'")};font-size:7.5pt;color:#555;width:100%;margin:0 20mm;display:flex;justify-content:space-between;`;
  return (
    `<div style="${style}"><span>${escapeHtml(REPORT_TEXT.title[lang])} · ${escapeHtml(version)}</span>` +
    `<span>${t('page', lang)} <span class="pageNumber"></span> ${t('of', lang)} <span class="totalPages"></span></span></div>`
  );
}

/** Page texts of a PDF (pdftotext, one string per page). */
export function pdfPages(file: string): string[] {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return text.split('\f').slice(0, -1);
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The 1-based page each table-of-contents entry starts on. Chapters start on a new page
 * with their heading first; sections are looked for from their chapter's page on.
 */
export function locateHeadings(pages: string[], toc: TocEntry[]): Map<string, number> {
  const found = new Map<string, number>();
  const texts = pages.map(norm);
  let from = 1; // page 1 is the title page
  for (const e of toc) {
    const heading = norm(`${e.number} ${e.text}`);
    for (let p = from; p < texts.length; p++) {
      const hit = e.level === 1 ? texts[p].startsWith(heading) : texts[p].includes(heading);
      if (hit) {
        found.set(e.id, p + 1);
        from = p;
        break;
      }
    }
  }
  return found;
}

async function preparePage(browser: Browser, htmlFile: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
  await page.setViewportSize({ width: PRINT_WIDTH_PX, height: 900 });
  await page.emulateMedia({ media: 'print' });
  // Generous limits: a 2 MB page with 40 charts loads slowly on a busy machine.
  await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load', timeout: 300_000 });
  // Page-side code is given as strings: this project compiles without the DOM library.
  await page.waitForFunction('document.documentElement.hasAttribute("data-plots")', undefined, { timeout: 300_000 });
  const state = await page.evaluate('document.documentElement.getAttribute("data-plots")');
  if (state !== 'drawn') throw new RenderError(`${path.basename(htmlFile)}: a chart could not be drawn (${state})`);
  await page.evaluate('window.finsamResizePlots().then(() => document.fonts.ready).then(() => undefined)');
  return page;
}

export async function printPdf(
  browser: Browser,
  htmlFile: string,
  pdfFile: string,
  options: { lang: Lang; version: string; toc: TocEntry[] },
): Promise<{ pages: number; missing: string[] }> {
  const page = await preparePage(browser, htmlFile);
  try {
    // The first print only finds the pages; the tagged PDF with its outline (bookmarks) is
    // three times slower to produce and is made once, at the end. Tagging does not move text.
    const print = (final: boolean) =>
      page.pdf({
        path: pdfFile,
        format: 'A4',
        printBackground: true,
        margin: MARGIN,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: footer(options.lang, options.version),
        outline: final,
        tagged: final,
      });
    await print(false);
    const located = locateHeadings(pdfPages(pdfFile), options.toc);
    await page.evaluate(
      `for (const [id, n] of ${JSON.stringify([...located.entries()])}) {
        const span = document.querySelector('.toc .page[data-for="' + id + '"]');
        if (span) span.textContent = String(n);
      }`,
    );
    await print(true);
    const pages = pdfPages(pdfFile);
    const again = locateHeadings(pages, options.toc);
    const moved = options.toc.filter((e) => again.get(e.id) !== located.get(e.id));
    if (moved.length > 0) throw new RenderError(`${path.basename(pdfFile)}: table of contents pages moved between passes (${moved.map((e) => e.number).join(', ')})`);
    return { pages: pages.length, missing: options.toc.filter((e) => !located.has(e.id)).map((e) => `${e.number} ${e.text}`) };
  } finally {
    await page.close();
  }
}
