/**
 * The data dictionary as code: what a study's files contain, column by column.
 *
 * One `StudySchema` per study (src/data/schemas/). The loader validates a directory against
 * it, the synthetic generator writes exactly these columns, and table builders take labels
 * and units from it, so a real register extract in the same schema runs unchanged.
 */
import type { CrossCheck } from './cross-checks';

export interface Label {
  sv: string;
  en: string;
}

/**
 * How a cell is written in the CSV and read into the panel:
 * - `id`: unit identifier, a non-negative integer;
 * - `integer` / `number`: numeric, NaN not allowed where required;
 * - `binary`: 0 or 1;
 * - `category`: one of `levels[].code`, stored as the level's index;
 * - `month`: "YYYY-MM" (or "YYYYMM"), stored as a month code (see panel.ts);
 * - `year`: a four-digit year;
 * - `date`: "YYYY-MM-DD", stored as days since 1970-01-01.
 */
export type ColumnType = 'id' | 'integer' | 'number' | 'binary' | 'category' | 'month' | 'year' | 'date';

/** The unit a value is measured in; it chooses decimals and labels in tables. */
export type MeasureUnit =
  | 'kr'
  | 'days'
  | 'months'
  | 'years'
  | 'share'
  | 'indicator'
  | 'count'
  | 'score'
  | 'extent'
  | 'code'
  | 'date';

export interface Level {
  /** The value as written in the CSV. */
  code: string;
  label: Label;
}

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  unit: MeasureUnit;
  label: Label;
  description: Label;
  /** Empty cells are an error unless this is false. Default true. */
  required?: boolean;
  /** Inclusive bounds for numeric columns. */
  range?: readonly [number, number];
  /** Allowed values of a category column. */
  levels?: readonly Level[];
  /**
   * In a unit-period file: the value must be the same on every row of a unit (e.g. the
   * treatment start), and the panel keeps it once per unit.
   */
  perUnit?: boolean;
}

export interface FileSpec {
  /** File name inside the study directory, e.g. "monthly.csv". */
  file: string;
  /** `unit`: one row per unit; `unit-period`: one row per unit and period. */
  level: 'unit' | 'unit-period';
  /**
   * For unit-period files: the name and kind of the period column (`integer`: a counter
   * such as a survey wave, kept as given).
   */
  time?: { column: string; kind: 'month' | 'year' | 'integer' };
  /**
   * Not part of the unit panel: read and validated on its own, not joined to the other
   * files, and its ids need not be the study's units (e.g. the recruitment log, which also
   * lists the people who declined). Default false.
   */
  auxiliary?: boolean;
  description: Label;
  columns: readonly ColumnSpec[];
  /**
   * Unit-period files: every unit of the study's unit file has at least one row here (a
   * person without monthly rows is an error, not a silently smaller sample). Default false.
   */
  complete?: boolean;
  /** Cross-column rules (src/data/cross-checks.ts), e.g. an indicator agreeing with its amount. */
  checks?: readonly CrossCheck[];
}

export interface StudySchema {
  name: string;
  label: Label;
  description: Label;
  /** Name of the unit identifier column, present in every file. */
  id: string;
  /**
   * Column with the first treated period (month or year code as in the file); 0 or empty
   * means never treated. Checked to be constant within a unit.
   */
  treatmentStart?: string;
  /**
   * Where every unit is eventually treated (the team RCT, where the control group meets the
   * team later), the unit-level column with the randomised arm and its treated code:
   * treated/control counts come from it. Without it, units with a treatment start are
   * "treated" and the others "control".
   */
  arm?: { column: string; treated: string };
  files: readonly FileSpec[];
}
