import { describe, expect, it } from 'vitest';
import { formatCell } from '../../src/format/cell';
import { countCell, discloseCell, discloseTable, isDisclosive, suppressedCount, SUPPRESSION_NOTE } from '../../src/format/disclosure';
import type { ReportTable } from '../../src/report/model';

function table(): ReportTable {
  return {
    kind: 'table',
    id: 'test-tab',
    title: { sv: 'T', en: 'T' },
    columns: [
      { key: 'all', label: { sv: 'Alla', en: 'All' } },
      { key: 't', label: { sv: 'B', en: 'T' } },
      { key: 'c', label: { sv: 'K', en: 'C' } },
    ],
    rows: [
      { key: 'mean', label: { sv: 'Medel', en: 'Mean' }, cells: [{ value: 39.2, n: 12 }, { value: 41.7, n: 8, se: 1.2, stars: '*' }, { value: 33.3, n: 4, se: 2.5, stars: '**' }] },
      { key: 'obs', label: { sv: 'Observationer', en: 'Observations' }, cells: [countCell(12), countCell(8), countCell(4)] },
      { key: 'zero', label: { sv: 'Noll', en: 'Zero' }, cells: [countCell(0), { value: 1.5 }, { value: null, text: { sv: 'a', en: 'a' } }] },
    ],
    notes: [{ sv: 'Källa: register.', en: 'Source: registers.' }],
  };
}

describe('disclosure control', () => {
  it('withholds every cell resting on fewer than 5 persons, value, SE, p and stars alike', () => {
    const out = discloseTable(table());
    const c = out.rows[0].cells[2];
    expect(c).toMatchObject({ value: null, se: null, p: null, suppressed: true, n: 4 });
    expect(c.stars).toBeUndefined();
    expect(formatCell(c, 'sv').main).toBe('..');
    expect(out.rows[0].cells[1]).toEqual(table().rows[0].cells[1]);
    expect(suppressedCount(out)).toBe(3);
  });

  it('never prints a count of persons below 5, zero included', () => {
    const out = discloseTable(table());
    for (const lang of ['sv', 'en'] as const) {
      expect(formatCell(out.rows[1].cells[2], lang).main).toBe('..');
      expect(formatCell(out.rows[2].cells[0], lang).main).toBe('..');
      expect(formatCell(out.rows[1].cells[0], lang).main).toBe('12');
    }
  });

  it('cells without n are not judged', () => {
    expect(isDisclosive({ value: 1.5 })).toBe(false);
    const out = discloseTable(table());
    expect(out.rows[2].cells[1]).toEqual({ value: 1.5 });
  });

  it('appends the bilingual note once, and only when something was withheld', () => {
    const once = discloseTable(table());
    expect(once.notes).toEqual([table().notes[0], SUPPRESSION_NOTE]);
    expect(discloseTable(once).notes).toHaveLength(2);
    const clean = table();
    clean.rows = [clean.rows[0]];
    clean.rows[0].cells = clean.rows[0].cells.slice(0, 2);
    expect(discloseTable(clean).notes).toHaveLength(1);
  });

  it('does not change its input and honours another minimum', () => {
    const t = table();
    const before = JSON.stringify(t);
    const out = discloseTable(t, 10);
    expect(JSON.stringify(t)).toBe(before);
    expect(out.rows[0].cells[1].suppressed).toBe(true);
    expect(out.notes[1].en).toMatch(/fewer than 10 persons/);
    expect(discloseCell({ value: 2, n: 7 }, 10).suppressed).toBe(true);
    expect(discloseCell({ value: 2, n: 7 }).suppressed).toBeUndefined();
  });
});

describe('disclosure control of means and shares by their contributors', () => {
  it('withholds a share or mean that 1–4 persons with a non-zero value make up, whatever the group size', () => {
    expect(isDisclosive({ value: 2 / 541, n: 541, contributors: 2 })).toBe(true);
    expect(isDisclosive({ value: 4 / 541, n: 541, contributors: 4 })).toBe(true);
    expect(isDisclosive({ value: 5 / 541, n: 541, contributors: 5 })).toBe(false);
    // Nobody with the attribute reveals no one.
    expect(isDisclosive({ value: 0, n: 541, contributors: 0 })).toBe(false);
    const out = discloseCell({ value: 2 / 541, n: 541, contributors: 2, format: { decimals: 1, percent: true } });
    expect(out).toMatchObject({ value: null, suppressed: true, contributors: 2 });
    expect(formatCell(out, 'en').main).toBe('..');
  });

  it('counts contributors in summaries and carries them into cells', async () => {
    const { summarize } = await import('../../src/stats/summary');
    const { shareCell, meanCell, pairCell } = await import('../../src/tables/cells');
    const amounts = new Float64Array([0, 0, 1200, NaN, 0, 300, 0, 0]);
    expect(summarize(amounts).nNonZero).toBe(2);
    expect(meanCell(amounts)).toMatchObject({ n: 7, contributors: 2 });
    const flag = new Float64Array([1, 0, 0, 0, 0, 0, 1, 1, 0, 0]);
    expect(shareCell(flag)).toMatchObject({ n: 10, contributors: 3 });
    const rest = flag.map((x) => 1 - x);
    const pair = pairCell(shareCell(rest), shareCell(flag));
    expect(pair.contributors).toBe(3);
    expect(isDisclosive(pair)).toBe(true);
  });
});

describe('combinedContributors', () => {
  it('carries a revealing part so that a difference is withheld with the mean it would reveal', async () => {
    const { combinedContributors } = await import('../../src/format/disclosure');
    expect(combinedContributors([0, 3])).toBe(3);
    expect(combinedContributors([300, 2])).toBe(2);
    expect(combinedContributors([300, 12])).toBe(12);
    expect(combinedContributors([0, 0])).toBe(0);
    const { controlMinusTreatedCells } = await import('../../src/tables/control-difference');
    const { tTest } = await import('../../src/stats/ttest');
    const values = Float64Array.from({ length: 40 }, (_, i) => (i < 3 ? 1 : 0));
    const treated = Uint8Array.from({ length: 40 }, (_, i) => (i < 20 ? 1 : 0));
    const control = Uint8Array.from(treated, (t) => 1 - t);
    const [diff, t] = controlMinusTreatedCells(tTest(values, treated, control), { decimals: 3 }, 20, undefined, [3, 0]);
    expect(isDisclosive(diff)).toBe(true);
    expect(isDisclosive(t)).toBe(true);
  });
});
