import { describe, expect, it } from 'vitest';
import { getSchema, schemas } from '../../src/data/schemas';
import { monthCode } from '../../src/data/panel';
import { startGroups } from '../../src/data/schemas/team-rct';

describe('schema registry', () => {
  it('has the team studies and rejects an unknown name with the valid ones', () => {
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['team-rct', 'team-survey']));
    expect(getSchema('team-rct').name).toBe('team-rct');
    let err: Error | undefined;
    try {
      getSchema('team-rtc');
    } catch (e) {
      err = e as Error;
    }
    expect(err?.name).toBe('UserError');
    expect(err?.message).toMatch(/team-rct, team-survey/);
  });

  it('gives every column a type, unit, labels and descriptions in both languages, names unique per file', () => {
    for (const s of Object.values(schemas)) {
      for (const f of s.files) {
        const names = f.columns.map((c) => c.name);
        expect(new Set(names).size, `${s.name}/${f.file}`).toBe(names.length);
        expect(names, `${s.name}/${f.file} has the id`).toContain(s.id);
        if (f.time) expect(names).toContain(f.time.column);
        for (const c of f.columns) {
          for (const l of [c.label, c.description]) {
            expect(l.sv.length, `${f.file}:${c.name}`).toBeGreaterThan(0);
            expect(l.en.length, `${f.file}:${c.name}`).toBeGreaterThan(0);
          }
          if (c.type === 'category') expect(c.levels?.length, c.name).toBeGreaterThan(1);
          if (c.range) expect(c.range[0]).toBeLessThanOrEqual(c.range[1]);
        }
      }
    }
  });
});

describe('startGroups', () => {
  it('cuts into k nearly equal groups without splitting a month; group start is its earliest month', () => {
    const months: number[] = [];
    for (let m = 0; m < 30; m++) for (let j = 0; j < 10 + (m % 7); j++) months.push(monthCode(2019, 8) + m);
    const g = startGroups(months, 9);
    expect(Array.from(g.size).reduce((a, b) => a + b, 0)).toBe(months.length);
    const ideal = months.length / 9;
    for (const s of g.size) expect(Math.abs(s - ideal)).toBeLessThan(20);
    for (let i = 0; i < months.length; i++) {
      expect(g.unitStart[i]).toBeLessThanOrEqual(months[i]);
      for (let j = 0; j < months.length; j++) if (months[i] === months[j]) expect(g.group[i]).toBe(g.group[j]);
    }
    for (let k = 1; k < 9; k++) expect(g.groupStart[k]).toBeGreaterThan(g.groupStart[k - 1]);
  });

  it('refuses fewer months than groups', () => {
    expect(() => startGroups([1, 1, 2], 3)).toThrow(/2 distinct months/);
  });
});
