import { describe, expect, it } from 'vitest';
import { monthCode } from '../../src/data/panel';
import { startGroups } from '../../src/data/schemas/team-rct';
import { startGroupRows, startGroupsText } from '../../src/tables/start-groups';
import { simulatedPanel } from './helpers';

describe('start groups', () => {
  const base = simulatedPanel({ units: 40 });
  // First meetings over eight months, the arm alternating (level 0 = T).
  const fm = Float64Array.from({ length: 40 }, (_, u) => monthCode(2020, 1) + Math.floor(u / 5));
  const arm = Float64Array.from({ length: 40 }, (_, u) => (u % 2 === 0 ? 0 : 1));
  const panel = { ...base, unitCols: { ...base.unitCols, first_meeting_month: fm, arm }, levels: { arm: ['T', 'C'] } };
  const groups = startGroups(fm, 4);
  const rows = startGroupRows(panel, groups);

  it('lists each group with its months, coded start, persons by arm and role', () => {
    expect(rows.map((r) => r.persons)).toEqual([10, 10, 10, 10]);
    expect(rows[0]).toMatchObject({ group: 1, start: monthCode(2020, 1), firstMonth: monthCode(2020, 1), lastMonth: monthCode(2020, 2), treated: 5, control: 5, controlOnly: false });
    expect(rows[3].controlOnly).toBe(true);
    expect(rows.reduce((s, r) => s + r.treated + r.control, 0)).toBe(40);
  });

  it('renders a markdown table per language and withholds counts under 5', () => {
    const text = startGroupsText(rows, { sv: 'Grupperna:', en: 'The groups:' });
    expect(text.markdown.sv.split('\n')[0]).toBe('Grupperna:');
    expect(text.markdown.sv).toContain('| 1 | 2020-01 – 2020-02 | 2020-01 | 10 | 5 | 5 | effekt skattas |');
    expect(text.markdown.en).toContain('| 4 | 2020-07 – 2020-08 | 2020-07 | 10 | 5 | 5 | comparison only |');
    expect(text.markdown.en).not.toContain('..');
    // One arm under 5: both arms are withheld (the total would give the other away), with a legend.
    const small = startGroupsText([{ ...rows[0], treated: 3, control: 7 }]);
    expect(small.markdown.en).toContain('| 10 | .. | .. |');
    expect(small.markdown.en).toMatch(/\.\. = not shown because it is fewer than 5 persons/);
    expect(small.markdown.sv).toMatch(/\.\. = antalet redovisas inte/);
  });
});
