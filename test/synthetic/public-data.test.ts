import { describe, expect, it } from 'vitest';
import { PUBLIC_TABLES, readPublicTable } from '../../data-public';

const sum = (rows: { key: string; value: number }[], prefix: string) => rows.filter((r) => r.key.startsWith(prefix)).reduce((s, r) => s + r.value, 0);

describe('published aggregates', () => {
  it('every table parses, every row has a source', () => {
    for (const name of PUBLIC_TABLES) {
      const rows = readPublicTable(name);
      expect(rows.length).toBeGreaterThan(10);
      for (const r of rows) {
        expect(r.source, `${name} ${r.key}`).toMatch(/R2[34]|ISF/);
        expect(['percent', 'years']).toContain(r.unit);
      }
    }
  });

  it('R24 B1: the national 18–64 population 2020, shares adding up as printed', () => {
    const rows = readPublicTable('r24-b1-national');
    expect(rows.map((r) => r.key)).toEqual(
      expect.arrayContaining(['woman', 'foreign_born', 'age_lt30', 'age_mean', 'edu_missing', 'marital_married', 'mis_work', 'mis_no_income']),
    );
    expect(sum(rows, 'age_') - rows.find((r) => r.key === 'age_mean')!.value).toBe(99);
    expect(sum(rows, 'edu_')).toBe(100);
    expect(sum(rows, 'marital_')).toBe(100);
    expect(sum(rows, 'mis_')).toBe(100);
    expect(rows.find((r) => r.key === 'mis_economic_assistance')!.value).toBe(2);
  });

  it('R24 B2: FINSAM 2020–2022, women and men add to 100 each year', () => {
    const rows = readPublicTable('r24-b2-finsam');
    for (const year of [2020, 2021, 2022]) {
      const y = rows.filter((r) => r.year === year);
      expect(y).toHaveLength(14);
      expect(sum(y, 'share_')).toBe(100);
      expect(sum(y, 'edu_')).toBe(100);
      expect(sum(y, 'age_')).toBe(100);
    }
    expect(rows.find((r) => r.year === 2020 && r.key === 'social_assistance')!.value).toBe(38);
  });

  it('R23 B2: national averages with their footnoted years', () => {
    const rows = readPublicTable('r23-b2-national');
    expect(rows.find((r) => r.key === 'foreign_background')!.year).toBe(2020);
    expect(rows.find((r) => r.key === 'earned_income_share')!.value).toBe(82.6);
    expect(sum(rows, 'edu_')).toBe(100);
  });
});
