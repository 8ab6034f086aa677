/**
 * The truth of a staggered design (staggered.ts) for the sample actually drawn: the
 * design's ATT(g, t) averaged with the realised start-group sizes rather than the
 * population shares. This is what an estimator on this one sample should be compared with
 * (the individual deviations h_i average out over replications, not within one sample).
 */
import type { Panel } from '../data/panel';
import type { StaggeredDesign } from './staggered';

export interface SampleTruth {
  /** Treated units per start group, in design order. */
  readonly groupSizes: readonly number[];
  /** Mean effect over all treated unit-periods (did::aggte "simple"). */
  readonly simple: number;
  /** Event-study truth at event time e: groups observed at g + e, weighted by size (0 before the start). */
  dynamic(e: number): number;
  /** Event times with at least one group observed, ascending. */
  readonly events: readonly number[];
}

export function sampleTruth(design: StaggeredDesign, panel: Panel, groupColumn = 'g'): SampleTruth {
  const g = panel.unitCols[groupColumn];
  if (!g) throw new Error(`sampleTruth: the panel has no per-unit column "${groupColumn}"`);
  const sizes = design.groups.map((gg) => {
    let n = 0;
    for (let i = 0; i < panel.nUnits; i++) if (g[i] === gg) n++;
    return n;
  });
  const T = design.periods;
  let num = 0;
  let den = 0;
  design.groups.forEach((gg, q) => {
    for (let t = gg; t <= T; t++) {
      num += sizes[q] * design.effect(gg, t);
      den += sizes[q];
    }
  });
  const dynamic = (e: number): number => {
    let a = 0;
    let b = 0;
    design.groups.forEach((gg, q) => {
      const t = gg + e;
      if (t >= 1 && t <= T && sizes[q] > 0) {
        a += sizes[q] * (e >= 0 ? design.effect(gg, t) : 0);
        b += sizes[q];
      }
    });
    return b > 0 ? a / b : NaN;
  };
  const events: number[] = [];
  const lo = Math.min(...design.groups.map((gg) => 1 - gg));
  const hi = Math.max(...design.groups.map((gg) => T - gg));
  for (let e = lo; e <= hi; e++) if (Number.isFinite(dynamic(e))) events.push(e);
  return { groupSizes: sizes, simple: den > 0 ? num / den : NaN, dynamic, events };
}
