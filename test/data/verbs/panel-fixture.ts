import { Panel } from '../../../src/data/panel';
import { readStudy } from '../../../src/data/study';
import { miniSchema } from '../../fixtures/data/mini-schema';
import { miniDir } from '../helpers';

/**
 * The mini study's monthly panel: units 1-4, months 2019-07..2019-12, wage_kr = 1000 id +
 * 10 m (m = 1 for July), sick_days missing once (unit 2, 2019-09); per unit: woman
 * [1,0,0,1], arm T,T,C,C, start_month 2019-09, 2019-11, 2020-03, none.
 */
export async function monthly(): Promise<Panel> {
  return (await readStudy(miniSchema, miniDir)).panels.monthly;
}

/** Checks the Panel invariants a verb must keep. */
export function expectValid(p: Panel, expect: (v: unknown) => { toBe(x: unknown): void; toBeLessThan(x: number): void }): void {
  expect(p.rowStart.length).toBe(p.nUnits + 1);
  expect(p.rowStart[p.nUnits]).toBe(p.nRows);
  expect(p.unitIds.length).toBe(p.nUnits);
  for (const v of Object.values(p.cols)) expect(v.length).toBe(p.nRows);
  for (const v of Object.values(p.unitCols)) expect(v.length).toBe(p.nUnits);
  for (let u = 0; u < p.nUnits; u++) {
    expect(p.rowStart[u]).toBeLessThan(p.rowStart[u + 1]);
    for (let r = p.rowStart[u]; r < p.rowStart[u + 1]; r++) {
      expect(p.rowUnit[r]).toBe(u);
      expect(p.periods[p.rowPeriod[r]]).toBe(p.rowTime[r]);
    }
  }
}
