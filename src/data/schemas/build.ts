/**
 * Small builders for writing data dictionaries compactly. A dictionary is plain data
 * (StudySchema); these only save repeating the same label and range boilerplate.
 */
import type { ColumnSpec, Label, Level, MeasureUnit } from '../schema';

export function label(sv: string, en: string): Label {
  return { sv, en };
}

/** Common extras of a column: bounds, levels, optional, constant within unit. */
export interface ColumnExtras {
  range?: readonly [number, number];
  levels?: readonly Level[];
  required?: boolean;
  perUnit?: boolean;
}

type Text = readonly [sv: string, en: string];

function spec(
  name: string,
  type: ColumnSpec['type'],
  unit: MeasureUnit,
  lab: Text,
  desc: Text,
  extras: ColumnExtras = {},
): ColumnSpec {
  const c: ColumnSpec = {
    name,
    type,
    unit,
    label: label(lab[0], lab[1]),
    description: label(desc[0], desc[1]),
  };
  if (extras.range) c.range = extras.range;
  if (extras.levels) c.levels = extras.levels;
  if (extras.required === false) c.required = false;
  if (extras.perUnit) c.perUnit = true;
  return c;
}

export const MAX_MONTHLY_KR = 1_000_000;
export const MAX_YEARLY_KR = 10_000_000;

export const col = {
  id: (name: string, lab: Text, desc: Text): ColumnSpec => spec(name, 'id', 'code', lab, desc, { range: [0, 2 ** 31 - 1] }),
  month: (name: string, lab: Text, desc: Text, extras?: ColumnExtras): ColumnSpec => spec(name, 'month', 'months', lab, desc, extras),
  year: (name: string, lab: Text, desc: Text, extras?: ColumnExtras): ColumnSpec => spec(name, 'year', 'years', lab, desc, extras),
  date: (name: string, lab: Text, desc: Text, extras?: ColumnExtras): ColumnSpec => spec(name, 'date', 'date', lab, desc, extras),
  /** 0/1 indicator. */
  binary: (name: string, lab: Text, desc: Text, extras?: ColumnExtras): ColumnSpec =>
    spec(name, 'binary', 'indicator', lab, desc, { range: [0, 1], ...extras }),
  category: (name: string, lab: Text, desc: Text, levels: readonly Level[], extras?: ColumnExtras): ColumnSpec =>
    spec(name, 'category', 'code', lab, desc, { ...extras, levels }),
  /** Kronor per month, non-negative. */
  krMonth: (name: string, lab: Text, desc: Text, extras?: ColumnExtras): ColumnSpec =>
    spec(name, 'number', 'kr', lab, desc, { range: [0, MAX_MONTHLY_KR], ...extras }),
  /** Kronor per year; may be negative where the register allows (e.g. disposable income). */
  krYear: (name: string, lab: Text, desc: Text, extras?: ColumnExtras): ColumnSpec =>
    spec(name, 'number', 'kr', lab, desc, { range: [0, MAX_YEARLY_KR], ...extras }),
  /** Days within a month (0..31); fractional where net days are scaled by extent. */
  daysMonth: (name: string, lab: Text, desc: Text, extras?: ColumnExtras): ColumnSpec =>
    spec(name, 'number', 'days', lab, desc, { range: [0, 31], ...extras }),
  days: (name: string, lab: Text, desc: Text, extras?: ColumnExtras): ColumnSpec =>
    spec(name, 'integer', 'days', lab, desc, extras),
  share: (name: string, lab: Text, desc: Text, extras?: ColumnExtras): ColumnSpec =>
    spec(name, 'number', 'share', lab, desc, { range: [0, 1], ...extras }),
  extent: (name: string, lab: Text, desc: Text, extras?: ColumnExtras): ColumnSpec =>
    spec(name, 'number', 'extent', lab, desc, { range: [0, 1], ...extras }),
  score: (name: string, lab: Text, desc: Text, range: readonly [number, number], extras?: ColumnExtras): ColumnSpec =>
    spec(name, 'integer', 'score', lab, desc, { ...extras, range }),
  integer: (name: string, unit: MeasureUnit, lab: Text, desc: Text, extras?: ColumnExtras): ColumnSpec =>
    spec(name, 'integer', unit, lab, desc, extras),
};

export function levels(...items: readonly (readonly [code: string, sv: string, en: string])[]): Level[] {
  return items.map(([code, sv, en]) => ({ code, label: label(sv, en) }));
}
