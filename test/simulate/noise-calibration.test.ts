import { describe, expect, it } from 'vitest';
import type { Panel } from '../../src/data/panel';
import { Rng } from '../../src/random/rng';
import { calibrateNoise, fitAr1Changes } from '../../src/simulate/noise-calibration';
import { simulateTrial } from '../../src/simulate/trial-panel';

/** A Panel over the simulated trial rows (periods 1..nT, every unit complete). */
function trialPanel(seed: number, noise: { mean: number; personSd: number; arCoef: number; innovationSd: number }, units = 1500, nT = 60): Panel {
  const p = simulateTrial(new Rng(seed), { groupStarts: [nT, nT + 1], groupSizes: [units / 2, units / 2], firstPeriod: 1, lastPeriod: nT }, noise, { size: 0, rampMonths: 0 });
  const rowStart = new Int32Array(units + 1);
  for (let u = 0; u <= units; u++) rowStart[u] = u * nT;
  const periods = Int32Array.from({ length: nT }, (_, t) => t + 1);
  return {
    idName: 'id',
    timeName: 'month',
    periodKind: 'integer',
    nUnits: units,
    nRows: units * nT,
    unitIds: p.unitId,
    rowStart,
    rowUnit: p.rowUnit,
    rowTime: Int32Array.from(p.rowTime),
    periods,
    rowPeriod: Int32Array.from(p.rowTime, (t) => t - 1),
    cols: { y: p.y },
    unitCols: {},
    levels: {},
  };
}

describe('noise calibration', () => {
  it('recovers the person SD, AR coefficient and innovation SD of simulated data', () => {
    const truth = { mean: 1600, personSd: 1700, arCoef: 0.85, innovationSd: 2500 };
    const c = calibrateNoise(trialPanel(9, truth), 'y', { from: 1, to: 60, maxLag: 24 });
    expect(c.units).toBe(1500);
    expect(c.observations).toBe(90000);
    expect(Math.abs(c.mean - truth.mean)).toBeLessThan(150);
    expect(Math.abs(c.arCoef - truth.arCoef)).toBeLessThan(0.02);
    expect(Math.abs(c.innovationSd / truth.innovationSd - 1)).toBeLessThan(0.05);
    expect(Math.abs(c.personSd / truth.personSd - 1)).toBeLessThan(0.12);
    // The fitted k-month changes follow the observed ones.
    for (let k = 0; k < 24; k++) expect(Math.abs(c.fittedChanges[k] / c.changes[k] - 1)).toBeLessThan(0.05);
  });

  it('uses only the window and skips missing cells', () => {
    const p = trialPanel(2, { mean: 0, personSd: 1, arCoef: 0.5, innovationSd: 1 }, 40, 30);
    const y = p.cols.y;
    y[3] = NaN;
    const c = calibrateNoise(p, 'y', { from: 5, to: 28, maxLag: 6 });
    expect(c.observations).toBe(40 * 24);
    const all = calibrateNoise(p, 'y', { from: 1, to: 30, maxLag: 6 });
    expect(all.observations).toBe(40 * 30 - 1);
    // Each unit only before its own end: unit u keeps periods 1 .. 10 + (u % 5) - 1.
    const unitEnd = Float64Array.from({ length: 40 }, (_, u) => (u === 7 ? NaN : 10 + (u % 5)));
    const own = calibrateNoise(p, 'y', { from: 1, to: 30, maxLag: 6, unitEnd });
    let expected = 30; // unit 7 keeps the whole window; unit 0 has the missing cell (period 4)
    for (let u = 0; u < 40; u++) if (u !== 7) expected += 9 + (u % 5);
    expect(own.observations).toBe(expected - 1);
    expect(() => calibrateNoise(p, 'y', { from: 1, to: 30, unitEnd: [1, 2] })).toThrow(/unitEnd has 2 values/);
  });

  it('fits V_k = 2 s2 (1 - rho^k) exactly when the changes follow it', () => {
    const changes = Float64Array.from({ length: 12 }, (_, i) => 2 * 9 * (1 - 0.7 ** (i + 1)));
    const f = fitAr1Changes(changes);
    expect(f.arCoef).toBeCloseTo(0.7, 10);
    expect(f.deviationVar).toBeCloseTo(9, 8);
  });

  it('reports missing columns, short windows and constant outcomes as data errors', () => {
    const p = trialPanel(1, { mean: 0, personSd: 1, arCoef: 0.5, innovationSd: 1 }, 10, 30);
    expect(() => calibrateNoise(p, 'wage', { from: 1, to: 30 })).toThrow(/no row-level column "wage"/);
    expect(() => calibrateNoise(p, 'y', { from: 1, to: 10 })).toThrow(/shorter than maxLag/);
    const constant = { ...p, cols: { y: new Float64Array(p.nRows).fill(3) } };
    expect(() => calibrateNoise(constant, 'y', { from: 1, to: 30 })).toThrow(/constant/);
    try {
      calibrateNoise(p, 'wage', { from: 1, to: 30 });
    } catch (e) {
      expect((e as Error).name).toBe('DataError');
    }
  });
});
