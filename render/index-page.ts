/**
 * reports/index.html: every published version, newest first, with its date, data
 * source and fingerprint, commit, and links to its files. Rewritten after each render
 * (atomically: written beside and renamed), it lives outside the version directories.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPORT_TEXT, type ReportTextKey } from '../src/i18n/report';
import { escapeHtml } from '../src/report/escape';
import type { Manifest } from './manifest';
import { listVersions } from './version';

function readManifest(dir: string): Manifest | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

/** "Svenska / English" for a heading of the bilingual index. */
const both = (key: ReportTextKey) =>
  REPORT_TEXT[key].sv === REPORT_TEXT[key].en ? REPORT_TEXT[key].sv : `${REPORT_TEXT[key].sv} <span class="muted">/ ${REPORT_TEXT[key].en}</span>`;

const STYLE = `body{font-family:"Liberation Sans",Arial,"DejaVu Sans",sans-serif;color:#1b1b1b;max-width:70rem;margin:2rem auto;padding:0 1.5rem;font-size:15px}
h1{font-size:1.5rem}table{border-collapse:collapse;width:100%;font-size:.85rem}
th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}
thead th{border-bottom:1.5px solid #222}code{font-family:"Liberation Mono","DejaVu Sans Mono",monospace;font-size:.8rem}
a{color:#1f4e79}.muted{color:#555}`;

export function indexHtml(root: string): string {
  const rows = listVersions(root)
    .reverse()
    .map((v) => {
      const dir = path.join(root, v);
      const m = readManifest(dir);
      const files = ['report.sv.html', 'report.sv.pdf', 'report.en.html', 'report.en.pdf', 'numbers.json', 'manifest.json']
        .filter((f) => fs.existsSync(path.join(dir, f)))
        .map((f) => `<a href="${escapeHtml(`${v}/${f}`)}">${escapeHtml(f)}</a>`)
        .join('<br>');
      if (!m) return `<tr><td>${escapeHtml(v)}</td><td colspan="4" class="muted">manifest.json missing</td><td>${files}</td></tr>`;
      const data = m.data.kind === 'synthetic' ? `synthetic${m.seed !== null ? ` (seed ${escapeHtml(String(m.seed))})` : ''}` : `real: ${m.data.label ? escapeHtml(m.data.label) : '<span class="muted">(no label)</span>'}`;
      const commit = m.git.commit ? `<code>${escapeHtml(m.git.commit.slice(0, 12))}</code>${m.git.dirty ? ' <span class="muted">(dirty)</span>' : ''}` : '–';
      return (
        `<tr><td><strong>${escapeHtml(v)}</strong></td><td>${escapeHtml(m.created.replace('T', ' ').slice(0, 19))}</td>` +
        `<td>${data}<br><span class="muted">${m.data.files.length} ${m.data.files.length === 1 ? 'fil / file' : 'filer / files'}</span></td><td><code title="${escapeHtml(m.data.fingerprint)}">${escapeHtml(m.data.fingerprint.slice(0, 16))}</code></td>` +
        `<td>${commit}</td><td>${files}</td></tr>`
      );
    });
  return `<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>${REPORT_TEXT.versions.sv} / ${REPORT_TEXT.versions.en}</title><style>${STYLE}</style></head>
<body><h1>${both('versions')}</h1>
<table><thead><tr><th>${both('version')}</th><th>${both('created')}</th><th>${both('data')}</th><th>${both('fingerprint')} (SHA-256)</th><th>${both('commit')}</th><th>${both('files')}</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></body></html>
`;
}

export function writeIndex(root: string): void {
  const tmp = path.join(root, `.index-${process.pid}.html`);
  fs.writeFileSync(tmp, indexHtml(root));
  fs.renameSync(tmp, path.join(root, 'index.html'));
}
