/** R23 Figures 1, 2 and B3: only the values R23's text states, with their sources, nothing interpolated. */
import { describe, expect, it } from 'vitest';
import { readPublicAnchors } from '../../data-public/index';
import { publishedAnchorsFigure, type Anchor } from '../../src/figures/published-anchors';
import { checkItem } from '../../src/report/validate';

const toAnchor = (a: ReturnType<typeof readPublicAnchors>[number]): Anchor => ({ series: { sv: a.series_sv, en: a.series_en }, yearFrom: a.year_from, yearTo: a.year_to, low: a.low, high: a.high, unit: a.unit, source: a.source });

describe('published anchors (data-public/r23-context-anchors.csv)', () => {
  const anchors = readPublicAnchors();
  it('holds the values R23 states, each with its source', () => {
    const v = (key: string) => anchors.find((a) => a.key === key)!;
    expect([v('associations_2010').low, v('associations_2022').low, v('municipalities_2022').low, v('individual_2022').low]).toEqual([87, 75, 273, 21400]);
    expect([v('job_share_malmo').low, v('job_share_malmo').high, v('job_share_rest').low, v('job_share_rest').high]).toEqual([20, 22, 15, 18]);
    for (const a of anchors) expect(a.source).toMatch(/R23/);
  });

  it('draws points for single values and boxes for ranges, one legend entry per series, and says nothing is filled in', () => {
    const b3 = publishedAnchorsFigure({ id: 'r23-fig-b3', title: { sv: 't', en: 't' }, yTitle: { sv: 'y', en: 'y' }, xRange: [2013, 2022], anchors: anchors.filter((a) => a.figure === 'r23-fig-b3').map(toAnchor) });
    checkItem(b3);
    const data = b3.plotly.en.data as { x: number[]; y: number[]; fill?: string; name: string }[];
    expect(data).toHaveLength(2);
    expect(data[0]).toMatchObject({ fill: 'toself', name: 'City of Malmö' });
    expect(data[0].y).toEqual([20, 20, 22, 22, 20]);
    const f1 = publishedAnchorsFigure({ id: 'r23-fig-1', title: { sv: 't', en: 't' }, yTitle: { sv: 'y', en: 'y' }, xRange: [2004, 2022], anchors: anchors.filter((a) => a.figure === 'r23-fig-1').map(toAnchor) });
    const d1 = f1.plotly.sv.data as { x: number[]; y: number[] }[];
    expect(d1.map((d) => d.x)).toEqual([[2010, 2022], [2022]]);
    expect(f1.notes[f1.notes.length - 1].sv).toMatch(/utan att något fylls i/);
  });
});
