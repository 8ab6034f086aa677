import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { idProblem, readExtraIds } from '../../src/report/ids';
import { checkItem } from '../../src/report/validate';
import { tableNumbers } from '../../src/report/numbers';
import { overlapDiagnostics } from '../../src/stats/overlap';
import { assumptionsTable, estimatorsTable, exercisesTable, glossaryTable, overlapTable, pretestTable, referencesTable } from '../../src/tables/method-items';

const extra = readExtraIds(path.resolve(__dirname, '..', '..')).ids;

describe('method chapter course items', () => {
  const ov = overlapDiagnostics([0.2, 0.6, 0.5, 0.95], [1, 1, 0, 0]);
  const tables = [
    assumptionsTable(),
    estimatorsTable({
      events: [-1, 0, 1],
      truth: (e) => (e < 0 ? 0 : 1 + e),
      truthOverall: 1.5,
      columns: [{ key: 'cs', label: { sv: 'CS', en: 'CS' }, byEvent: new Map([[0, { est: 1.1, se: 0.1 }], [1, { est: 2.2, se: 0.2 }]]), overall: { est: 1.6, se: 0.1 } }],
      format: { decimals: 2 },
    }),
    pretestTable({ rows: [{ key: 'wald', label: { sv: 'W', en: 'W' }, reject: 0.2, passing: 400, coveragePassing: 0.6, biasPassing: 0.14 }], all: { coverage: 0.65, bias: 0.13, reps: 500 }, format: { decimals: 3 } }),
    overlapTable({ rows: [{ key: 'none', label: { sv: 'a', en: 'a' }, overlap: ov, sdDr: 0.1, sdOr: 0.1, sdIpw: 1.2 }] }),
    exercisesTable([{ key: 'ex1', task: { sv: 't', en: 't' }, change: { sv: 'c', en: 'c' }, answer: { sv: 'a 1', en: 'a 1' } }]),
    glossaryTable(),
    referencesTable(),
  ];

  it('every table is a valid report item under a documented extra id', () => {
    for (const t of tables) {
      expect(() => checkItem(JSON.parse(JSON.stringify(t)))).not.toThrow();
      expect(idProblem(t.id, null, extra), t.id).toBeNull();
    }
  });

  it('the estimators table: truth and estimates by event time with SEs, missing cells NA, and the overall row', () => {
    const nums = tableNumbers(tables[1]);
    const cell = (row: string, col: string) => nums.find((n) => n.row === row && n.column === col);
    expect(cell('e0', 'truth')!.value).toBe(1);
    expect(cell('e1', 'cs')!.value).toBe(2.2);
    expect(cell('e1', 'cs')!.se).toBe(0.2);
    expect(cell('e-1', 'cs')?.value ?? null).toBeNull();
    expect(cell('overall', 'cs')!.value).toBe(1.6);
  });

  it('the glossary uses "standardfel" and explains influensfunktion, multiplikator-bootstrap and Rademacher', () => {
    const labels = tables[5].rows.map((r) => r.label.sv).join(' | ');
    for (const w of ['standardfel', 'influensfunktion', 'multiplikator-bootstrap', 'Rademacher', 'konsistent', 'vild klusterbootstrap']) expect(labels).toContain(w);
  });

  it('the assumptions box has the TWFE equation, ATT(g,t), parallel trends, no anticipation, overlap and the weights, in each language', () => {
    const keys = tables[0].rows.map((r) => r.key);
    expect(keys).toEqual(expect.arrayContaining(['twfe', 'attgt', 'pt', 'anticipation', 'overlap', 'weights']));
    const att = tables[0].rows.find((r) => r.key === 'attgt')!.cells[0].text!;
    expect(att.sv).toContain('aldrig behandlade');
    expect(att.en).toContain('never treated');
  });
});
