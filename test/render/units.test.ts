import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffNumbers, diffText } from '../../render/diff';
import { reportFigure } from '../../render/figure';
import { chaptersHtml } from '../../render/html';
import { markdownRenderer } from '../../render/markdown';
import { chapterTitle, checkUniqueIds, markdownLanguage, readChapter, type NbCell, type NbOutput } from '../../render/notebook';
import { locateHeadings } from '../../render/pdf';
import { listVersions, reserveVersion } from '../../render/version';
import { ITEM_MIME } from '../../src/report/model';
import type { NumberRecord } from '../../src/report/numbers';

const md = (source: string): NbCell => ({ cell_type: 'markdown', source });
const code = (source: string, outputs: NbOutput[] = []): NbCell => ({ cell_type: 'code', source, outputs });
const table = (id: string) => ({
  kind: 'table', id, title: { sv: 'T', en: 'T' }, notes: [],
  columns: [{ key: 'c', label: { sv: 'K', en: 'C' } }],
  rows: [{ key: 'r', label: { sv: 'R', en: 'R' }, cells: [{ value: 1 }] }],
});
const display = (item: object): NbOutput => ({ output_type: 'display_data', data: { [ITEM_MIME]: item, 'text/plain': 'x' } });

describe('notebook chapters', () => {
  it('splits markdown by language marker; unmarked cells go to both', () => {
    expect(markdownLanguage('<!-- lang: sv -->\n# Titel', 'x')).toEqual({ lang: 'sv', text: '# Titel' });
    expect(markdownLanguage('  <!--lang:en-->\nText', 'x')).toEqual({ lang: 'en', text: 'Text' });
    expect(markdownLanguage('# Both\n<!-- lang: sv -->', 'x')).toEqual({ lang: null, text: '# Both\n<!-- lang: sv -->' });
    expect(() => markdownLanguage('<!-- lang: de -->\nx', 'nb.ipynb, cell 2')).toThrow(/nb\.ipynb, cell 2: unknown language marker "de"/);
  });

  it('takes the first level-1 heading of each language as the chapter title', () => {
    const ch = readChapter(
      { cells: [md('Intro for both.'), md('<!-- lang: en -->\n## Not this\n# Sample'), md('<!-- lang: sv -->\n# Urval\n# Andra'), code('show(t)', [display(table('x-1'))])] },
      '/a/01-sample.ipynb',
      1,
    );
    expect(ch.title).toEqual({ sv: 'Urval', en: 'Sample' });
    expect(ch.blocks.map((b) => b.kind)).toEqual(['markdown', 'markdown', 'markdown', 'code', 'item']);
    expect(chapterTitle([], 'sv')).toBeNull();
    expect(readChapter({ cells: [code('1')] }, '/a/02-no-title.ipynb', 2).title.sv).toBe('02-no-title');
  });

  it('keeps printed output with the code and rejects malformed items with the cell named', () => {
    const ch = readChapter({ cells: [code('console.log(1)', [{ output_type: 'stream', name: 'stdout', text: ['took ', '3 s\n'] }])] }, 'n.ipynb', 1);
    expect(ch.blocks).toEqual([{ kind: 'code', cell: 1, source: 'console.log(1)', output: 'took 3 s\n' }]);
    expect(() => readChapter({ cells: [md('# A'), code('show()', [display({ kind: 'table', id: 'x' })])] }, 'n.ipynb', 1)).toThrow(
      /n\.ipynb, cell 2: report item x: .*a table needs columns\[\] and rows\[\]/,
    );
  });

  it('refuses an id shown twice', () => {
    const a = readChapter({ cells: [code('', [display(table('r24-tab-1'))])] }, 'a.ipynb', 1);
    const b = readChapter({ cells: [md('x'), code('', [display(table('r24-tab-1'))])] }, 'b.ipynb', 2);
    expect(() => checkUniqueIds([a, b])).toThrow('id "r24-tab-1" is shown twice: a.ipynb, cell 1 and b.ipynb, cell 2');
  });
});

describe('markdown', () => {
  const render = markdownRenderer({ onHeading: ({ depth, html }) => `<h${depth}>${html}</h${depth}>` });
  it('escapes raw HTML, drops comments, keeps markdown', () => {
    expect(render('A <script>alert(1)</script> & **b** <!-- hidden -->')).toBe('<p>A &lt;script&gt;alert(1)&lt;/script&gt; &amp; <strong>b</strong> </p>\n');
    expect(render('<div onclick="x">block</div>')).toBe('&lt;div onclick=&quot;x&quot;&gt;block&lt;/div&gt;');
  });
  it('never loads an image from the network; attachments are inlined', () => {
    expect(render('![logo](https://example.org/a.png)')).toBe('<p><span class="missing-image">[logo]</span></p>\n');
    expect(render('![dot](attachment:d.png)', { 'd.png': { 'image/png': 'iVBO\nRw==' } })).toBe('<p><img src="data:image/png;base64,iVBORw==" alt="dot"></p>\n');
    expect(render('[x](javascript:alert(1)) [y](https://a.se/?q=1&r=2)')).toBe('<p>x <a href="https://a.se/?q=1&amp;r=2">y</a></p>\n');
  });
});

describe('chapters as HTML', () => {
  it('numbers chapters, sections, tables and figures and builds the contents', () => {
    const ch = readChapter(
      { cells: [md('<!-- lang: sv -->\n# Urval & <data>\n## Första'), md('<!-- lang: en -->\n# Sample\n## First'), code('x', [display(table('x-1')), display(table('x-2'))]), md('## Andra')] },
      'a.ipynb',
      3,
    );
    const { body, toc } = chaptersHtml([ch], 'sv');
    expect(toc.map((e) => [e.level, e.number, e.text, e.id])).toEqual([
      [1, '3', 'Urval & <data>', 'ch-3'],
      [2, '3.1', 'Första', 'ch-3-1'],
      [2, '3.2', 'Andra', 'ch-3-2'],
    ]);
    expect(body).toContain('<h1 id="ch-3"><span class="num">3</span> Urval &amp; &lt;data&gt;</h1>');
    expect(body).toContain('Tabell 3.1</span>');
    expect(body).toContain('Tabell 3.2</span>');
    expect(body).not.toContain('Sample');
  });
});

describe('PDF contents pages', () => {
  const toc = [
    { level: 1 as const, id: 'ch-1', number: '1', text: 'Urval', html: '' },
    { level: 2 as const, id: 'ch-1-1', number: '1.1', text: 'Remisser och andelar', html: '' },
    { level: 1 as const, id: 'ch-2', number: '2', text: 'Balans', html: '' },
  ];
  it('finds each heading after the contents pages, in order', () => {
    const pages = ['Titel', 'Innehåll 1 Urval 1.1 Remisser och andelar 2 Balans', '1 Urval text', 'more 1.1 Remisser\noch andelar', '2 Balans'];
    expect([...locateHeadings(pages, toc)]).toEqual([['ch-1', 3], ['ch-1-1', 4], ['ch-2', 5]]);
  });
});

describe('versions', () => {
  it('counts renders per day, never reuses a name, leaves nothing behind on discard', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-versions-'));
    const day = new Date(2025, 2, 7, 12);
    const a = reserveVersion(root, undefined, day);
    expect(a.version).toBe('v2025.03.07-1');
    const b = reserveVersion(root, undefined, day);
    expect(b.version).toBe('v2025.03.07-2');
    fs.writeFileSync(path.join(a.staging, 'x'), '1');
    a.publish();
    b.discard();
    expect(fs.readdirSync(root)).toEqual(['v2025.03.07-1']);
    expect(reserveVersion(root, undefined, day).version).toBe('v2025.03.07-2');
    expect(() => reserveVersion(root, 'v2025.03.07-1', day)).toThrow(/already exists/);
    expect(() => reserveVersion(root, '../evil', day)).toThrow(/use the form/);
    fs.mkdirSync(path.join(root, 'v2025.03.07-10'));
    expect(listVersions(root)).toEqual(['v2025.03.07-1', 'v2025.03.07-10']);
    fs.rmSync(root, { recursive: true, force: true });
  });
});

describe('numbers diff', () => {
  const rec = (row: string, value: number | null, se: number | null = null, stars = ''): NumberRecord => ({ id: 't', row, column: 'c', value, se, stars });
  it('lists changed values, errors, stars, and added and removed numbers', () => {
    const before = [rec('a', 1, 0.5, '*'), rec('b', 2), rec('gone', 3)];
    const after = [rec('a', 1.25, 0.5, '**'), rec('b', 2), rec('new', 4)];
    const changes = diffNumbers(before, after);
    expect(changes).toEqual([
      { id: 't', row: 'a', column: 'c', field: 'value', old: 1, new: 1.25, delta: 0.25 },
      { id: 't', row: 'a', column: 'c', field: 'stars', old: '*', new: '**', delta: null },
      { id: 't', row: 'new', column: 'c', field: 'value', old: null, new: 4, delta: null },
      { id: 't', row: 'gone', column: 'c', field: 'value', old: 3, new: null, delta: null },
    ]);
    expect(diffText('v1', 'v2', changes)).toMatch(/4 numbers changed\nid\s+row\s+column\s+old\s+new\s+Δ/);
    expect(diffNumbers(after, after)).toEqual([]);
  });
});

describe('figure house style', () => {
  it('puts the builder’s layout over the house style and leaves the width to the page', () => {
    const fig = reportFigure({ data: [], layout: { width: 900, height: 500, font: { size: 14 } } }, 'sv');
    expect(fig.layout.width).toBeUndefined();
    expect(fig.layout.height).toBe(500);
    expect(fig.layout.separators).toBe(', ');
    expect((fig.layout.font as { size: number; family: string }).size).toBe(14);
    expect((fig.layout.font as { family: string }).family).toMatch(/Liberation Sans/);
    expect(reportFigure({ data: [], layout: {} }, 'en').layout.separators).toBe('.,');
  });
});
