/**
 * Overlap diagnostics of a propensity score for an ATT comparison: how far the treated
 * and comparison units' scores reach, how many comparison units sit where almost everyone
 * is treated, and how concentrated the ATT weights p/(1 − p) of the comparison units are
 * (Kish's effective sample size (Σw)²/Σw² and the largest unit's share of the weight).
 * Few effective comparisons mean a noisy IPW/DR estimate even when its model is right.
 */
export interface OverlapDiagnostics {
  nTreated: number;
  nControl: number;
  /** Range of the score among treated and among comparison units. */
  treated: { min: number; max: number };
  control: { min: number; max: number };
  /** Comparison units with a score above `high` (default 0.9). */
  controlsAboveHigh: number;
  /** Kish effective number of comparison units under ATT weights. */
  effectiveControls: number;
  /** Largest comparison unit's share of the total ATT weight. */
  maxWeightShare: number;
}

export function overlapDiagnostics(ps: ArrayLike<number>, treated: ArrayLike<number>, high = 0.9): OverlapDiagnostics {
  if (ps.length !== treated.length) throw new RangeError(`overlapDiagnostics: ${ps.length} scores but ${treated.length} treatment indicators`);
  const t = { min: Infinity, max: -Infinity };
  const c = { min: Infinity, max: -Infinity };
  let nT = 0;
  let nC = 0;
  let above = 0;
  let sw = 0;
  let sw2 = 0;
  let wMax = 0;
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i];
    if (!Number.isFinite(p)) continue;
    if (treated[i] === 1) {
      nT++;
      t.min = Math.min(t.min, p);
      t.max = Math.max(t.max, p);
    } else {
      nC++;
      c.min = Math.min(c.min, p);
      c.max = Math.max(c.max, p);
      if (p > high) above++;
      const w = p / (1 - p);
      sw += w;
      sw2 += w * w;
      wMax = Math.max(wMax, w);
    }
  }
  return { nTreated: nT, nControl: nC, treated: t, control: c, controlsAboveHigh: above, effectiveControls: sw2 > 0 ? (sw * sw) / sw2 : NaN, maxWeightShare: sw > 0 ? wMax / sw : NaN };
}
