import * as path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { executeNotebookAsync } from '../helpers/notebook';
import { mimeBundle, toJsonItem } from '../../src/report/bundle';
import { displayLanguage, setDisplayLanguage, show } from '../../src/report/display';
import { ITEM_MIME, PLOTLY_MIME, type ReportFigure, type ReportTable } from '../../src/report/model';
import { tableNumbers } from '../../src/report/numbers';
import { plainText } from '../../src/report/plain-text';
import { tableHtml } from '../../src/report/table-html';
import { checkItem } from '../../src/report/validate';

const L = (sv: string, en: string) => ({ sv, en });

function sampleTable(): ReportTable {
  const xs = [0.2, 0.4, 0.9];
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  return {
    kind: 'table',
    id: 'tx-tab',
    title: L('Löner <2020> & bidrag', 'Wages <2020> & benefits'),
    stub: L('Utfall', 'Outcome'),
    columns: [
      { key: 'm1', label: L('Modell 1', 'Model 1') },
      { key: 'm2', label: L('Modell 2', 'Model 2') },
    ],
    rows: [
      { key: 'sec', label: L('Inkomst', 'Income'), header: true, cells: [] },
      { key: 'wage', label: L('Lön & <ersättning>', 'Wage & <benefit>'), cells: [{ value: 1014.2, se: 267.5, stars: '***', format: { decimals: 1 } }, { value: -m, se: 0.01, format: { decimals: 3 }, n: 3 }] },
      { key: 'ratio', label: L('Andel', 'Share'), cells: [{ value: null, text: L('48 / 52', '48 / 52'), span: 2 }] },
      { key: 'na', label: L('Saknas', 'Missing'), cells: [{ value: null, na: L('för få', 'too few') }, { value: 12345.678, format: { decimals: 0 } }] },
    ],
    notes: [L('Anm. < 5 & mer', 'Note < 5 & more')],
  };
}

describe('table HTML', () => {
  it('is a real <table> under the catalog id, labels escaped, numbers in the language', () => {
    const sv = tableHtml(sampleTable(), 'sv', { number: 'Tabell 1.1' });
    expect(sv).toMatch(/^<section class="report-item report-table" id="tx-tab">/);
    expect(sv).toContain('<caption><span class="item-number">Tabell 1.1</span> Löner &lt;2020&gt; &amp; bidrag</caption>');
    expect(sv).toContain('<th scope="row">Lön &amp; &lt;ersättning&gt;</th>');
    expect(sv).toContain('<span class="value">1\u00a0014,2</span><span class="stars">***</span><span class="se">(267,5)</span>');
    expect(sv).toContain('<td class="text" colspan="2"><span class="value">48 / 52</span></td>');
    expect(sv).toContain('<tr class="group"><th scope="rowgroup" colspan="3">Inkomst</th></tr>');
    expect(sv).toContain('<p>Anm. &lt; 5 &amp; mer</p>');
    expect(sv).not.toMatch(/<ersättning>|<2020>/);
    const en = tableHtml(sampleTable(), 'en');
    expect(en).toContain('<span class="value">1,014.2</span>');
    expect(en).toContain('<span class="value">12,346</span>');
  });

  it('withholds cells on fewer than 5 persons and says so', () => {
    const sv = tableHtml(sampleTable(), 'sv');
    expect(sv).toContain('<td class="na"><span class="value">..</span></td>');
    expect(sv).not.toContain('0,500');
    expect(sv).toMatch(/färre än 5 personer/);
    expect(plainText(sampleTable(), 'en')).not.toContain('0.500');
  });
});

describe('numbers records', () => {
  it('keys every number by row and column key, spans resolved, withheld as null', () => {
    expect(tableNumbers(sampleTable())).toEqual([
      { id: 'tx-tab', row: 'wage', column: 'm1', value: 1014.2, se: 267.5, stars: '***' },
      { id: 'tx-tab', row: 'wage', column: 'm2', value: null, se: null, stars: '', suppressed: true },
      { id: 'tx-tab', row: 'na', column: 'm1', value: null, se: null, stars: '' },
      { id: 'tx-tab', row: 'na', column: 'm2', value: 12346, se: null, stars: '' }, // as printed (0 decimals), not 12345.678
    ]);
  });
});

describe('item validation', () => {
  it('names every problem of a malformed table', () => {
    const bad = sampleTable() as unknown as { rows: { cells: unknown[] }[]; title: unknown };
    bad.rows[1].cells.pop();
    bad.title = { sv: 'bara svenska' };
    expect(() => checkItem(bad)).toThrow(/tx-tab: title must be \{sv: string, en: string\}; row 2 \("wage"\) spans 1 columns, the table has 2/);
    expect(() => checkItem({ kind: 'chart' })).toThrow(/kind must be 'table', 'figure' or 'text'/);
  });
});

describe('show() and its MIME bundle', () => {
  afterEach(() => {
    delete process.env.FINSAM_LANG;
    vi.restoreAllMocks();
  });

  const figure: ReportFigure = {
    kind: 'figure',
    id: 'tx-fig',
    title: L('Figur', 'Figure'),
    notes: [],
    plotly: {
      sv: { data: [{ type: 'scatter', name: 'Utfall', y: new Float64Array([1, NaN, 3]) }], layout: {} },
      en: { data: [{ type: 'scatter', name: 'Outcome', y: new Float64Array([1, NaN, 3]) }], layout: {} },
    },
  };

  it('holds the item as JSON, a view in the display language and plain text', () => {
    const table = mimeBundle(sampleTable(), 'en');
    expect(Object.keys(table)).toEqual([ITEM_MIME, 'text/html', 'text/plain']);
    expect(table[ITEM_MIME]).toEqual(sampleTable());
    expect(table['text/html']).toContain('Model 1');
    const fig = mimeBundle(figure, 'sv');
    expect(Object.keys(fig)).toEqual([ITEM_MIME, PLOTLY_MIME, 'text/plain']);
    expect((fig[PLOTLY_MIME] as { data: { y: unknown }[] }).data[0].y).toEqual([1, null, 3]);
    expect(toJsonItem(figure)).toEqual(fig[ITEM_MIME]);
  });

  it('prints plain text outside a kernel, in FINSAM_LANG or the chosen language', () => {
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
    expect(displayLanguage()).toBe('sv');
    process.env.FINSAM_LANG = 'en';
    show(sampleTable());
    expect(out.join('')).toMatch(/^\[tx-tab\] Wages <2020> & benefits\n/);
    expect(out.join('')).toContain('1,014.2*** (267.5)');
    setDisplayLanguage('sv');
    show(sampleTable());
    expect(out.join('')).toContain('1\u00a0014,2*** (267,5)');
    process.env.FINSAM_LANG = 'fi';
    expect(() => setDisplayLanguage('fi' as 'sv')).toThrow(/unknown language "fi"/);
  });

  it('sends one display_data per item from a real tslab kernel', async () => {
    process.env.FINSAM_LANG = 'en';
    const nb = await executeNotebookAsync(path.join(__dirname, '..', 'fixtures', 'notebooks', 'report', '01-alpha.ipynb'), 120);
    expect(nb.status, nb.stderr).toBe(0);
    const displays = nb.notebook.cells.flatMap((c) => (c.outputs ?? []).filter((o) => o.output_type === 'display_data'));
    expect(displays.map((d) => Object.keys(d.data))).toEqual([
      [ITEM_MIME, 'text/html', 'text/plain'],
      [ITEM_MIME, PLOTLY_MIME, 'text/plain'],
    ]);
    expect(displays[0].data[ITEM_MIME].id).toBe('fx-tab-wages');
    expect([].concat(displays[0].data['text/html']).join('')).toContain('Group &lt;A&gt; &amp; older');
    expect(displays[1].data[PLOTLY_MIME].data[0].name).toBe('Consented');
  }, 300_000);
});

describe('the notebook view of items', () => {
  const figure: ReportFigure = {
    kind: 'figure',
    id: 'tx-fig-2',
    title: L('Löner <brutto> & bidrag', 'Wages <gross> & benefits'),
    notes: [L('Not ett', 'Note one'), L('Not två', 'Note two')],
    plotly: {
      sv: { data: [{ type: 'scatter', y: [1, 2] }], layout: { margin: { t: 20, l: 50 } } },
      en: { data: [{ type: 'scatter', y: [1, 2] }], layout: {} },
    },
  };

  it('styles tables itself, scoped, since JupyterLab has not the report stylesheet', () => {
    const html = mimeBundle(sampleTable(), 'sv')['text/html'] as string;
    expect(html.startsWith('<div class="finsam-nb"><style>')).toBe(true);
    expect(html).toMatch(/\.finsam-nb table tbody tr th \{ font-weight: normal !important; \}/);
    expect(html).toContain(tableHtml(sampleTable(), 'sv'));
  });

  it('puts the escaped title and id into the plotly layout and keeps the figure itself', async () => {
    const { notebookFigure, figureNotesHtml } = await import('../../src/report/bundle');
    const sv = notebookFigure(figure, 'sv');
    expect((sv.layout.title as { text: string }).text).toMatch(/^Löner &lt;brutto&gt; &amp; bidrag .*\(tx-fig-2\)/);
    expect(sv.layout.margin).toEqual({ t: 70, l: 50 });
    expect(sv.data).toEqual(figure.plotly.sv.data);
    expect(figure.plotly.sv.layout).toEqual({ margin: { t: 20, l: 50 } }); // the item is not changed
    expect(figureNotesHtml(figure, 'en')).toMatch(/Note one<\/p><p[^>]*>Note two/);
    expect(figureNotesHtml({ ...figure, notes: [] }, 'en')).toBeNull();
  });
});
