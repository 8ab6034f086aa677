/**
 * R23 Table 2 and Table B4: the survey's two-way fixed-effects models, one column per
 * question, in one or more panels (samples) with identical rows: the treatment effect (b1
 * with stars, standard error in parentheses), the wave-1 mean, observations, R² and the
 * number of persons (= clusters).
 *
 *   surveyEffectTable({ id: 'r23-tab-2', title, columns, panels: [{ key: 'main', models }] })
 *
 * `columns[j]` labels `models[j]` of every panel; the caller orders both (Table 2 and B4
 * order questions 7 and 8 differently).
 */
import { COUNT_FORMAT, countCell, numberFormatFor, R2_FORMAT, STARS_R23, valueCell } from '../format/index';
import type { Cell, Column, Label, ReportTable, Row, StarRule } from '../report/model';
import type { SurveyModel } from '../models/team-survey';

export interface SurveyPanel {
  key: string;
  /** Panel heading (a header row), e.g. "A, sample: …"; none for a one-panel table. */
  label?: Label;
  models: readonly SurveyModel[];
  /** Label of the last row: "Number of unique individuals" (Table 2) or "Number of clusters" (B4). */
  personsLabel?: Label;
}

export interface SurveyEffectTableSpec {
  id: string;
  title: Label;
  columns: readonly Column[];
  panels: readonly SurveyPanel[];
  notes?: readonly Label[];
  rule?: StarRule;
}

export const SURVEY_ROW_LABELS = {
  effect: { sv: 'Behandlingseffekt', en: 'Treatment effect' },
  mean: { sv: 'Medelvärde (enkät 1)', en: 'Mean (wave 1)' },
  observations: { sv: 'Observationer', en: 'Observations' },
  r2: { sv: 'R² (inom person)', en: 'R² (within)' },
  persons: { sv: 'Antal unika individer', en: 'Number of unique individuals' },
  clusters: { sv: 'Antal kluster', en: 'Number of clusters' },
} as const;

function effectCell(m: SurveyModel, rule: StarRule): Cell {
  const se = m.effect.se.value;
  const format = numberFormatFor(m.sample.binary ? 'share' : 'score', 'effect', se ?? undefined);
  return valueCell(m.effect.est, { format, se: m.effect.se, p: m.effect.p, rule, n: m.persons });
}

function meanCell(m: SurveyModel): Cell {
  return valueCell(m.wave1Mean, { format: { decimals: m.sample.binary ? 3 : 2 } });
}

function panelRows(panel: SurveyPanel, width: number, rule: StarRule): Row[] {
  if (panel.models.length !== width) {
    throw new RangeError(`surveyEffectTable: panel "${panel.key}" has ${panel.models.length} models for ${width} columns`);
  }
  const k = (name: string) => `${panel.key}:${name}`;
  const rows: Row[] = [];
  if (panel.label) rows.push({ key: k('header'), label: panel.label, header: true, cells: [] });
  rows.push(
    { key: k('effect'), label: SURVEY_ROW_LABELS.effect, cells: panel.models.map((m) => effectCell(m, rule)) },
    { key: k('mean'), label: SURVEY_ROW_LABELS.mean, cells: panel.models.map(meanCell) },
    { key: k('observations'), label: SURVEY_ROW_LABELS.observations, cells: panel.models.map((m) => ({ value: m.observations, format: COUNT_FORMAT })) },
    { key: k('r2'), label: SURVEY_ROW_LABELS.r2, cells: panel.models.map((m) => valueCell(m.fit.r2Within, { format: R2_FORMAT })) },
    { key: k('persons'), label: panel.personsLabel ?? SURVEY_ROW_LABELS.persons, cells: panel.models.map((m) => countCell(m.persons)) },
  );
  return rows;
}

export function surveyEffectTable(spec: SurveyEffectTableSpec): ReportTable {
  const rule = spec.rule ?? STARS_R23;
  const rows = spec.panels.flatMap((p) => panelRows(p, spec.columns.length, rule));
  const notes: Label[] = [
    {
      sv:
        'Tvåvägs fixa effekter (person och svarsår), ekvation (1); standardfel klustrade på person inom parentes. ' +
        'Kön, utländsk bakgrund och utbildning är konstanta inom person och ålder är given av person och år, så de absorberas av de fixa effekterna. ' +
        'R² avser förklaringsgraden inom person (efter de fixa effekterna).',
      en:
        'Two-way fixed effects (person and answer year), equation (1); standard errors clustered by person in parentheses. ' +
        'Sex, foreign background and education are constant within a person and age is given by person and year, so the fixed effects absorb them. ' +
        'R² is the within-person R² (net of the fixed effects).',
    },
    ...(spec.notes ?? []),
    rule.note,
  ];
  return { kind: 'table', id: spec.id, title: spec.title, columns: [...spec.columns], rows, notes };
}
