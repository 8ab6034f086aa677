/**
 * Cell conversion: one string from the CSV to one number in a typed column, with the
 * checks of the data dictionary (required, whole numbers, range, levels, months).
 * Missing cells become NaN; a bad cell throws a CellProblem naming the record and column.
 */
import { CellProblem } from './csv';
import { formatMonth, parseMonth, PeriodKind } from './panel';
import { ColumnType } from './schema';
import { isMissingText, MAX_EXACT_ID, parseDecimal, parseIdText } from './cell-text';

/** How one column is read: the dictionary's ColumnSpec reduced to what conversion needs. */
export interface ColumnRule {
  name: string;
  type: ColumnType;
  /** Empty (or NA) cells are an error. */
  required: boolean;
  /** Inclusive bounds of the stored value (month and date columns: their codes). */
  range?: readonly [number, number];
  /** Category codes in level order; absent for a category column means: the levels found, sorted. */
  levels?: readonly string[];
  /** Constant within a unit in a unit-period file; stored once per unit. */
  perUnit?: boolean;
  /**
   * The treatment start (group): 0 means never treated and is exempt from the range; an empty
   * cell is kept as NaN for the group rule (group-rule.ts), which reads it as never treated.
   */
  zeroIsNone?: boolean;
  /** What the column is, in messages that need it (e.g. "treatment start"). */
  role?: string;
}

export interface CellConverter {
  convert(s: string, record: number): number;
  /** Level names of a category column, final after `finish`. */
  levels?: readonly string[];
  /**
   * For categories with discovered levels: sorts the levels and returns the map from the
   * index given during reading to the final index.
   */
  finish?(): Int32Array | undefined;
}

export { isMissingText };

/** Parses a decimal number (cell-text.ts); kept under its old name for the converters below. */
const toNumber = parseDecimal;

export function formatValue(type: ColumnType | PeriodKind, v: number): string {
  if (type === 'month' && v !== 0) return formatMonth(v);
  if (type === 'date') return new Date(v * 86400000).toISOString().slice(0, 10);
  return String(v);
}

function quote(s: string): string {
  return JSON.stringify(s.length > 40 ? s.slice(0, 40) + '…' : s);
}

export function makeConverter(rule: ColumnRule, decimalComma: boolean): CellConverter {
  const { name } = rule;
  const missing = (s: string, record: number): number => {
    // The group rule (group-rule.ts): an empty treatment start means never treated, like 0.
    // It stays NaN here so that the rule can count such units and say so.
    if (rule.zeroIsNone) return NaN;
    if (rule.required) {
      const what = s.trim() === '' ? 'the cell is empty' : `the cell is missing (${quote(s)})`;
      throw new CellProblem(record, name, `${what}, but the column is required`);
    }
    return NaN;
  };
  const inRange = (v: number, record: number): number => {
    const r = rule.range;
    if (r && (v < r[0] || v > r[1]) && !(rule.zeroIsNone && v === 0)) {
      throw new CellProblem(
        record,
        name,
        `the value ${formatValue(rule.type, v)} is outside the allowed range ${formatValue(rule.type, r[0])} to ${formatValue(rule.type, r[1])}`,
      );
    }
    return v;
  };

  switch (rule.type) {
    case 'id':
      return {
        convert(s, record) {
          const v = parseIdText(s);
          if (v >= 0) return inRange(v, record);
          if (v === -1) {
            throw new CellProblem(
              record,
              name,
              `the identifier ${quote(s)} has too many digits to be kept exactly (at most ${String(MAX_EXACT_ID).length - 1} digits); ` +
                'recode the identifiers (e.g. a serial number per person) before reading',
            );
          }
          if (isMissingText(s)) return missing(s, record);
          throw new CellProblem(record, name, `the identifier ${quote(s)} is not a whole number written in digits`);
        },
      };
    case 'integer':
    case 'number':
    case 'binary':
    case 'year': {
      const type = rule.type;
      return {
        convert(s, record) {
          const v = toNumber(s, decimalComma);
          if (v !== v) return isMissingText(s) ? missing(s, record) : notNumber(s, record);
          if (v - v !== 0) return notNumber(s, record);
          if (type !== 'number' && v % 1 !== 0) {
            throw new CellProblem(record, name, `the value ${quote(s)} is not a whole ${type === 'year' ? 'year' : 'number'}`);
          }
          if (type === 'binary' && v !== 0 && v !== 1) throw new CellProblem(record, name, `the value ${quote(s)} is not 0 or 1`);
          return inRange(v, record);
        },
      };
    }
    case 'month':
      return textCodes((s) => (s.trim() === '0' ? 0 : parseMonth(s)), 'a whole month (expected YYYY-MM)');
    case 'date':
      return textCodes(parseDate, 'a date (expected YYYY-MM-DD)');
    case 'category':
      return rule.levels ? fixedLevels(rule, rule.levels, missing) : foundLevels(rule, missing);
  }
  /** Months and dates: parsed once per distinct text (a column has few), then looked up. */
  function textCodes(parse: (s: string) => number, expected: string): CellConverter {
    const cache = new Map<string, number>();
    return {
      convert(s, record) {
        let v = cache.get(s);
        if (v === undefined) {
          if (isMissingText(s)) return missing(s, record);
          v = parse(s);
          if (v !== v) throw new CellProblem(record, name, `the value ${quote(s)} is not ${expected}`);
          cache.set(s, v);
        }
        return inRange(v, record);
      },
    };
  }
  function notNumber(s: string, record: number): never {
    throw new CellProblem(record, name, `the value ${quote(s)} is not a number`);
  }
}

function fixedLevels(rule: ColumnRule, codes: readonly string[], missing: (s: string, r: number) => number): CellConverter {
  const index = new Map<string, number>();
  codes.forEach((c, i) => index.set(c, i));
  return {
    levels: codes,
    convert(s, record) {
      let v = index.get(s);
      if (v === undefined) v = index.get(s.trim());
      if (v !== undefined) return v;
      if (isMissingText(s)) return missing(s, record);
      const shown = codes.length <= 12 ? codes.join(', ') : codes.slice(0, 12).join(', ') + ', …';
      throw new CellProblem(record, rule.name, `the value ${quote(s)} is not one of the levels (${shown})`);
    },
  };
}

function foundLevels(rule: ColumnRule, missing: (s: string, r: number) => number): CellConverter {
  const index = new Map<string, number>();
  const found: string[] = [];
  const conv: CellConverter = {
    levels: found,
    convert(s, record) {
      const v = index.get(s);
      if (v !== undefined) return v;
      const t = s.trim();
      if (isMissingText(t)) return missing(s, record);
      let w = index.get(t);
      if (w === undefined) {
        w = found.length;
        found.push(t);
        index.set(t, w);
      }
      index.set(s, w);
      return w;
    },
    finish() {
      // Sort so that the coding does not depend on row order: numerically when all codes are numbers.
      const numeric = found.every((c) => c.trim() !== '' && Number.isFinite(+c));
      const order = found.map((_, i) => i);
      order.sort((a, b) => (numeric ? +found[a] - +found[b] : found[a] < found[b] ? -1 : found[a] > found[b] ? 1 : 0));
      const remap = new Int32Array(found.length);
      order.forEach((old, neu) => (remap[old] = neu));
      conv.levels = order.map((i) => found[i]);
      return remap;
    },
  };
  return conv;
}

/** "YYYY-MM-DD" → days since 1970-01-01; NaN unless a real calendar date. */
export function parseDate(text: string): number {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(text);
  if (!m) return NaN;
  const y = +m[1];
  const mo = +m[2];
  const d = +m[3];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return NaN;
  return t / 86400000;
}

/** The converter of a period column: whole months, whole years, or whole numbers. */
export function makeTimeConverter(name: string, kind: PeriodKind, range?: readonly [number, number]): CellConverter {
  const cache = new Map<string, number>();
  const expected = kind === 'month' ? 'a whole month (expected YYYY-MM)' : kind === 'year' ? 'a whole year' : 'a whole number';
  return {
    convert(s, record) {
      let v = cache.get(s);
      if (v !== undefined) return v;
      if (isMissingText(s)) throw new CellProblem(record, name, 'the time is missing');
      if (kind === 'month') {
        v = parseMonth(s);
      } else {
        v = toNumber(s, false);
        const ok = v % 1 === 0 && (kind === 'year' ? v >= 1000 && v <= 9999 : Math.abs(v) <= 2 ** 31 - 1);
        if (!ok) v = NaN;
      }
      if (v !== v) throw new CellProblem(record, name, `the value ${quote(s)} is not ${expected}`);
      if (range && (v < range[0] || v > range[1])) {
        const show = (x: number) => formatValue(kind, x);
        throw new CellProblem(record, name, `the period ${show(v)} is outside the allowed range ${show(range[0])} to ${show(range[1])}`);
      }
      cache.set(s, v);
      return v;
    },
  };
}
