/**
 * Aggregations of ATT(g,t) (R did 2.5.1 aggte): simple, group, dynamic (event study, with
 * min_e / max_e / balance_e) and calendar, each with the influence function that includes
 * the estimation effect of the group-share weights, as R computes it. The dynamic type also
 * reports the averages of the event-time effects before (e < 0) and after (e >= 0) the start
 * (R24 Tables B8-B16; csdid's Pre_avg / Post_avg): the plain mean of the ATT(e) in the
 * window, with the influence function the mean of theirs. "after" equals R's overall
 * dynamic ATT.
 *
 * Every aggregate is a linear combination of the cell influence functions plus a weight
 * term w_i A(G_i) that depends only on a unit's group, so bootstrap draws of aggregates are
 * the same combinations of the cell draws made in attgt (one set of draws for everything).
 */
import { AttgtResult } from './attgt';
import { summariseDraws } from './bootstrap';
import { qnorm } from './distributions';
import { EstimateOptionError } from './errors';

export type AggregationType = 'simple' | 'group' | 'dynamic' | 'calendar';

export interface AggteOptions {
  readonly type: AggregationType;
  /** Dynamic: smallest and largest event time kept (default all). Also caps post periods of simple and group, as R's max_e. */
  readonly minE?: number;
  readonly maxE?: number;
  /** Dynamic: balance the event study on groups observed for balanceE periods after treatment. */
  readonly balanceE?: number | null;
  /** Drop NA cells first (R na.rm). Without it, any NA cell makes the aggregate NA (R stops). */
  readonly naRm?: boolean;
  /** Significance level (default: that of the attgt result). */
  readonly alpha?: number;
  /** Uniform band over the `by` rows (default: when attgt was bootstrapped with a uniform band). */
  readonly uniform?: boolean;
}

export interface Estimate {
  readonly att: number | null;
  readonly se: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface AggteRow extends Estimate {
  /** Group g, event time e, or calendar period t. */
  readonly e: number;
  /** Treated units whose cells enter this row. */
  readonly n: number;
}

export interface AggteResult extends Estimate {
  readonly type: AggregationType;
  /** Rows by group / event time / period (empty for simple). */
  readonly by: readonly AggteRow[];
  /** Critical value of the `by` intervals (sup-t if uniform). The overall interval is pointwise. */
  readonly critical: number;
  readonly uniform: boolean;
  /** Dynamic only: mean of the event-time effects with e < 0 ("before") and e >= 0 ("after"). */
  readonly pre: Estimate | null;
  readonly post: Estimate | null;
  /** Treated units entering the overall aggregate. */
  readonly nTreated: number;
  /** Units and unit-periods of the estimation. */
  readonly n: number;
  readonly nObs: number;
  readonly options: { readonly minE: number; readonly maxE: number; readonly balanceE: number | null; readonly naRm: boolean };
  readonly warnings: readonly string[];
}

/**
 * What a dynamic aggregation keeps besides its rows (non-enumerable `detail` of the result):
 * the influence function of each `by` row (length n, the row's estimate = mean + IF/n, so its
 * SE is sqrt(sum IF^2)/n, summed within clusters first when clustered), and the attgt options
 * the sensitivity analysis must check (base period, anticipation).
 */
export interface DynamicDetail {
  readonly influence: Float64Array[];
  readonly clusterCode: Int32Array | null;
  readonly nClusters: number;
  readonly base: 'varying' | 'universal';
  readonly anticipation: number;
}

/** The dynamic detail of an aggregation, or null for other types (and results made elsewhere). */
export function dynamicDetail(res: AggteResult): DynamicDetail | null {
  return ((res as unknown as { detail?: DynamicDetail }).detail ?? null);
}

/** A parameter as a linear combination: sum_j cell[j] psi_j + sum_g grp[g] w_i 1{G_i = g}. */
interface Lin {
  readonly value: number;
  readonly cell: Float64Array;
  readonly grp: Float64Array;
  /**
   * For a combination of other parameters: its parts and the weight term added on top
   * (grp = sum coef * part.grp + extraGrp), so its influence function is built from the
   * parts' (cached) influence functions instead of from every cell again.
   */
  readonly parts?: readonly { readonly lin: Lin; readonly coef: number }[];
  readonly extraGrp?: Float64Array;
}

const SMALL = Math.sqrt(2.220446049250313e-16) * 10;

function nullable(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

interface Ctx {
  readonly res: AttgtResult;
  readonly K: number;
  readonly G: number;
  /** Index in detail.groups of each group value. */
  readonly groupIndex: Map<number, number>;
  /** Cells kept (after na.rm). */
  readonly keep: number[];
  /** pg per cell: mean of w_i 1{G_i = g(cell)} (R: pg[match(group, glist)]). */
  readonly pgOfGroup: Map<number, number>;
  /** Entities per group. */
  readonly sizeOfGroup: Map<number, number>;
  readonly entGroupIndex: Int32Array;
  /** Influence functions already built in this aggregation. */
  readonly infCache: Map<Lin, Float64Array>;
}

function combine(ctx: Ctx, parts: { lin: Lin; coef: number }[], value: number): Lin {
  const cell = new Float64Array(ctx.K);
  const grp = new Float64Array(ctx.G);
  for (const { lin, coef } of parts) {
    for (let j = 0; j < ctx.K; j++) if (lin.cell[j] !== 0) cell[j] += coef * lin.cell[j];
    for (let g = 0; g < ctx.G; g++) if (lin.grp[g] !== 0) grp[g] += coef * lin.grp[g];
  }
  return { value, cell, grp, parts };
}

/**
 * Weighted average of cells with weights pg / sum(pg), plus R's wif term when the weights
 * are estimated: w_i [sum_{k: g_k = G_i} att_k / S - c(G_i) sum_k att_k pg_k / S^2].
 */
function weightedCells(ctx: Ctx, cells: number[], withWeightTerm: boolean): Lin {
  const d = ctx.res.detail;
  const cell = new Float64Array(ctx.K);
  const grp = new Float64Array(ctx.G);
  if (cells.length === 0) return { value: NaN, cell, grp };
  let spg = 0;
  let attw = 0;
  for (const j of cells) {
    const pg = ctx.pgOfGroup.get(d.group[j])!;
    spg += pg;
    attw += d.att[j] * pg;
  }
  for (const j of cells) cell[j] = ctx.pgOfGroup.get(d.group[j])! / spg;
  if (withWeightTerm) {
    for (const j of cells) {
      const gi = ctx.groupIndex.get(d.group[j])!;
      grp[gi] += d.att[j] / spg - attw / (spg * spg);
    }
  }
  return { value: attw / spg, cell, grp };
}

/**
 * Influence function (length n) of a linear combination. A combination of parts (an
 * overall average) is kept once built; a single combination of cells is not: the
 * aggregations need it once, for its standard error, and at a million units each is 8 MB
 * (a dynamic aggregation's ~130 event times held 1.3 GB).
 */
function influence(ctx: Ctx, lin: Lin): Float64Array {
  const cached = ctx.infCache.get(lin);
  if (cached) return cached;
  const n = ctx.res.n;
  const out = new Float64Array(n);
  if (lin.parts) {
    for (const { lin: part, coef } of lin.parts) addScaled(out, coef, influence(ctx, part), 0, n);
    addExtraGroupTerm(ctx, lin, out);
    ctx.infCache.set(lin, out);
    return out;
  }
  cellsInfluence(ctx, lin, out);
  return out;
}

/** out = the influence function of a combination of cells (out starts at zero). */
function cellsInfluence(ctx: Ctx, lin: Lin, out: Float64Array): void {
  const d = ctx.res.detail;
  const n = ctx.res.n;
  const inf = d.inf;
  for (let j = 0; j < ctx.K; j++) {
    const c = lin.cell[j];
    if (c !== 0) addScaled(out, c, inf, j * n, n);
  }
  addGroupTerm(out, lin.grp, ctx.entGroupIndex, d.entWeight, n);
}

/** The weight term of an overall average whose weights are themselves estimated (group aggregation). */
function addExtraGroupTerm(ctx: Ctx, lin: Lin, out: Float64Array): void {
  const extra = lin.extraGrp;
  if (!extra) return;
  const w = ctx.res.detail.entWeight;
  for (let i = 0; i < out.length; i++) {
    const gi = ctx.entGroupIndex[i];
    if (gi >= 0 && extra[gi] !== 0) out[i] += extra[gi] * w[i];
  }
}

/**
 * Analytic standard errors of combinations of cells (`parts`) and of averages over them
 * (`overall`, whose parts are among `parts`, in their order): each part's influence
 * function is built once, in one buffer, and added into the averages as it passes, so an
 * average's influence function is the same sequence of additions as influence() makes of
 * it. With the bootstrap (draws), or parts in another order, as standardErrors().
 */
function partsAndAverages(ctx: Ctx, parts: Lin[], overall: Lin[], alpha: number): { parts: { se: number[]; crit: number }; overall: { se: number[] } } {
  const d = ctx.res.detail;
  const n = ctx.res.n;
  const index = new Map(parts.map((l, q) => [l, q]));
  const inOrder = overall.every((o) => o.parts !== undefined && o.parts.every((p, r) => index.has(p.lin) && (r === 0 || index.get(p.lin)! > index.get(o.parts![r - 1].lin)!)));
  if (d.draws || !inOrder) return { parts: standardErrors(ctx, parts, alpha), overall: standardErrors(ctx, overall, alpha) };
  const uses: { acc: Float64Array; coef: number }[][] = parts.map(() => []);
  const accs = overall.map((o) => {
    const acc = new Float64Array(n);
    for (const p of o.parts!) uses[index.get(p.lin)!].push({ acc, coef: p.coef });
    return acc;
  });
  const buf = new Float64Array(n);
  const se = parts.map((l, q) => {
    if (!Number.isFinite(l.value) && uses[q].length === 0) return NaN;
    buf.fill(0);
    cellsInfluence(ctx, l, buf);
    for (const u of uses[q]) addScaled(u.acc, u.coef, buf, 0, n);
    return Number.isFinite(l.value) ? seOfInfluence(ctx, buf) : NaN;
  });
  overall.forEach((o, k) => {
    addExtraGroupTerm(ctx, o, accs[k]);
    ctx.infCache.set(o, accs[k]);
  });
  return { parts: { se, crit: NaN }, overall: standardErrors(ctx, overall, alpha) };
}

// The loops of influence() and analyticSe() as top-level functions: V8 optimises each once
// for every call (inside the closures of one aggte call they ran unoptimised in a fresh
// process, about 10 ns per element). Same operations in the same order.

/** out[i] += c * src[off + i]. */
function addScaled(out: Float64Array, c: number, src: Float64Array, off: number, n: number): void {
  for (let i = 0; i < n; i++) out[i] += c * src[off + i];
}

/** out[i] += grp[g(i)] * w[i] for units of an estimated group. */
function addGroupTerm(out: Float64Array, grp: Float64Array, groupIndex: Int32Array, w: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const gi = groupIndex[i];
    if (gi >= 0 && grp[gi] !== 0) out[i] += grp[gi] * w[i];
  }
}

function sumSquares(v: Float64Array, n: number): number {
  let ss = 0;
  for (let i = 0; i < n; i++) ss += v[i] * v[i];
  return ss;
}

/** Bootstrap draws (B, draw-major) of a linear combination, from attgt's multiplier sums. */
function linDraws(ctx: Ctx, lin: Lin): Float64Array {
  const d = ctx.res.detail;
  const m = ctx.K + ctx.G;
  const out = new Float64Array(d.B);
  const nz: number[] = [];
  for (let j = 0; j < ctx.K; j++) if (lin.cell[j] !== 0) nz.push(j);
  for (let g = 0; g < ctx.G; g++) if (lin.grp[g] !== 0) nz.push(ctx.K + g);
  const coef = nz.map((c) => (c < ctx.K ? lin.cell[c] : lin.grp[c - ctx.K]));
  const draws = d.draws!;
  for (let b = 0; b < d.B; b++) {
    let s = 0;
    for (let q = 0; q < nz.length; q++) s += coef[q] * draws[b * m + nz[q]];
    out[b] = s;
  }
  return out;
}

function analyticSe(ctx: Ctx, lin: Lin): number {
  return seOfInfluence(ctx, influence(ctx, lin));
}

/** sqrt(sum psi^2) / n, psi summed within clusters first when clustered. */
function seOfInfluence(ctx: Ctx, inf: Float64Array): number {
  const d = ctx.res.detail;
  const n = ctx.res.n;
  let ss = 0;
  if (d.clusterCode) {
    const sums = new Float64Array(d.nClusters);
    for (let i = 0; i < n; i++) sums[d.clusterCode[i]] += inf[i];
    for (let c = 0; c < d.nClusters; c++) ss += sums[c] * sums[c];
  } else {
    ss = sumSquares(inf, n);
  }
  return Math.sqrt(ss) / n;
}

/** Standard errors of several parameters, and (bootstrap) the sup-t critical value over them. */
function standardErrors(ctx: Ctx, lins: Lin[], alpha: number): { se: number[]; crit: number } {
  const d = ctx.res.detail;
  if (!d.draws) {
    return { se: lins.map((l) => (Number.isFinite(l.value) ? analyticSe(ctx, l) : NaN)), crit: NaN };
  }
  const m = lins.length;
  const sums = new Float64Array(d.B * m);
  lins.forEach((l, q) => {
    const dr = linDraws(ctx, l);
    for (let b = 0; b < d.B; b++) sums[b * m + q] = Number.isFinite(l.value) ? dr[b] : NaN;
  });
  const s = summariseDraws(sums, d.B, m, d.nBootRows, ctx.res.n, alpha);
  return { se: Array.from(s.se), crit: s.crit };
}

function estimate(value: number, se: number, crit: number): Estimate {
  const att = nullable(value);
  const s = Number.isFinite(se) && se > SMALL ? se : null;
  return { att, se: s, lower: att !== null && s !== null ? att - crit * s : null, upper: att !== null && s !== null ? att + crit * s : null };
}

function buildContext(res: AttgtResult, naRm: boolean, warnings: string[]): Ctx | null {
  const d = res.detail;
  const K = d.K;
  const keep: number[] = [];
  let anyNa = false;
  for (let j = 0; j < K; j++) {
    if (Number.isFinite(d.att[j])) keep.push(j);
    else anyNa = true;
  }
  if (anyNa && !naRm) {
    warnings.push('Missing values found in the ATT(g,t) estimates, so the aggregate is NA; set naRm to aggregate the non-missing cells (R: na.rm = TRUE).');
    return null;
  }
  if (keep.length === 0) {
    warnings.push('All ATT(g,t) estimates are NA; nothing to aggregate.');
    return null;
  }
  const groupIndex = new Map<number, number>();
  d.groups.forEach((g, i) => groupIndex.set(g, i));
  const pgOfGroup = new Map<number, number>();
  const sizeOfGroup = new Map<number, number>();
  const n = res.n;
  const entGroupIndex = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const gi = groupIndex.get(d.entGroup[i]);
    if (gi !== undefined) entGroupIndex[i] = gi;
  }
  for (const g of d.groups) {
    let s = 0;
    let c = 0;
    for (let i = 0; i < n; i++) {
      if (d.entGroup[i] === g) {
        s += d.entWeight[i];
        c++;
      }
    }
    pgOfGroup.set(g, s / n);
    sizeOfGroup.set(g, c);
  }
  return { res, K, G: d.groups.length, groupIndex, keep, pgOfGroup, sizeOfGroup, entGroupIndex, infCache: new Map() };
}

function unitsIn(ctx: Ctx, cells: number[]): number {
  const gs = new Set(cells.map((j) => ctx.res.detail.group[j]));
  let c = 0;
  for (const g of gs) c += ctx.sizeOfGroup.get(g) ?? 0;
  return c;
}

/** Aggregates an attgt result (R: aggte(MP, type, ...)). */
export function aggte(res: AttgtResult, options: AggteOptions): AggteResult {
  const type = options.type;
  if (!['simple', 'group', 'dynamic', 'calendar'].includes(type)) throw new EstimateOptionError(`aggregation type must be simple, group, dynamic or calendar, got ${type}`);
  const minE = options.minE ?? -Infinity;
  const maxE = options.maxE ?? Infinity;
  const balanceE = options.balanceE ?? null;
  if (balanceE !== null && (!(balanceE >= 0) || balanceE !== Math.round(balanceE))) throw new EstimateOptionError(`balanceE must be a non-negative whole number, got ${balanceE}`);
  const naRm = options.naRm ?? false;
  const alpha = options.alpha ?? res.options.alpha;
  const wantUniform = options.uniform ?? res.uniform;
  const zCrit = qnorm(1 - alpha / 2);
  const warnings: string[] = [];
  const base = { type, n: res.n, nObs: res.nObs, options: { minE, maxE, balanceE, naRm }, warnings };
  const empty: AggteResult = { ...base, att: null, se: null, lower: null, upper: null, by: [], critical: zCrit, uniform: false, pre: null, post: null, nTreated: 0 };
  if (type === 'calendar' && (Number.isFinite(minE) || Number.isFinite(maxE) || balanceE !== null)) {
    warnings.push('minE, maxE and balanceE are ignored for calendar aggregation.');
  }
  const ctx = buildContext(res, naRm, warnings);
  if (!ctx) return empty;
  const d = res.detail;
  let keep = ctx.keep;

  const byCrit = (crit: number): { critical: number; uniform: boolean } => {
    if (!wantUniform || !d.draws) {
      if (wantUniform && !d.draws) warnings.push('A uniform band needs the bootstrap; intervals are pointwise.');
      return { critical: zCrit, uniform: false };
    }
    if (!Number.isFinite(crit)) {
      warnings.push('Simultaneous critical value is NA, likely because the standard errors could not be computed. Falling back to pointwise confidence intervals.');
      return { critical: zCrit, uniform: false };
    }
    if (crit < zCrit) {
      warnings.push('The simultaneous confidence band is narrower than the pointwise confidence interval, which is unexpected. Falling back to pointwise confidence intervals.');
      return { critical: zCrit, uniform: false };
    }
    if (crit >= 7) warnings.push('Simultaneous critical value is very large, suggesting it may be unreliable.');
    return { critical: crit, uniform: true };
  };

  if (type === 'simple') {
    const keepers = keep.filter((j) => d.group[j] <= d.time[j] && d.time[j] <= d.group[j] + maxE);
    if (keepers.length === 0) {
      warnings.push('No post-treatment ATT(g,t) within the requested window; the simple aggregate is NA.');
      return empty;
    }
    const lin = weightedCells(ctx, keepers, true);
    const { se } = standardErrors(ctx, [lin], alpha);
    return { ...base, ...estimate(lin.value, se[0], zCrit), by: [], critical: zCrit, uniform: false, pre: null, post: null, nTreated: unitsIn(ctx, keepers) };
  }

  if (type === 'group') {
    let glist = Array.from(new Set(keep.map((j) => d.group[j]))).sort((a, b) => a - b);
    const postCells = (g: number): number[] => keep.filter((j) => d.group[j] === g && g <= d.time[j] && d.time[j] <= d.group[j] + maxE);
    if (naRm) {
      glist = glist.filter((g) => postCells(g).length > 0);
      if (glist.length === 0) {
        warnings.push('No groups have non-missing post-treatment ATT(g,t) estimates.');
        return empty;
      }
      keep = keep.filter((j) => glist.includes(d.group[j]));
    }
    const linG = glist.map((g) => {
      const cells = postCells(g);
      const l = weightedCells(ctx, cells, false);
      // R averages the group's cells with equal weights (mean(att)); pg is constant within a group.
      let s = 0;
      for (const j of cells) s += d.att[j];
      return { ...l, value: cells.length ? s / cells.length : NaN };
    });
    const pgg = glist.map((g) => ctx.pgOfGroup.get(g)!);
    const spg = pgg.reduce((a, b) => a + b, 0);
    const value = linG.reduce((acc, l, q) => acc + l.value * pgg[q], 0) / spg;
    const overall = combine(
      ctx,
      linG.map((l, q) => ({ lin: l, coef: pgg[q] / spg })),
      value,
    );
    // Weight term for the group shares pgg.
    const grp = Float64Array.from(overall.grp);
    const extraGrp = new Float64Array(ctx.G);
    glist.forEach((g, q) => {
      const gi = ctx.groupIndex.get(g)!;
      grp[gi] += linG[q].value / spg - value / spg;
      extraGrp[gi] += linG[q].value / spg - value / spg;
    });
    const overallLin: Lin = { value, cell: overall.cell, grp, parts: overall.parts, extraGrp };
    const { parts: seG, overall: seO } = partsAndAverages(ctx, linG, [overallLin], alpha);
    const band = byCrit(seG.crit);
    const by = glist.map((g, q) => ({ e: g, n: ctx.sizeOfGroup.get(g) ?? 0, ...estimate(linG[q].value, seG.se[q], band.critical) }));
    return { ...base, ...estimate(value, seO.se[0], zCrit), by, ...band, pre: null, post: null, nTreated: glist.reduce((a, g) => a + (ctx.sizeOfGroup.get(g) ?? 0), 0) };
  }

  if (type === 'dynamic') {
    const ev = (j: number): number => d.time[j] - d.group[j];
    let include = keep;
    let eseq = Array.from(new Set(keep.map(ev))).sort((a, b) => a - b);
    if (balanceE !== null) {
      const tList = Array.from(new Set(keep.map((j) => d.time[j])));
      const maxT = Math.max(...tList);
      const firstT = Math.min(...Array.from(d.periods), ...Array.from(new Set(keep.map((j) => d.group[j]))));
      include = keep.filter((j) => maxT - d.group[j] >= balanceE);
      eseq = Array.from(new Set(include.map(ev)))
        .sort((a, b) => a - b)
        .filter((e) => e <= balanceE && e >= balanceE - maxT + firstT);
    }
    eseq = eseq.filter((e) => e >= minE && e <= maxE);
    if (eseq.length === 0) {
      warnings.push('No event times fall within the requested window (minE, maxE, balanceE).');
      return empty;
    }
    const cellsOf = eseq.map((e) => include.filter((j) => ev(j) === e));
    const linE = cellsOf.map((cells) => weightedCells(ctx, cells, true));
    const average = (sel: number[]): { lin: Lin | null } => {
      if (sel.length === 0) return { lin: null };
      const value = sel.reduce((a, q) => a + linE[q].value, 0) / sel.length;
      return { lin: combine(ctx, sel.map((q) => ({ lin: linE[q], coef: 1 / sel.length })), value) };
    };
    const postIdx = eseq.map((e, q) => (e >= 0 ? q : -1)).filter((q) => q >= 0);
    const preIdx = eseq.map((e, q) => (e < 0 ? q : -1)).filter((q) => q >= 0);
    const postLin = average(postIdx).lin;
    const preLin = average(preIdx).lin;
    const { parts: seE, overall: avg } = partsAndAverages(ctx, linE, [postLin, preLin].filter((l): l is Lin => l !== null), alpha);
    const avgSe = avg.se;
    const band = byCrit(seE.crit);
    const by = eseq.map((e, q) => ({ e, n: unitsIn(ctx, cellsOf[q]), ...estimate(linE[q].value, seE.se[q], band.critical) }));
    const postEst = postLin ? estimate(postLin.value, avgSe[0], zCrit) : null;
    const preEst = preLin ? estimate(preLin.value, avgSe[postLin ? 1 : 0], zCrit) : null;
    if (!postLin) warnings.push('No event times e >= 0 in the window; the overall dynamic effect is NA.');
    const postCells = postIdx.flatMap((q) => cellsOf[q]);
    const out: AggteResult = {
      ...base,
      ...(postEst ?? { att: null, se: null, lower: null, upper: null }),
      by,
      ...band,
      pre: preEst,
      post: postEst,
      nTreated: unitsIn(ctx, postCells),
    };
    // The event-time influence functions, for the Rambachan-Roth sensitivity (src/sensitivity):
    // non-enumerable so results print and serialise as before, and lazy so nothing is built
    // unless asked for (with the bootstrap they are not otherwise computed).
    let cache: Float64Array[] | null = null;
    const detail: DynamicDetail = {
      get influence(): Float64Array[] {
        if (!cache) cache = linE.map((l) => influence(ctx, l));
        return cache;
      },
      clusterCode: d.clusterCode,
      nClusters: d.nClusters,
      base: res.options.base,
      anticipation: res.options.anticipation,
    };
    Object.defineProperty(out, 'detail', { value: detail, enumerable: false });
    return out;
  }

  // calendar
  const minG = Math.min(...keep.map((j) => d.group[j]));
  const tlist = Array.from(new Set(keep.map((j) => d.time[j])))
    .sort((a, b) => a - b)
    .filter((t) => t >= minG && keep.some((j) => d.time[j] === t && d.group[j] <= t));
  if (tlist.length === 0) {
    warnings.push('No calendar periods have post-treatment ATT(g,t) estimates.');
    return empty;
  }
  const cellsOf = tlist.map((t) => keep.filter((j) => d.time[j] === t && d.group[j] <= t));
  const linT = cellsOf.map((cells) => weightedCells(ctx, cells, true));
  const value = linT.reduce((a, l) => a + l.value, 0) / linT.length;
  const overall = combine(ctx, linT.map((l) => ({ lin: l, coef: 1 / linT.length })), value);
  const { parts: seT, overall: seO } = partsAndAverages(ctx, linT, [overall], alpha);
  const band = byCrit(seT.crit);
  const by = tlist.map((t, q) => ({ e: t, n: unitsIn(ctx, cellsOf[q]), ...estimate(linT[q].value, seT.se[q], band.critical) }));
  return { ...base, ...estimate(value, seO.se[0], zCrit), by, ...band, pre: null, post: null, nTreated: unitsIn(ctx, keep.filter((j) => d.group[j] <= d.time[j])) };
}
