/**
 * The true staggered-DiD estimands of a synthetic panel, from its potential outcomes.
 *
 * The generator keeps, for every unit and period, the exact effect τ_it = Y_it(1) − Y_it(0)
 * (zero before a unit's own treatment). With units coded into start groups g (the coded
 * treatment start, possibly earlier than a unit's own start), the estimands the
 * Callaway–Sant'Anna estimator targets are sample averages of τ:
 *
 *   ATT(g,t)   = mean of τ_it over units of group g                 (cell)
 *   cells      : t ≥ g and some unit is still untreated at t (coded start > t, or never
 *                treated) — exactly the post cells a not-yet-treated estimator can form
 *   θ(g)       = mean of ATT(g,t) over the group's post cells       (did: aggte "group")
 *   overall    = Σ_g n_g θ(g) / Σ_g n_g over groups with post cells  (the headline)
 *   simple     = Σ_{post cells} n_g ATT(g,t) / Σ n_g                  (did: aggte "simple")
 *   θ(e)       = Σ_g n_g ATT(g,g+e) / Σ n_g over groups with cell (g, g+e) (aggte "dynamic")
 *   dynamic    = mean of θ(e) over e ≥ 0                             (post average of the event study)
 *
 * Pre-treatment cells (e < 0) are exactly zero when τ is zero before each unit's start.
 */

export interface DidTruthInput {
  /** Period codes of the panel, ascending (length T). */
  periods: Int32Array;
  /** Coded treatment start per unit; Infinity (or 0) for never treated. */
  unitStart: ArrayLike<number>;
  /** Optional subsample (1 = included), e.g. women only. */
  mask?: ArrayLike<number>;
  /** Smallest event time to report (pre-treatment cells are zero by construction). */
  minEventTime?: number;
}

export interface DidTruth {
  overall: number;
  simple: number;
  dynamic_post_average: number;
  /** θ(g) keyed by the group's coded start period label. */
  by_group: Record<string, number>;
  /** θ(e) by event time e (months since the coded start), ascending. */
  by_event_time: { e: number[]; att: number[] };
}

/** Rounds to 10 significant digits so truth files stay readable (still deterministic). */
export function tidy(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(10));
}

interface Cells {
  groups: number[];
  size: Map<number, number>;
  /** post cells per group: period indexes */
  post: Map<number, number[]>;
  /** all cells by event time (post and pre ≥ minEventTime) */
  members: Map<number, number[]>;
}

function startOf(x: number): number {
  return x === 0 || !Number.isFinite(x) ? Infinity : x;
}

function cellStructure(input: DidTruthInput): Cells {
  const { periods, unitStart, mask } = input;
  const n = unitStart.length;
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    if (mask && !mask[i]) continue;
    const g = startOf(unitStart[i]);
    if (!Number.isFinite(g)) continue;
    if (!members.has(g)) members.set(g, []);
    members.get(g)!.push(i);
  }
  // Latest period at which some included unit is still untreated.
  let maxControlStart = -Infinity;
  for (let i = 0; i < n; i++) {
    if (mask && !mask[i]) continue;
    const g = startOf(unitStart[i]);
    if (g > maxControlStart) maxControlStart = g;
  }
  const groups = Array.from(members.keys()).sort((a, b) => a - b);
  const post = new Map<number, number[]>();
  const size = new Map<number, number>();
  for (const g of groups) {
    size.set(g, members.get(g)!.length);
    const idx: number[] = [];
    for (let k = 0; k < periods.length; k++) if (periods[k] >= g && periods[k] < maxControlStart) idx.push(k);
    post.set(g, idx);
  }
  return { groups, size, post, members };
}

/** The estimands for one outcome, given τ in unit-major order (unit i, period k at i·T + k). */
export function didTruth(input: DidTruthInput, tau: Float64Array, periodLabel: (p: number) => string): DidTruth {
  const T = input.periods.length;
  const cells = cellStructure(input);
  const att = (g: number, k: number): number => {
    const m = cells.members.get(g)!;
    let s = 0;
    for (const i of m) s += tau[i * T + k];
    return s / m.length;
  };
  const byGroup: Record<string, number> = {};
  let overallNum = 0;
  let overallDen = 0;
  let simpleNum = 0;
  let simpleDen = 0;
  const eventNum = new Map<number, number>();
  const eventDen = new Map<number, number>();
  const minE = input.minEventTime ?? -40;
  for (const g of cells.groups) {
    const n = cells.size.get(g)!;
    const post = cells.post.get(g)!;
    if (post.length > 0) {
      let s = 0;
      for (const k of post) {
        const a = att(g, k);
        s += a;
        simpleNum += n * a;
        simpleDen += n;
        const e = input.periods[k] - g;
        eventNum.set(e, (eventNum.get(e) ?? 0) + n * a);
        eventDen.set(e, (eventDen.get(e) ?? 0) + n);
      }
      const theta = s / post.length;
      byGroup[periodLabel(g)] = tidy(theta);
      overallNum += n * theta;
      overallDen += n;
    }
    // Pre-treatment cells: the estimator forms them for every group that has a base period.
    for (let k = 1; k < T; k++) {
      const e = input.periods[k] - g;
      if (e >= 0 || e < minE) continue;
      const a = att(g, k);
      eventNum.set(e, (eventNum.get(e) ?? 0) + n * a);
      eventDen.set(e, (eventDen.get(e) ?? 0) + n);
    }
  }
  const es = Array.from(eventNum.keys()).sort((a, b) => a - b);
  const byEvent = { e: es, att: [] as number[] };
  let dynSum = 0;
  let dynCount = 0;
  for (const e of es) {
    const th = eventNum.get(e)! / eventDen.get(e)!;
    byEvent.att.push(tidy(th));
    if (e >= 0) {
      dynSum += th;
      dynCount++;
    }
  }
  return {
    overall: tidy(overallDen > 0 ? overallNum / overallDen : NaN),
    simple: tidy(simpleDen > 0 ? simpleNum / simpleDen : NaN),
    dynamic_post_average: tidy(dynCount > 0 ? dynSum / dynCount : NaN),
    by_group: byGroup,
    by_event_time: byEvent,
  };
}
