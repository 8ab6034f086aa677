/**
 * Prepares long staggered data for attgt the way R did 2.5.1 does (pre_process_did2 with
 * faster_mode = TRUE): drops rows with missing values, normalises weights, recodes
 * never-treated and "treated after the last period" units, handles data without a
 * never-treated group, drops units treated in the first period, balances the panel, and
 * lays the data out by period (panels) or by row (repeated cross sections, unbalanced
 * panels). Every such step that changes the data leaves a warning in the same words R uses.
 */
import { EstimateOptionError } from './errors';
import { float64, int32, wantParallel } from './parallel';

/** One outcome in one period, per entity (see byPeriodLayout). */
export type OutcomeColumn = Float64Array | Int32Array;

/** A column given once per unit or once per row. */
export type Column = { readonly unit: Float64Array } | { readonly row: Float64Array };

export interface NamedColumn {
  readonly name: string;
  readonly column: Column;
  /**
   * A categorical covariate (R: factor(x)): expanded to dummies for every level present
   * in the estimation sample except the first (treatment contrasts), after rows are dropped.
   */
  readonly factor?: boolean;
  /** Names of the levels by code, for naming the dummies (default: the code). */
  readonly levelNames?: readonly string[];
}

/** Everything attgt reads except the outcome (long format, one row per unit and period). */
export interface StaggeredBase {
  readonly nUnits: number;
  /** Unit identifiers (numbers), length nUnits. */
  readonly unitId: Float64Array;
  /** Unit index (0 .. nUnits-1) of each row. */
  readonly rowUnit: Int32Array;
  /** Period of each row (any numeric coding; differences are event times). */
  readonly rowTime: Float64Array | Int32Array;
  /** First treated period; 0 = never treated. Must be constant within unit. */
  readonly group: Column;
  /** Covariate columns, already expanded (factor dummies); the intercept is added. */
  readonly covariates?: readonly NamedColumn[];
  /** Number of formula variables behind `covariates` (for R's small-group warning). */
  readonly covariateVars?: number;
  /** Sampling weights (non-negative). */
  readonly weights?: Column;
  /** A second clustering variable (besides the unit), constant within unit. */
  readonly cluster?: Column;
  /**
   * Rows in the data (1) or not (0), one entry per row; omitted = all. Rows left out are as
   * if the data had been cut before the call (a model's units and window, without copying).
   */
  readonly include?: Uint8Array;
}

/** The typed-array input of attgt: the base columns and one outcome. */
export interface StaggeredInput extends StaggeredBase {
  /** Outcome of each row; NaN = missing. */
  readonly y: Float64Array;
}

export type DataMode = 'panel' | 'unbalanced' | 'rcs';

export interface PrepareOptions {
  readonly control: 'never' | 'notyet';
  readonly anticipation: number;
  /** Allow an unbalanced panel (R: allow_unbalanced_panel). */
  readonly unbalanced: boolean;
  /** Treat rows as repeated cross sections (R: panel = FALSE). */
  readonly rcs: boolean;
}

/** Prepared data. "Entities" are the rows of the influence function: units, or rows for rcs. */
export interface Prepared {
  readonly mode: DataMode;
  /** Distinct periods, ascending (R: tlist). */
  readonly periods: Float64Array;
  /** Treated groups estimated, ascending (R: glist). */
  readonly groups: Float64Array;
  /** Number of entities (R: n / id_count). */
  readonly n: number;
  /** Rows (unit-periods) entering the estimation. */
  readonly nObs: number;
  /** Number of covariate columns including the intercept. */
  readonly k: number;
  readonly covariateNames: readonly string[];
  /** Per entity: group used for the cell assignment (Infinity = never / as if never). */
  readonly entGroup: Float64Array;
  /** Per entity: group as aggte sees it (0 = never treated), R's dta[[gname]]. */
  readonly entGroupAgg: Float64Array;
  /** Per entity: weight used by aggte (R: weights.ind). */
  readonly entWeight: Float64Array;
  /** Per entity: cluster code, or null. */
  readonly entCluster: Float64Array | null;
  /** Per entity: unit identifier (rows: the unit's identifier). */
  readonly entId: Float64Array;
  /** Number of outcomes laid out (they share every other column and the kept rows). */
  readonly nOutcomes: number;
  /** Panel: per outcome, the outcome by period index, each of length n. */
  /** Outcomes by period (outcome, period, entity): Int32Array when every value is a whole number that fits, else Float64Array. */
  readonly yByPeriod: OutcomeColumn[][] | null;
  /** Panel: weights by period index (null when constant within unit: then entWeightPanel). */
  readonly wByPeriod: Float64Array[] | null;
  /** Panel: weights per unit when constant over time. */
  readonly wUnit: Float64Array | null;
  /** Panel: covariates (n x k row-major) per unit when constant over time. */
  readonly xUnit: Float64Array | null;
  /** Panel: covariates of period index p (n x k), when they vary over time. */
  readonly xByPeriod: ((p: number) => Float64Array) | null;
  /** Rows (rcs / unbalanced): entity, period index, outcome, group, weight, covariates. */
  readonly rows: RowData | null;
  readonly warnings: string[];
}

export interface RowData {
  readonly nRows: number;
  readonly entity: Int32Array;
  readonly period: Int32Array;
  /** Per outcome, one value per row. */
  readonly y: Float64Array[];
  readonly group: Float64Array;
  readonly w: Float64Array;
  /** nRows x k row-major. */
  readonly x: Float64Array;
}

function colValue(c: Column, row: number, unit: number): number {
  return 'unit' in c ? c.unit[unit] : c.row[row];
}

function fail(message: string): never {
  throw new EstimateOptionError(message);
}

/**
 * Replaces factor covariates by 0/1 dummies of their levels present in the kept rows (first
 * level = reference). A per-unit factor is read once per unit with kept rows.
 */
function expandFactors(covs: readonly NamedColumn[], keep: Uint8Array, rowUnit: Int32Array, unitRowCount: Int32Array): NamedColumn[] {
  const out: NamedColumn[] = [];
  for (const c of covs) {
    if (!c.factor) {
      out.push(c);
      continue;
    }
    const present = new Set<number>();
    if ('unit' in c.column) {
      const v = c.column.unit;
      for (let u = 0; u < unitRowCount.length; u++) if (unitRowCount[u] > 0) present.add(v[u]);
    } else {
      const v = c.column.row;
      for (let r = 0; r < keep.length; r++) if (keep[r]) present.add(v[r]);
    }
    const levels = Array.from(present).sort((a, b) => a - b);
    for (const lev of levels.slice(1)) {
      const label = c.levelNames?.[lev] ?? String(lev);
      const src = 'unit' in c.column ? c.column.unit : c.column.row;
      const dummy = new Float64Array(src.length);
      for (let i = 0; i < src.length; i++) dummy[i] = src[i] === lev ? 1 : Number.isNaN(src[i]) ? NaN : 0;
      out.push({ name: `${c.name}=${label}`, column: 'unit' in c.column ? { unit: dummy } : { row: dummy } });
    }
  }
  return out;
}

function duplicateRow(input: StaggeredBase, r: number): never {
  fail(`unit ${input.unitId[input.rowUnit[r]]} is observed more than once in period ${input.rowTime[r]}`);
}

function formatNumbers(values: number[]): string {
  return values.map((v) => (Number.isFinite(v) ? String(v) : '0')).join(',');
}

/** One value per unit of a column that must be constant within unit (NaN for units without kept rows). */
function perUnitValues(c: Column, keep: Uint8Array, rowUnit: Int32Array, nUnits: number, varies: (u: number, a: number, b: number) => never): Float64Array {
  if ('unit' in c) return c.unit;
  const out = new Float64Array(nUnits).fill(NaN);
  const v = c.row;
  for (let r = 0; r < keep.length; r++) {
    if (!keep[r]) continue;
    const u = rowUnit[r];
    const x = v[r];
    if (x !== out[u]) {
      if (Number.isNaN(out[u])) out[u] = x;
      else varies(u, out[u], x);
    }
  }
  return out;
}

/** What survives the data rules, handed to the layout step. */
interface Kept {
  readonly input: StaggeredBase;
  /** The outcomes laid out (same kept rows). */
  readonly ys: readonly Float64Array[];
  /** 1 for rows kept. */
  readonly keep: Uint8Array;
  /** Kept units sorted by (group, id). */
  readonly units: number[];
  /** Group per unit for the cells (Infinity = never) and for aggte (0 = never). */
  readonly gEff: Float64Array;
  readonly gAgg: Float64Array;
  readonly unitCl: Float64Array | null;
  /** Normalised row weights, null = all 1. */
  readonly wRow: Float64Array | null;
  readonly periods: Float64Array;
  /** Index into periods of a kept row. */
  readonly rowPeriod: Int32Array;
  readonly groups: Float64Array;
  readonly nObs: number;
  readonly warnings: string[];
  readonly k: number;
}

/** Index of each row's period in the sorted distinct periods (integer fast path, Map otherwise). */
function periodIndexOfRows(rowTime: Float64Array | Int32Array): { all: Float64Array; rowP: Int32Array } {
  const n = rowTime.length;
  const rowP = new Int32Array(n);
  let lo = Infinity;
  let hi = -Infinity;
  let integral = true;
  for (let r = 0; r < n; r++) {
    const t = rowTime[r];
    if (!Number.isFinite(t)) continue;
    if (t < lo) lo = t;
    if (t > hi) hi = t;
    if (t !== Math.floor(t)) integral = false;
  }
  if (!(hi >= lo)) return { all: new Float64Array(0), rowP: rowP.fill(-1) };
  if (integral && hi - lo < 1e7) {
    const slot = new Int32Array(hi - lo + 1).fill(-1);
    for (let r = 0; r < n; r++) if (Number.isFinite(rowTime[r])) slot[rowTime[r] - lo] = 0;
    const all: number[] = [];
    for (let v = 0; v < slot.length; v++) if (slot[v] === 0) slot[v] = all.push(lo + v) - 1;
    for (let r = 0; r < n; r++) rowP[r] = Number.isFinite(rowTime[r]) ? slot[rowTime[r] - lo] : -1;
    return { all: Float64Array.from(all), rowP };
  }
  const all = Float64Array.from(new Set(Array.from(rowTime).filter(Number.isFinite))).sort();
  const idx = new Map<number, number>();
  all.forEach((t, i) => idx.set(t, i));
  for (let r = 0; r < n; r++) rowP[r] = idx.get(rowTime[r]) ?? -1;
  return { all, rowP };
}

/** Rows usable before the outcome is looked at, and the period index of every row. */
export interface UsableRows {
  /** Rows in the data: all, or those `include` marks. */
  readonly nRows: number;
  /** 1 for rows whose period and every used column except the outcome are finite. */
  readonly keep: Uint8Array;
  /** Index of each row's period in `allPeriods` (-1 = no period). */
  readonly rowP: Int32Array;
  readonly allPeriods: Float64Array;
}

/**
 * Step 1 of R's complete-case rule (complete_finite_cases) over the columns that do not
 * depend on the outcome: covariates, weights, cluster and group. Unit-level columns are
 * checked once per unit.
 */
export function usableRows(input: StaggeredBase, opts: PrepareOptions): UsableRows {
  const antic = opts.anticipation;
  if (!(antic >= 0) || antic !== Math.round(antic)) fail('anticipation must be a non-negative whole number');
  const nUnits = input.nUnits;
  const { rowUnit } = input;
  const nRows0 = rowUnit.length;
  const { all: allPeriods, rowP } = periodIndexOfRows(input.rowTime);
  const unitOk = new Uint8Array(nUnits).fill(1);
  const rowCols: Float64Array[] = [];
  const unitCheck = (c: Column, allowInf: boolean): void => {
    if ('unit' in c) {
      for (let u = 0; u < nUnits; u++) {
        const v = c.unit[u];
        if (!(Number.isFinite(v) || (allowInf && v === Infinity))) unitOk[u] = 0;
      }
    } else rowCols.push(c.row);
  };
  (input.covariates ?? []).forEach((c) => unitCheck(c.column, false));
  if (input.weights) unitCheck(input.weights, false);
  if (input.cluster) unitCheck(input.cluster, false);
  const groupRow = 'row' in input.group ? input.group.row : null;
  if (!groupRow) unitCheck(input.group, true);
  const include = input.include ?? null;
  if (include && include.length !== nRows0) fail(`the row selection has ${include.length} entries for ${nRows0} rows`);
  let nRows = nRows0;
  if (include) for (let r = 0; r < nRows0; r++) if (!include[r]) nRows--;
  const keep = new Uint8Array(nRows0);
  for (let r = 0; r < nRows0; r++) {
    if ((include && !include[r]) || !unitOk[rowUnit[r]] || rowP[r] < 0) continue;
    if (groupRow && !(Number.isFinite(groupRow[r]) || groupRow[r] === Infinity)) continue;
    let ok = true;
    for (let c = 0; c < rowCols.length; c++) {
      if (!Number.isFinite(rowCols[c][r])) {
        ok = false;
        break;
      }
    }
    if (ok) keep[r] = 1;
  }
  return { nRows, keep, rowP, allPeriods };
}

/**
 * When `include` keeps less than half of the rows: the data with only those rows (in their
 * order), as if it had been cut before the call, row-level columns and outcomes gathered and
 * unit-level ones shared, so that the data rules loop over the model's rows only. Otherwise
 * the data as given (usableRows then skips the rows left out; gathering would cost more).
 */
export function includedRows<T extends StaggeredBase>(input: T, ys: readonly Float64Array[]): { input: T; ys: readonly Float64Array[] } {
  const inc = input.include;
  if (!inc) return { input, ys };
  const nRows0 = input.rowUnit.length;
  if (inc.length !== nRows0) fail(`the row selection has ${inc.length} entries for ${nRows0} rows`);
  let m = 0;
  for (let r = 0; r < nRows0; r++) if (inc[r]) m++;
  if (2 * m >= nRows0) return { input, ys };
  const rows = new Int32Array(m);
  for (let r = 0, j = 0; r < nRows0; r++) if (inc[r]) rows[j++] = r;
  const rowTime = input.rowTime instanceof Int32Array ? new Int32Array(m) : new Float64Array(m);
  const rowUnit = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    rowUnit[j] = input.rowUnit[rows[j]];
    rowTime[j] = input.rowTime[rows[j]];
  }
  const column = (c: Column): Column => ('row' in c ? { row: gather(c.row, rows) } : c);
  const cut: T = {
    ...input,
    include: undefined,
    rowUnit,
    rowTime,
    group: column(input.group),
    covariates: input.covariates?.map((c) => ({ ...c, column: column(c.column) })),
    weights: input.weights && column(input.weights),
    cluster: input.cluster && column(input.cluster),
  };
  ys.forEach((y, o) => y.length !== nRows0 && fail(`outcome ${o + 1} has ${y.length} rows, the data ${nRows0}`));
  return { input: cut, ys: ys.map((y) => gather(y, rows)) };
}

function gather(v: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let j = 0; j < rows.length; j++) out[j] = v[rows[j]];
  return out;
}

/** Outcomes that keep exactly the same rows: the indices into `ys`, the kept rows and their count. */
export interface OutcomeGroup {
  readonly outcomes: number[];
  readonly keep: Uint8Array;
  readonly nKeep: number;
}

/**
 * Groups outcomes by the rows the complete-case rule keeps for them (the usable rows where
 * the outcome is finite), in the order of each group's first outcome. Outcomes in one group
 * give identical data everywhere but in the outcome, so they can share every later step.
 */
export function groupOutcomesByRows(usable: Uint8Array, ys: readonly Float64Array[]): OutcomeGroup[] {
  const groups: OutcomeGroup[] = [];
  let nUsable = 0;
  for (let r = 0; r < usable.length; r++) nUsable += usable[r];
  for (let o = 0; o < ys.length; o++) {
    const y = ys[o];
    if (y.length !== usable.length) fail(`outcome ${o + 1} has ${y.length} rows, the data ${usable.length}`);
    const { keep, nKeep } = keptRows(usable, nUsable, y);
    const same = groups.find((g) => g.nKeep === nKeep && sameBytes(g.keep, keep));
    if (same) same.outcomes.push(o);
    else groups.push({ outcomes: [o], keep, nKeep });
  }
  return groups;
}

/** The usable rows where y is finite (a copy of `usable` when y has no missing value there). */
function keptRows(usable: Uint8Array, nUsable: number, y: Float64Array): { keep: Uint8Array; nKeep: number } {
  let nKeep = 0;
  for (let r = 0; r < usable.length; r++) if (usable[r] && Number.isFinite(y[r])) nKeep++;
  if (nKeep === nUsable) return { keep: Uint8Array.from(usable), nKeep };
  const keep = new Uint8Array(usable.length);
  for (let r = 0; r < keep.length; r++) if (usable[r] && Number.isFinite(y[r])) keep[r] = 1;
  return { keep, nKeep };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Prepares outcomes that keep the same rows (one group of groupOutcomesByRows): every step
 * after the complete-case rule, done once, with each outcome laid out on the result.
 * `group.keep` is modified (rows dropped by the later rules); `usable.rowP` is not, unless
 * `lastUse` (no later group needs it).
 */
export function prepareKept(input: StaggeredBase, ys: readonly Float64Array[], group: OutcomeGroup, usable: UsableRows, opts: PrepareOptions, lastUse = false): Prepared {
  const warnings: string[] = [];
  const nRows0 = input.rowUnit.length;
  const nUnits = input.nUnits;
  const { rowUnit } = input;
  const covs = input.covariates ?? [];
  const antic = opts.anticipation;
  const { allPeriods } = usable;
  // The period index is rewritten below: a copy unless this is the last group using it (one row index fewer held at register scale).
  const rowP = lastUse ? usable.rowP : Int32Array.from(usable.rowP);
  const { keep, nKeep } = group;
  if (nKeep < usable.nRows) warnings.push(`dropped ${usable.nRows - nKeep} rows from original data due to missing or non-finite data`);
  if (nKeep === 0) fail('all observations were dropped because of missing data');

  // Group must be constant within unit and non-negative; cluster constant within unit.
  const unitG = perUnitValues(input.group, keep, rowUnit, nUnits, (u, a, b) =>
    fail(`the group (first treatment period) must be the same in all periods of a unit; unit ${input.unitId[u]} has ${a} and ${b}`),
  );
  for (let u = 0; u < nUnits; u++) {
    if (unitG[u] < 0) fail('the group variable must be 0 (never treated) or a positive first-treatment period; negative values are not supported');
  }
  const unitCl = input.cluster
    ? perUnitValues(input.cluster, keep, rowUnit, nUnits, (u) => fail(`time-varying cluster variables are not supported; unit ${input.unitId[u]} changes cluster`))
    : null;
  // 2. Weights: non-negative with positive mean, normalised over the kept rows.
  // Row weights, null = all 1 (no allocation for the common unweighted case).
  let wRow: Float64Array | null = null;
  if (input.weights) {
    wRow = new Float64Array(nRows0).fill(1);
    let s = 0;
    for (let r = 0; r < nRows0; r++) {
      if (!keep[r]) continue;
      const w = colValue(input.weights, r, rowUnit[r]);
      if (w < 0) fail('the weights must be non-negative with a positive mean');
      wRow[r] = w;
      s += w;
    }
    const m = s / nKeep;
    if (!(m > 0)) fail('the weights must be non-negative with a positive mean');
    for (let r = 0; r < nRows0; r++) wRow[r] /= m;
  }

  // Counts of kept rows per period and per unit, refreshed after each drop.
  const periodCount = new Int32Array(allPeriods.length);
  const unitRowCount = new Int32Array(nUnits);
  const recount = (): void => countKept(keep, rowP, rowUnit, periodCount, unitRowCount);
  const keptPeriods = (): number[] => {
    const out: number[] = [];
    periodCount.forEach((c, p) => c > 0 && out.push(allPeriods[p]));
    return out;
  };
  recount();
  let tlist = keptPeriods();

  // 3. Never treated: 0 -> Inf; treated after the last period (plus anticipation) -> Inf.
  const gEff = new Float64Array(nUnits);
  const maxT = tlist[tlist.length - 1];
  for (let u = 0; u < nUnits; u++) {
    const g = unitG[u];
    gEff[u] = g === 0 || g > maxT + antic ? Infinity : g;
  }
  const keptUnitGroups = (): number[] => {
    const set = new Set<number>();
    for (let u = 0; u < nUnits; u++) if (unitRowCount[u] > 0) set.add(gEff[u]);
    return Array.from(set).sort((a, b) => a - b);
  };
  let glist = keptUnitGroups();
  const gAgg = new Float64Array(nUnits);
  for (let u = 0; u < nUnits; u++) gAgg[u] = gEff[u] === Infinity ? 0 : gEff[u];

  // 4. No never-treated group: the last cohort serves as comparison; later periods go.
  let latestG = NaN;
  if (!glist.includes(Infinity)) {
    latestG = Math.max(...glist.filter((g) => Number.isFinite(g)));
    const cutoff = latestG - antic;
    if (opts.control === 'never') {
      warnings.push("No never-treated group is available. The last treated cohort is being coerced as 'never-treated' units, and data from periods after that is being filtered out (no available comparison groups).");
    }
    for (let r = 0; r < nRows0; r++) if (keep[r] && !(allPeriods[rowP[r]] < cutoff)) keep[r] = 0;
    if (opts.control === 'never') {
      for (let u = 0; u < nUnits; u++) {
        if (gEff[u] === latestG) {
          gEff[u] = Infinity;
          gAgg[u] = 0;
        }
      }
    }
    recount();
    tlist = keptPeriods();
    if (tlist.length === 0) fail('no periods remain before the last treated cohort starts');
    glist = keptUnitGroups();
    if (opts.control !== 'never') glist = glist.filter((g) => g < latestG);
  }

  // 5. Groups treated in the first period (or before): dropped.
  let firstPeriod = tlist[0];
  glist = glist.filter((g) => g !== Infinity && g > firstPeriod + antic);
  {
    let dropUnits = 0;
    let dropRows = 0;
    for (let u = 0; u < nUnits; u++) {
      const g = gEff[u];
      if (unitRowCount[u] > 0 && Number.isFinite(g) && g <= firstPeriod + antic) {
        dropUnits++;
        dropRows += unitRowCount[u];
      }
    }
    if (dropUnits > 0) {
      for (let r = 0; r < nRows0; r++) {
        const g = gEff[rowUnit[r]];
        if (keep[r] && Number.isFinite(g) && g <= firstPeriod + antic) keep[r] = 0;
      }
      warnings.push(`Dropped ${opts.rcs ? dropRows : dropUnits} units that were already treated in the first period${antic > 0 ? ` (accounting for anticipation = ${antic})` : ''}.`);
      recount();
      tlist = keptPeriods();
      glist = keptUnitGroups();
      firstPeriod = tlist[0];
      glist = glist.filter((g) => g !== Infinity && g > firstPeriod + antic);
      if (opts.control !== 'never' && !keptUnitGroups().includes(Infinity)) glist = glist.filter((g) => g < latestG);
    }
  }

  // 6. Panel balance.
  let mode: DataMode = opts.rcs ? 'rcs' : opts.unbalanced ? 'unbalanced' : 'panel';
  if (mode !== 'rcs') {
    let nU = 0;
    for (let u = 0; u < nUnits; u++) if (unitRowCount[u] > 0) nU++;
    let nR = 0;
    periodCount.forEach((c) => (nR += c));
    const balanced = nR === nU * tlist.length;
    if (mode === 'unbalanced' && balanced) mode = 'panel';
    if (mode === 'panel' && !balanced) {
      let missing = 0;
      for (let u = 0; u < nUnits; u++) if (unitRowCount[u] > 0 && unitRowCount[u] < tlist.length) missing++;
      warnings.push(`${missing} units are missing in some periods. Converting to balanced panel by dropping them.`);
      for (let r = 0; r < nRows0; r++) if (keep[r] && unitRowCount[rowUnit[r]] < tlist.length) keep[r] = 0;
      recount();
      tlist = keptPeriods();
      if (tlist.length === 0) fail('all observations were dropped while converting the data to a balanced panel; consider allowing an unbalanced panel');
    }
  }
  if (glist.length === 0) {
    fail('no valid groups: the group variable should be the period a unit is first treated (0 if never treated), and at least one group must be treated after the first period');
  }

  // 7. Very small groups (R warns below #covariates + 5 per period; errors for a tiny never-treated group).
  {
    const rowsPerGroup = new Map<number, number>();
    for (let u = 0; u < nUnits; u++) if (unitRowCount[u] > 0) rowsPerGroup.set(gEff[u], (rowsPerGroup.get(gEff[u]) ?? 0) + unitRowCount[u]);
    const req = (input.covariateVars ?? covs.length) + 5;
    const small = Array.from(rowsPerGroup.entries())
      .filter(([, c]) => c / tlist.length < req)
      .map(([g]) => g)
      .sort((a, b) => a - b);
    if (small.length > 0) {
      warnings.push(`Some groups in your dataset have very few observations, which may cause estimation problems. Check groups: ${formatNumbers(small)}.`);
      if (small.includes(Infinity) && opts.control === 'never') {
        fail("The never-treated group is too small to serve as a reliable control. Try control = 'notyet' to include not-yet-treated units as controls.");
      }
    }
  }

  const expanded = expandFactors(covs, keep, rowUnit, unitRowCount);
  const k = expanded.length + 1;
  const input2: StaggeredBase = { ...input, covariates: expanded };

  const periods = Float64Array.from(tlist);
  // Kept period index of each row, through the index into all periods.
  const keptIndexOfAll = new Int32Array(allPeriods.length).fill(-1);
  {
    let q = 0;
    periodCount.forEach((c, p) => {
      if (c > 0) keptIndexOfAll[p] = q++;
    });
  }
  // From here rowP holds the index into the kept periods (kept rows only).
  for (let r = 0; r < nRows0; r++) if (keep[r]) rowP[r] = keptIndexOfAll[rowP[r]];
  const groups = Float64Array.from(glist);

  // Entities: units sorted by (group, id), as R orders the time-invariant data.
  const units: number[] = [];
  for (let u = 0; u < nUnits; u++) if (unitRowCount[u] > 0) units.push(u);
  units.sort((a, b) => gEff[a] - gEff[b] || input.unitId[a] - input.unitId[b] || a - b);
  let nObs = 0;
  periodCount.forEach((c) => (nObs += c));

  const kept: Kept = { input: input2, ys, keep, units, gEff, gAgg, unitCl, wRow, periods, rowPeriod: rowP, groups, nObs, warnings, k };
  return mode === 'panel' ? preparePanel(kept) : prepareRows(kept, mode);
}

/** Kept rows per period and per unit. */
function countKept(keep: Uint8Array, rowP: Int32Array, rowUnit: Int32Array, periodCount: Int32Array, unitRowCount: Int32Array): void {
  periodCount.fill(0);
  unitRowCount.fill(0);
  for (let r = 0; r < keep.length; r++) {
    if (!keep[r]) continue;
    periodCount[rowP[r]]++;
    unitRowCount[rowUnit[r]]++;
  }
}

/** Group (cells / aggte), identifier and cluster of each entity, given its unit. */
function entityColumns(kept: Kept, entityUnits: number[]): { entGroup: Float64Array; entGroupAgg: Float64Array; entId: Float64Array; entCluster: Float64Array | null } {
  const n = entityUnits.length;
  const entGroup = new Float64Array(n);
  const entGroupAgg = new Float64Array(n);
  const entId = new Float64Array(n);
  const entCluster = kept.unitCl ? new Float64Array(n) : null;
  for (let e = 0; e < n; e++) {
    const u = entityUnits[e];
    entGroup[e] = kept.gEff[u];
    entGroupAgg[e] = kept.gAgg[u];
    entId[e] = kept.input.unitId[u];
    if (entCluster) entCluster[e] = kept.unitCl![u];
  }
  return { entGroup, entGroupAgg, entId, entCluster };
}

/**
 * A row column as T vectors of length n (period p, entity e at rowOf[e * T + p]), one
 * allocation, in the narrowest type that holds every value exactly: whole numbers within
 * 32 bits (register amounts in kronor, days, counts) as Int32Array, half the memory of
 * doubles; anything else (decimals, -0, NaN) as Float64Array. The estimator reads either
 * as the same doubles, so no number changes.
 */
function byPeriodLayout(y: Float64Array, rowOf: Int32Array, n: number, T: number, shared: boolean): OutcomeColumn[] {
  const all = wholeNumbers(y, rowOf) ? int32(n * T, shared) : float64(n * T, shared);
  for (let e = 0; e < n; e++) {
    const o = e * T;
    for (let p = 0; p < T; p++) all[p * n + e] = y[rowOf[o + p]];
  }
  return Array.from({ length: T }, (_, p) => all.subarray(p * n, (p + 1) * n));
}

/** Whether every y[rows[i]] is a 32-bit whole number other than -0 (Int32Array stores it exactly). */
export function wholeNumbers(y: Float64Array, rows: Int32Array): boolean {
  for (let i = 0; i < rows.length; i++) {
    const v = y[rows[i]];
    if ((v | 0) !== v || (v === 0 && 1 / v < 0)) return false;
  }
  return true;
}

function preparePanel(kept: Kept): Prepared {
  const { input, ys, keep, units, wRow, periods, rowPeriod, groups, nObs, warnings, k } = kept;
  const n = units.length;
  const T = periods.length;
  const ent = new Int32Array(input.nUnits).fill(-1);
  units.forEach((u, i) => (ent[u] = i));
  const covs = input.covariates ?? [];
  // Row of each (entity, period), to read row-level columns.
  const rowOf = new Int32Array(n * T).fill(-1);
  for (let r = 0; r < keep.length; r++) {
    if (!keep[r]) continue;
    const e = ent[input.rowUnit[r]];
    const p = rowPeriod[r];
    if (rowOf[e * T + p] !== -1) duplicateRow(input, r);
    rowOf[e * T + p] = r;
  }
  // Outcomes by period, read in row order (rows of a unit are usually together).
  // In shared memory when worker threads will estimate the cells (about groups x periods cells).
  const shared = wantParallel(n, groups.length * T);
  const yByPeriod = ys.map((y) => byPeriodLayout(y, rowOf, n, T, shared));
  // Weights: constant within unit -> one vector.
  const wAt = (r: number): number => (wRow ? wRow[r] : 1);
  let wConst = true;
  for (let e = 0; e < n && wConst && wRow; e++) {
    const w0 = wRow[rowOf[e * T]];
    for (let p = 1; p < T; p++) if (wRow[rowOf[e * T + p]] !== w0) {
      wConst = false;
      break;
    }
  }
  const wByPeriod: Float64Array[] | null = wConst ? null : [];
  if (wByPeriod) {
    warnings.push("Time-varying weights detected: each 2x2 comparison uses the weight of the earlier of its two periods (R did's default).");
    for (let p = 0; p < T; p++) {
      const w = new Float64Array(n);
      for (let e = 0; e < n; e++) w[e] = wAt(rowOf[e * T + p]);
      wByPeriod.push(w);
    }
  }
  const wFirst = float64(n, shared);
  for (let e = 0; e < n; e++) wFirst[e] = wAt(rowOf[e * T]);

  // Covariates: time-invariant columns (unit-level or constant within unit) are stored once.
  let xConst = true;
  for (const c of covs) {
    if ('unit' in c.column) continue;
    const v = c.column.row;
    for (let e = 0; e < n && xConst; e++) {
      const x0 = v[rowOf[e * T]];
      for (let p = 1; p < T; p++) if (v[rowOf[e * T + p]] !== x0) {
        xConst = false;
        break;
      }
    }
    if (!xConst) break;
  }
  const buildX = (p: number): Float64Array => {
    const x = float64(n * k, shared);
    for (let e = 0; e < n; e++) {
      const r = rowOf[e * T + p];
      const u = units[e];
      x[e * k] = 1;
      for (let c = 0; c < covs.length; c++) x[e * k + 1 + c] = colValue(covs[c].column, r, u);
    }
    return x;
  };
  const { entGroup, entGroupAgg, entId, entCluster } = entityColumns(kept, units);
  return {
    mode: 'panel',
    periods,
    groups,
    n,
    nObs,
    k,
    covariateNames: covs.map((c) => c.name),
    entGroup,
    entGroupAgg,
    entWeight: wFirst,
    entCluster,
    entId,
    nOutcomes: ys.length,
    yByPeriod,
    wByPeriod,
    wUnit: wConst ? wFirst : null,
    xUnit: xConst ? buildX(0) : null,
    xByPeriod: xConst ? null : buildX,
    rows: null,
    warnings,
  };
}

function prepareRows(kept: Kept, mode: DataMode): Prepared {
  const { input, ys, keep, units, gEff, wRow, periods, rowPeriod, groups, nObs, warnings, k } = kept;
  const covs = input.covariates ?? [];
  // Rows sorted by (period, group, unit id), as R sorts the data (tname, gname).
  const rowIdx: number[] = [];
  for (let r = 0; r < keep.length; r++) if (keep[r]) rowIdx.push(r);
  const { rowUnit, rowTime } = input;
  rowIdx.sort((a, b) => rowTime[a] - rowTime[b] || gEff[rowUnit[a]] - gEff[rowUnit[b]] || input.unitId[rowUnit[a]] - input.unitId[rowUnit[b]] || a - b);
  const m = rowIdx.length;
  if (mode !== 'rcs') {
    const seen = new Set<number>();
    for (const r of rowIdx) {
      const key = rowUnit[r] * periods.length + rowPeriod[r];
      if (seen.has(key)) duplicateRow(input, r);
      seen.add(key);
    }
  }
  const entOfUnit = new Int32Array(input.nUnits).fill(-1);
  units.forEach((u, i) => (entOfUnit[u] = i));
  const rows: RowData = {
    nRows: m,
    entity: new Int32Array(m),
    period: new Int32Array(m),
    y: ys.map(() => new Float64Array(m)),
    group: new Float64Array(m),
    w: new Float64Array(m),
    x: new Float64Array(m * k),
  };
  rowIdx.forEach((r, j) => {
    const u = rowUnit[r];
    rows.entity[j] = mode === 'rcs' ? j : entOfUnit[u];
    rows.period[j] = rowPeriod[r];
    for (let o = 0; o < ys.length; o++) rows.y[o][j] = ys[o][r];
    rows.group[j] = gEff[u];
    rows.w[j] = wRow ? wRow[r] : 1;
    rows.x[j * k] = 1;
    for (let c = 0; c < covs.length; c++) rows.x[j * k + 1 + c] = colValue(covs[c].column, r, u);
  });
  // Entities: one per row (repeated cross sections) or per unit.
  const entityUnits = mode === 'rcs' ? rowIdx.map((r) => rowUnit[r]) : units;
  const n = entityUnits.length;
  const { entGroup, entGroupAgg, entId, entCluster } = entityColumns(kept, entityUnits);
  const entWeight = new Float64Array(n);
  if (mode === 'rcs') {
    rowIdx.forEach((r, j) => (entWeight[j] = wRow ? wRow[r] : 1));
  } else {
    // aggte uses each unit's mean weight over its rows (R aggregates the long data by id).
    const cnt = new Int32Array(n);
    rowIdx.forEach((r) => {
      const e = entOfUnit[rowUnit[r]];
      entWeight[e] += wRow ? wRow[r] : 1;
      cnt[e]++;
    });
    for (let e = 0; e < n; e++) entWeight[e] /= cnt[e];
  }
  return {
    mode,
    periods,
    groups,
    n,
    nObs,
    k,
    covariateNames: covs.map((c) => c.name),
    entGroup,
    entGroupAgg,
    entWeight,
    entCluster,
    entId,
    nOutcomes: ys.length,
    yByPeriod: null,
    wByPeriod: null,
    wUnit: null,
    xUnit: null,
    xByPeriod: null,
    rows,
    warnings,
  };
}
