/**
 * Malmökraften's effect tables (R23 Tables B12–B17): rows "average effect, all", "naive
 * static ATT", one row per start group G1–G5, the means on 1 January 2018 of participants
 * (MK) and controls (K), and the observations.
 *
 * - B12–B16 (`malmoEffectTable`): one outcome, the four model columns of
 *   src/models/malmokraften.ts. Column (4) has only the per-group rows; the two means span
 *   the columns. A start group whose effect the engine could not estimate prints R23's
 *   "a" ("inte har varit möjligt att testa effekten till följd av för få observationer i
 *   gruppen"); observations of column (4) are column (1)'s, as R23 reports them.
 * - B17 (`malmoOutcomeColumnsTable`): four outcomes as columns, all from the main model,
 *   with a mean per column.
 *
 * Both are laid out by `effectTable` (effect-table.ts): estimate with stars (R23: * p < 0.1,
 * ** p < 0.05, *** p < 0.01) and the standard error in parentheses; one format per row.
 */
import type { MeasureUnit } from '../data/schema';
import { STARS_R23 } from '../format/stars';
import { NA_REASONS } from '../stats/na';
import type { Cell, Column, Label, NumberFormat, ReportTable } from '../report/model';
import { gridFit, type DidFit, type DidGrid } from '../models/did-grid';
import { MALMO_COLUMN_LABELS, separateKey, type MalmoStartGroup, type PreStartMeans } from '../models/malmokraften';
import { effectTable, type EffectRow, type EffectValue } from './effect-table';

/** R23's "a": the start group's effect could not be estimated in this model (too few observations). */
export const NOT_ESTIMABLE_A: Label = { sv: 'a', en: 'a' };

export const MALMO_ROW_LABELS = {
  overall: { sv: 'Genomsnittseffekt, alla', en: 'Average effect, all' },
  naive: { sv: 'ATT (naiv effekt)', en: 'ATT (naive static effect)' },
  meanT: { sv: 'Medelvärde MK: 1 jan 2018', en: 'Mean, Malmökraften participants: 1 Jan 2018' },
  meanC: { sv: 'Medelvärde K: 1 jan 2018', en: 'Mean, control group: 1 Jan 2018' },
} as const;

export function groupRowLabel(g: MalmoStartGroup): Label {
  return { sv: `Effekt för ${g.label.sv}`, en: `Effect for ${g.label.en}` };
}

/** What one column shows: its average, naive ATT, group rows, means and observations. */
export interface MalmoColumn {
  key: string;
  label: Label;
  overall: EffectValue | null;
  naive: EffectValue | null;
  group: (g: MalmoStartGroup) => EffectValue;
  observations: number | null;
  means?: PreStartMeans;
}

const estimate = (f: DidFit, which: 'group' | 'simple'): EffectValue => ({ estimate: which === 'group' ? f.headline : f.simple, n: f.nTreated });

/** A pooled model's row for a start group: its estimate, or "a" when the engine could not estimate it. */
export function pooledGroupValue(fit: DidFit, g: MalmoStartGroup): EffectValue {
  const row = fit.group.by.find((b) => b.e === g.start);
  return row && row.att !== null && Number.isFinite(row.att) ? { estimate: row, n: row.n } : { estimate: null, na: NOT_ESTIMABLE_A, n: g.n };
}

/** A fit's headline as a group row, or "a" when it could not be estimated. */
function fitValue(f: DidFit): EffectValue {
  return f.headline.att !== null && Number.isFinite(f.headline.att) ? { estimate: f.headline, n: f.nTreated } : { estimate: null, na: NOT_ESTIMABLE_A, n: f.nTreated };
}

export function meanFormat(unit: MeasureUnit): NumberFormat {
  return unit === 'kr' ? { decimals: 0 } : { decimals: 3 };
}

const BLANK: Cell = { value: null };

function tableFrom(id: string, title: Label, unit: MeasureUnit | readonly MeasureUnit[], columns: readonly MalmoColumn[], groups: readonly MalmoStartGroup[], spanMeans: PreStartMeans | null, notes: readonly Label[]): ReportTable {
  const units = typeof unit === 'string' ? columns.map(() => unit) : unit;
  const rowUnit: MeasureUnit = units.every((u) => u === units[0]) ? units[0] : 'share';
  const effectRow = (key: string, label: Label, pick: (c: MalmoColumn) => EffectValue | null): EffectRow => ({
    kind: 'effect',
    key,
    label,
    unit: rowUnit,
    cells: columns.map((c) => pick(c) ?? { estimate: null }),
  });
  const rows: EffectRow[] = [
    effectRow('overall', MALMO_ROW_LABELS.overall, (c) => c.overall),
    effectRow('naive', MALMO_ROW_LABELS.naive, (c) => c.naive),
    ...groups.map((g) => effectRow(g.code, groupRowLabel(g), (c) => c.group(g))),
    {
      kind: 'value',
      key: 'mean_mk',
      label: MALMO_ROW_LABELS.meanT,
      format: meanFormat(units[0]),
      values: columns.map((c) => c.means?.treated ?? null),
      n: columns.map((c) => c.means?.nTreated),
    },
    {
      kind: 'value',
      key: 'mean_k',
      label: MALMO_ROW_LABELS.meanC,
      format: meanFormat(units[0]),
      values: columns.map((c) => c.means?.control ?? null),
      n: columns.map((c) => c.means?.nControl),
    },
    { kind: 'count', key: 'observations', label: { sv: 'Antal observationer', en: 'Number of observations' }, values: columns.map((c) => c.observations) },
  ];
  const table = effectTable({ id, title, columns: columns.map((c): Column => ({ key: c.key, label: c.label })), rows, stars: STARS_R23, notes });
  // Cells a column does not have are empty, not "not estimable"; means may span the columns.
  table.rows = table.rows.map((r) => {
    if (r.key === 'overall' || r.key === 'naive') {
      const has = (c: MalmoColumn) => (r.key === 'overall' ? c.overall : c.naive) !== null;
      return { ...r, cells: r.cells.map((cell, j) => (has(columns[j]) ? cell : BLANK)) };
    }
    if (spanMeans && (r.key === 'mean_mk' || r.key === 'mean_k')) {
      const treated = r.key === 'mean_mk';
      const value = treated ? spanMeans.treated : spanMeans.control;
      const n = treated ? spanMeans.nTreated : spanMeans.nControl;
      const cell: Cell = Number.isFinite(value) ? { value, format: meanFormat(units[0]), n } : { value: null, na: NA_REASONS['empty-group'], n };
      return { ...r, cells: [{ ...cell, span: columns.length }] };
    }
    return r;
  });
  return table;
}

/** R23's note on "a", when a column prints it for some start group. */
export function aNote(columns: readonly MalmoColumn[], groups: readonly MalmoStartGroup[]): Label[] {
  const hit = groups.filter((g) => columns.some((c) => c.group(g).na === NOT_ESTIMABLE_A)).map((g) => g.code);
  if (hit.length === 0) return [];
  return [
    {
      sv: `a betyder att effekten inte har kunnat skattas till följd av för få observationer i gruppen (${hit.join(', ')}).`,
      en: `a means that the effect could not be estimated because of too few observations in the group (${hit.join(', ')}).`,
    },
  ];
}

export interface MalmoEffectTableSpec {
  id: string;
  title: Label;
  outcome: string;
  unit: MeasureUnit;
  /** A grid with the pooled models m1, m2, m3 and the separate models s:G1 … s:G5 for `outcome`. */
  grid: DidGrid;
  groups: readonly MalmoStartGroup[];
  means: PreStartMeans;
  notes?: readonly Label[];
}

/** R23 Tables B12–B16. */
export function malmoEffectTable(spec: MalmoEffectTableSpec): ReportTable {
  const fit = (m: string) => gridFit(spec.grid, m, spec.outcome);
  const pooled = (key: 'm1' | 'm2' | 'm3'): MalmoColumn => ({
    key,
    label: MALMO_COLUMN_LABELS[key],
    overall: estimate(fit(key), 'group'),
    naive: estimate(fit(key), 'simple'),
    group: (g) => pooledGroupValue(fit(key), g),
    observations: fit(key).nObs,
  });
  const separate: MalmoColumn = {
    key: 'm4',
    label: MALMO_COLUMN_LABELS.m4,
    overall: null,
    naive: null,
    group: (g) => fitValue(fit(separateKey(g.code))),
    // R23 gives column (4) the observations of column (1) (B12: 1,268,542 in both): the data
    // the separate models are drawn from, not a sum over them.
    observations: fit('m1').nObs,
  };
  const columns = [pooled('m1'), pooled('m2'), pooled('m3'), separate];
  return tableFrom(spec.id, spec.title, spec.unit, columns, spec.groups, spec.means, [...(spec.notes ?? []), ...aNote(columns, spec.groups), MALMO_MODEL_NOTE]);
}

export const MALMO_MODEL_NOTE: Label = {
  sv:
    'Dubbelt robust staggered difference-in-differences (Callaway och Sant’Anna 2021 med Sant’Anna och Zhao 2020), varierande basperiod, standardfel klustrade på person. ' +
    'Kolumn 1, 3 och 4 justerar för urvalet till listorna med propensity score och utfallsregression på kvotvariablerna (kön, försörjningsstöd, funktionshinderkod, minst 450 dagar i JOB, etableringsprogrammet), ålder, dagar i JOB och på Arbetsförmedlingen vid listans datum, födelseregion och utbildning; kolumn 2 justerar inte. ' +
    'Jämförelsegruppen är de som aldrig deltog (kolumn 1, 2, 4); i kolumn 3 även de som ännu inte har börjat; i kolumn 4 de som aldrig deltog och var inskrivna i JOB under gruppens listperiod. ' +
    'Genomsnittseffekten väger startgruppernas effekter efter gruppstorlek; den naiva effekten är ett enda genomsnitt över alla månader efter start där grupper som följs längre väger tyngre. ' +
    'Medelvärdena avser alla deltagare respektive kontroller i januari 2018. Antal observationer: personmånader i skattningen; kolumn 4 anger, som i ISF:s rapport, kolumn 1:s antal.',
  en:
    "Doubly robust staggered difference-in-differences (Callaway and Sant'Anna 2021 with Sant'Anna and Zhao 2020), varying base period, standard errors clustered by person. " +
    'Columns 1, 3 and 4 adjust for the selection into the lists with a propensity score and outcome regression on the quota variables (sex, social assistance, disability code, at least 450 days in JOB, establishment programme), age, days in JOB and at Arbetsförmedlingen at the list date, region of birth and education; column 2 does not. ' +
    'The comparison group is those who never took part (columns 1, 2, 4); in column 3 also those who have not started yet; in column 4 those who never took part and were in JOB during the group’s list window. ' +
    'The average effect weights the start groups’ effects by group size; the naive effect is one average over all months after the start in which groups followed longer weigh more. ' +
    'The means are of all participants and all controls in January 2018. Observations: person-months in the estimation; column 4 gives, as in the ISF report, the number of column 1.',
};

export const MALMO_B17_NOTE: Label = {
  sv:
    'Alla kolumner: huvudmodellen, dubbelt robust staggered difference-in-differences med propensity score och utfallsregression på kvotvariablerna, ålder, dagar i JOB och på Arbetsförmedlingen vid listans datum, födelseregion och utbildning, och de som aldrig deltog som jämförelsegrupp; standardfel klustrade på person. ' +
    'Genomsnittseffekten väger startgruppernas effekter efter gruppstorlek; den naiva effekten är ett enda genomsnitt över alla perioder efter start.',
  en:
    'All columns: the main model, doubly robust staggered difference-in-differences with a propensity score and outcome regression on the quota variables, age, days in JOB and at Arbetsförmedlingen at the list date, region of birth and education, and those who never took part as the comparison group; standard errors clustered by person. ' +
    'The average effect weights the start groups’ effects by group size; the naive effect is one average over all periods after the start.',
};

export interface OutcomeColumn {
  key: string;
  label: Label;
  unit: MeasureUnit;
  /** The main model's fit (pooled persons). */
  main: DidFit;
  /** Per start group: a fit of that group alone (yearly outcomes); omitted = the main fit's group row. */
  byGroup?: (g: MalmoStartGroup) => DidFit;
  means: PreStartMeans;
}

export interface OutcomeColumnsTableSpec {
  id: string;
  title: Label;
  columns: readonly OutcomeColumn[];
  groups: readonly MalmoStartGroup[];
  notes?: readonly Label[];
}

/** R23 Table B17: outcomes as columns, the main model throughout. */
export function malmoOutcomeColumnsTable(spec: OutcomeColumnsTableSpec): ReportTable {
  const columns: MalmoColumn[] = spec.columns.map((c) => ({
    key: c.key,
    label: c.label,
    overall: estimate(c.main, 'group'),
    naive: estimate(c.main, 'simple'),
    group: (g) => (c.byGroup ? fitValue(c.byGroup(g)) : pooledGroupValue(c.main, g)),
    observations: c.main.nObs,
    means: c.means,
  }));
  return tableFrom(
    spec.id,
    spec.title,
    spec.columns.map((c) => c.unit),
    columns,
    spec.groups,
    null,
    [...(spec.notes ?? []), ...aNote(columns, spec.groups)],
  );
}

/** Helper for notebooks and tests: the fit behind a B17 yearly group row. */
export function separateFit(grid: DidGrid, outcome: string, g: MalmoStartGroup): DidFit {
  return gridFit(grid, separateKey(g.code), outcome);
}
