/** R23 Table B1 from data-public: every team of the report, grouped by association. */
import { describe, expect, it } from 'vitest';
import { readPublicText } from '../../data-public/index';
import { checkItem } from '../../src/report/validate';
import { teamOverviewRows, teamOverviewTable } from '../../src/tables/team-overview';

describe('teamOverviewTable (R23 Table B1)', () => {
  const rows = teamOverviewRows(readPublicText('r23-b1-teams'));
  const t = teamOverviewTable(rows);
  it('has the report\'s 13 teams under their three associations, with period and target group', () => {
    checkItem(t);
    expect(rows).toHaveLength(13);
    expect(t.rows.filter((r) => r.header).map((r) => r.label.sv)).toEqual(['Stockholm', 'Insjöriket', 'Göteborg']);
    const balder = t.rows.find((r) => r.label.sv === 'Balder')!;
    expect(balder.cells.map((c) => c.text?.sv)).toEqual(['Hela perioden', 'Unga, 18–29 år']);
    expect(t.rows.find((r) => r.label.sv === 'Vican')!.cells[1].text?.sv).toBe('–');
    expect(rows.every((r) => /R23/.test(r.source))).toBe(true);
  });
  it('names a missing column', () => {
    expect(() => teamOverviewRows([{ association: 'x' }])).toThrow(/row 1: no column "team"/);
  });
});
