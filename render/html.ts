/**
 * One language's report as a single self-contained HTML file: title page, table of
 * contents, chapters in notebook order with numbered headings, tables, figures and
 * computed text, code under toggles. CSS, the page script, plotly.js and every figure's
 * data are inlined, so opening the file makes no network request.
 */
import { itemSource } from '../src/report/sources';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { longDate, REPORT_TEXT, t } from '../src/i18n/report';
import { escapeHtml, jsonForScript } from '../src/report/escape';
import { figureDataHtml, figureDescription } from '../src/report/figure-text';
import type { Lang, ReportFigure } from '../src/report/model';
import { tableHtml } from '../src/report/table-html';
import { reportFigure } from './figure';
import { htmlToText, markdownRenderer } from './markdown';
import type { Chapter } from './notebook';

export interface ReportMeta {
  version: string;
  created: Date;
  /** Description of the data, per language (synthetic, or the real directory). */
  data: Record<Lang, string>;
  commit: string | null;
  dirty: boolean;
  /** Languages rendered in this version (for the link to the other one). */
  langs: readonly Lang[];
}

export interface TocEntry {
  level: 1 | 2;
  id: string;
  number: string;
  /** Heading text without markup. */
  text: string;
  html: string;
}

const ASSET_DIR = __dirname;
let plotlySource: string | undefined;

function plotlyJs(): string {
  if (plotlySource === undefined) {
    const file = require.resolve('plotly.js-dist-min/plotly.min.js');
    plotlySource = fs.readFileSync(file, 'utf8').replace(/<\/script/gi, '<\\/script');
  }
  return plotlySource;
}

const asset = (name: string): string => fs.readFileSync(path.join(ASSET_DIR, name), 'utf8');

function figureHtml(fig: ReportFigure, lang: Lang, number: string): string {
  const spec = reportFigure(fig.plotly[lang], lang);
  const notes = fig.notes.map((n) => `<p>${escapeHtml(n[lang])}</p>`).join('');
  const id = escapeHtml(fig.id);
  const title = `${number} ${fig.title[lang]}`;
  // The figure is named by its caption and a generated description of what the chart shows
  // (the tagged PDF's alt text of the Figure); the drawing itself is hidden from assistive
  // technology, its numbers are in the tables under the toggle.
  const description = figureDescription(fig.plotly[lang], lang);
  const alt = description ? `${title}. ${description}` : title;
  const data = figureDataHtml(fig.plotly[lang], lang, title);
  return [
    `<figure class="report-item report-figure" id="${id}" aria-label="${escapeHtml(alt)}">`,
    `<figcaption><span class="item-number">${escapeHtml(number)}</span> ${escapeHtml(fig.title[lang])}</figcaption>`,
    '<div class="plot" aria-hidden="true"></div>',
    `<script type="application/json" class="plot-data">${jsonForScript(spec)}</script>`,
    data ? `<details class="figure-data"><summary>${t('figureData', lang)}</summary><div class="scroll">${data}</div></details>` : '',
    notes ? `<div class="notes">${notes}</div>` : '',
    '</figure>',
  ].join('\n');
}

/** A code cell and what it printed, folded; the summary names the notebook and cell to find it. */
function codeHtml(file: string, cell: number, source: string, output: string, lang: Lang): string {
  const out = output ? `<pre class="output">${escapeHtml(output.replace(/\n+$/, ''))}</pre>` : '';
  const code = source.trim() ? `<pre class="source"><code>${escapeHtml(source)}</code></pre>` : '';
  const where = `<span class="where">${escapeHtml(file)}, ${t('cell', lang)} ${cell}</span>`;
  return `<details class="code"><summary>${t('code', lang)} ${where}</summary>${code}${out}</details>`;
}

/** "Tabell 3.1 (R24 tabell 1)": the report's number and the ISF original it reproduces (src/report/sources). */
function withSource(number: string, id: string, lang: Lang): string {
  const src = itemSource(id);
  return src ? `${number} (${src[lang]})` : number;
}

/** Renders the chapters' body and collects the table of contents. */
export function chaptersHtml(chapters: Chapter[], lang: Lang): { body: string; toc: TocEntry[] } {
  const toc: TocEntry[] = [];
  const parts: string[] = [];
  for (const ch of chapters) {
    let titled = false;
    let section = 0;
    let tables = 0;
    let figures = 0;
    const chapterHeading = (inner: string): string => {
      titled = true;
      const id = `ch-${ch.number}`;
      toc.push({ level: 1, id, number: String(ch.number), text: htmlToText(inner), html: inner });
      return `<h1 id="${id}"><span class="num">${ch.number}</span> ${inner}</h1>`;
    };
    const md = markdownRenderer({
      onHeading: ({ depth, html }) => {
        if (depth === 1 && !titled) return chapterHeading(html);
        if (depth <= 2) {
          section += 1;
          const id = `ch-${ch.number}-${section}`;
          const number = `${ch.number}.${section}`;
          toc.push({ level: 2, id, number, text: htmlToText(html), html });
          return `<h2 id="${id}"><span class="num">${number}</span> ${html}</h2>`;
        }
        return `<h${depth}>${html}</h${depth}>`;
      },
    });
    const body: string[] = [];
    for (const b of ch.blocks) {
      if (b.kind === 'markdown') {
        if (b.lang === null || b.lang === lang) body.push(md(b.text, b.attachments));
      } else if (b.kind === 'code') {
        body.push(codeHtml(ch.file, b.cell, b.source, b.output, lang));
      } else if (b.item.kind === 'table') {
        tables += 1;
        body.push(tableHtml(b.item, lang, { number: withSource(`${t('table', lang)} ${ch.number}.${tables}`, b.item.id, lang) }));
      } else if (b.item.kind === 'figure') {
        figures += 1;
        body.push(figureHtml(b.item, lang, withSource(`${t('figure', lang)} ${ch.number}.${figures}`, b.item.id, lang)));
      } else {
        body.push(`<div class="computed-text">${md(b.item.markdown[lang])}</div>`);
      }
    }
    const head = titled ? '' : chapterHeading(escapeHtml(ch.title[lang]));
    parts.push(`<section class="chapter" data-notebook="${escapeHtml(ch.file)}">\n${head}${body.join('\n')}\n</section>`);
  }
  return { body: parts.join('\n'), toc };
}

function tocHtml(toc: TocEntry[], lang: Lang): string {
  const items: string[] = [];
  let open = false;
  for (const e of toc) {
    const link = `<a href="#${e.id}"><span class="num">${escapeHtml(e.number)}</span><span class="text">${e.html}</span><span class="page" data-for="${e.id}"></span></a>`;
    if (e.level === 1) {
      if (open) items.push('</ol></li>');
      items.push(`<li class="toc-chapter">${link}<ol>`);
      open = true;
    } else {
      items.push(`<li class="toc-section">${link}</li>`);
    }
  }
  if (open) items.push('</ol></li>');
  return `<nav class="toc" aria-labelledby="toc-title"><h2 id="toc-title">${t('contents', lang)}</h2><ol>${items.join('')}</ol></nav>`;
}

function titlePage(meta: ReportMeta, lang: Lang): string {
  const other = meta.langs.find((l) => l !== lang);
  const commit = meta.commit ? `${meta.commit.slice(0, 12)}${meta.dirty ? ` (${t('uncommitted', lang)})` : ''}` : '–';
  const row = (key: Parameters<typeof t>[0], value: string) => `<dt>${t(key, lang)}</dt><dd>${escapeHtml(value)}</dd>`;
  return [
    '<header class="title-page">',
    other ? `<p class="lang-switch"><a href="report.${other}.html" hreflang="${other}">${t('otherLanguage', lang)}</a></p>` : '',
    `<h1 class="report-title">${escapeHtml(REPORT_TEXT.title[lang])}</h1>`,
    `<p class="subtitle">${escapeHtml(REPORT_TEXT.subtitle[lang])}</p>`,
    '<dl class="meta">',
    row('version', meta.version),
    row('date', longDate(meta.created, lang)),
    row('data', meta.data[lang]),
    row('commit', commit),
    '</dl>',
    `<p class="code-toggle"><button type="button" id="toggle-code" data-show="${t('showAllCode', lang)}" data-hide="${t('hideAllCode', lang)}">${t('showAllCode', lang)}</button></p>`,
    '</header>',
  ].join('\n');
}

export function reportHtml(chapters: Chapter[], lang: Lang, meta: ReportMeta): { html: string; toc: TocEntry[] } {
  const { body, toc } = chaptersHtml(chapters, lang);
  const html = `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="finsam-eval render">
<meta name="report-version" content="${escapeHtml(meta.version)}">
<title>${escapeHtml(REPORT_TEXT.title[lang])} – ${escapeHtml(meta.version)}</title>
<style>
${asset('style.css')}
</style>
</head>
<body>
<a class="skip-link" href="#main">${t('skipToContent', lang)}</a>
${titlePage(meta, lang)}
${tocHtml(toc, lang)}
<main id="main">
${body}
</main>
<script>
${plotlyJs()}
</script>
<script>
${asset('page.js')}
</script>
</body>
</html>
`;
  return { html, toc };
}
