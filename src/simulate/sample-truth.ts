/**
 * The truth of a staggered design (staggered.ts) for the sample actually drawn, and for
 * what the estimator can identify in it: the mean of the simulated individual effects
 * (the group's ATT(g, t) plus the unit's own deviation h_i) over the treated unit-periods
 * that the Callaway–Sant'Anna engine (and R did) actually estimates. This is what one
 * sample's estimate should be compared with.
 *
 * Identified cells, following the engine's preprocessing (src/estimate/prepare.ts, as
 * did::pre_process_did):
 * - without never-treated units in the sample, the last start group serves only as the
 *   comparison and the periods from its start (minus anticipation) on are dropped;
 * - start groups treated in the first period (plus anticipation) are dropped: they have no
 *   untreated base period;
 * - everything else: every period from the start to the last period kept.
 * Averaging over cells the estimator cannot see (the old behaviour) gave a "truth" that no
 * estimator targets, e.g. CS "0.75 from the truth" without never-treated units.
 */
import type { Panel } from '../data/panel';
import type { StaggeredDesign } from './staggered';

export interface SampleTruthOptions {
  /** Per-unit start column, default 'g'. */
  group?: string;
  /** Periods of anticipation the estimator allows for (its `anticipation` option), default 0. */
  anticipation?: number;
}

export interface SampleTruth {
  /** Treated units per start group, in design order (all drawn, identified or not). */
  readonly groupSizes: readonly number[];
  /** Start groups whose cells are identified, in design order. */
  readonly identifiedGroups: readonly number[];
  /** Last period with identified cells. */
  readonly lastPeriod: number;
  /** Whether the sample has never-treated units. */
  readonly hasNever: boolean;
  /** Mean individual effect over the identified treated unit-periods (did::aggte "simple"). */
  readonly simple: number;
  /** Treated unit-periods behind `simple`. */
  readonly cells: number;
  /** Event-study truth at event time e over identified units observed at g + e (0 before the start, the anticipation effect within its window). */
  dynamic(e: number): number;
  /** Event times with at least one identified group observed, ascending. */
  readonly events: readonly number[];
  /** Why cells were left out (empty when none), in words for a note. */
  readonly excluded: { sv: string; en: string }[];
}

export function sampleTruth(design: StaggeredDesign, panel: Panel, options: SampleTruthOptions | string = {}): SampleTruth {
  const opts: SampleTruthOptions = typeof options === 'string' ? { group: options } : options;
  const groupColumn = opts.group ?? 'g';
  const antic = opts.anticipation ?? 0;
  const g = panel.unitCols[groupColumn];
  if (!g) throw new Error(`sampleTruth: the panel has no per-unit column "${groupColumn}"`);
  const h = panel.unitCols.h; // individual deviations (absent in panels from elsewhere: then 0)
  const T = design.periods;
  const sizes = design.groups.map((gg) => {
    let n = 0;
    for (let i = 0; i < panel.nUnits; i++) if (g[i] === gg) n++;
    return n;
  });
  let hasNever = false;
  for (let i = 0; i < panel.nUnits; i++) if (g[i] === 0 || g[i] > T + antic) hasNever = true;
  const excluded: { sv: string; en: string }[] = [];
  let lastPeriod = T;
  let groups = design.groups.filter((_, q) => sizes[q] > 0);
  if (!hasNever && groups.length > 0) {
    const latest = groups[groups.length - 1];
    lastPeriod = latest - antic - 1;
    groups = groups.slice(0, -1);
    excluded.push({
      sv: `utan aldrig behandlade är startgruppen ${latest} bara jämförelse, och perioderna från ${latest - antic} utesluts`,
      en: `without never-treated units, start group ${latest} serves only as comparison and periods from ${latest - antic} on are left out`,
    });
  }
  const first = groups.filter((gg) => gg <= 1 + antic);
  if (first.length > 0) {
    groups = groups.filter((gg) => gg > 1 + antic);
    excluded.push({
      sv: `startgrupp ${first.join(', ')} behandlas redan i första perioden och saknar jämförelseperiod`,
      en: `start group ${first.join(', ')} is treated in the first period and has no base period`,
    });
  }
  const ok = new Set(groups);
  const effectOf = (i: number, t: number) => design.effect(g[i], t) + (h ? h[i] : 0);
  let num = 0;
  let den = 0;
  for (let i = 0; i < panel.nUnits; i++) {
    if (!ok.has(g[i])) continue;
    for (let t = g[i]; t <= lastPeriod; t++) {
      num += effectOf(i, t);
      den++;
    }
  }
  const antPeriods = design.anticipation?.periods ?? 0;
  const antEffect = design.anticipation?.effect ?? 0;
  const dynamic = (e: number): number => {
    let a = 0;
    let b = 0;
    for (let i = 0; i < panel.nUnits; i++) {
      if (!ok.has(g[i])) continue;
      const t = g[i] + e;
      if (t < 1 || t > lastPeriod) continue;
      a += e >= 0 ? effectOf(i, t) : e >= -antPeriods ? antEffect : 0;
      b++;
    }
    return b > 0 ? a / b : NaN;
  };
  const events: number[] = [];
  if (groups.length > 0) {
    const lo = Math.min(...groups.map((gg) => 1 - gg));
    const hi = Math.max(...groups.map((gg) => lastPeriod - gg));
    for (let e = lo; e <= hi; e++) if (Number.isFinite(dynamic(e))) events.push(e);
  }
  return { groupSizes: sizes, identifiedGroups: groups, lastPeriod, hasNever, simple: den > 0 ? num / den : NaN, cells: den, dynamic, events, excluded };
}
