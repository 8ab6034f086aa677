import { describe, expect, it } from 'vitest';
import { overlapDiagnostics } from '../../src/stats/overlap';

describe('overlapDiagnostics', () => {
  it('ranges, units above the threshold, Kish effective size and largest weight share', () => {
    const ps = [0.2, 0.6, 0.5, 0.5, 0.95, 0.1];
    const d = [1, 1, 0, 0, 0, 0];
    const o = overlapDiagnostics(ps, d);
    expect(o.nTreated).toBe(2);
    expect(o.nControl).toBe(4);
    expect(o.treated).toEqual({ min: 0.2, max: 0.6 });
    expect(o.control).toEqual({ min: 0.1, max: 0.95 });
    expect(o.controlsAboveHigh).toBe(1);
    const w = [1, 1, 19, 1 / 9];
    const sw = w.reduce((a, b) => a + b, 0);
    expect(o.effectiveControls).toBeCloseTo((sw * sw) / w.reduce((a, b) => a + b * b, 0), 12);
    expect(o.maxWeightShare).toBeCloseTo(19 / sw, 12);
  });
  it('equal scores give every comparison unit an equal weight', () => {
    const o = overlapDiagnostics([0.3, 0.3, 0.3, 0.3], [1, 0, 0, 0]);
    expect(o.effectiveControls).toBeCloseTo(3, 12);
  });
});
