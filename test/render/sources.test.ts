/**
 * Captions name the ISF original of every catalog item ("Tabell 3.1 (R24 tabell 1)"), from
 * src/report/sources (the catalog's `source`), in each language.
 */
import { describe, expect, it } from 'vitest';
import { chaptersHtml } from '../../render/html';
import type { Chapter } from '../../render/notebook';
import { eventStudyFigure } from '../../src/figures/event-study';
import type { ReportTable } from '../../src/report/model';
import { ITEM_SOURCES, itemSource } from '../../src/report/sources';

const L = (s: string) => ({ sv: s, en: s });
const table = (id: string): ReportTable => ({
  kind: 'table',
  id,
  title: L('T'),
  columns: [{ key: 'a', label: L('A') }],
  rows: [{ key: 'r', label: L('R'), cells: [{ value: 1 }] }],
  notes: [],
});

describe('item sources', () => {
  it('covers R24 and R23 items, with the catalog wording turned into each language', () => {
    expect(Object.keys(ITEM_SOURCES).length).toBeGreaterThanOrEqual(76);
    expect(itemSource('r24-tab-1')).toEqual({ sv: 'R24 tabell 1', en: 'R24 Table 1' });
    expect(itemSource('r24-fig-1')).toEqual({ sv: 'R24 figur 1 / R23 figur 3', en: 'R24 Figure 1 / R23 Figure 3' });
    expect(itemSource('r23-tab-b12')).toEqual({ sv: 'R23 tabell B12', en: 'R23 Table B12' });
    expect(itemSource('method-power')).toBeNull();
    for (const [id, src] of Object.entries(ITEM_SOURCES)) expect(src, id).toMatch(new RegExp(`^${id.slice(0, 3).toUpperCase()} `));
  });

  it('puts the source after the report\'s own number in table and figure captions', () => {
    const fig = eventStudyFigure({ id: 'r24-fig-2', title: L('F'), panels: [{ rows: [{ e: 0, att: 1, lower: 0, upper: 2, n: 3 }], yTitle: L('y'), unit: 'kr' }] });
    const ch: Chapter = {
      file: '03.ipynb',
      number: 3,
      title: { sv: 'Kapitel', en: 'Chapter' },
      blocks: [
        { kind: 'item', cell: 1, item: table('r24-tab-1') },
        { kind: 'item', cell: 2, item: fig },
        { kind: 'item', cell: 3, item: table('method-x') },
      ],
    };
    const sv = chaptersHtml([ch], 'sv').body;
    expect(sv).toContain('Tabell 3.1 (R24 tabell 1)');
    expect(sv).toContain('Figur 3.1 (R24 figur 2)');
    expect(sv).toMatch(/Tabell 3\.2<\/span>/);
    expect(chaptersHtml([ch], 'en').body).toContain('Table 3.1 (R24 Table 1)');
  });
});
