/**
 * The cell rules of convert.ts for values that arrive from the engine as numbers (NaN =
 * NULL), in bulk: a loop that only confirms the common case (finite, whole where required,
 * in range) and hands any other value to the CSV converter on the number's text, so the
 * rules and the words stay the CSV's. Periods go through a dense lookup table of their
 * codes instead of a Map lookup per row.
 */
import { MAX_EXACT_ID } from './cell-text';
import { CellConverter, ColumnRule, makeConverter } from './convert';

/** Whether `v` is a value the CSV converter of `rule` would return unchanged for its text. */
export function numericOk(rule: ColumnRule): (v: number) => boolean {
  const { type } = rule;
  const r = rule.range;
  const whole = type !== 'number';
  return (v) =>
    v - v === 0 &&
    (!whole || v % 1 === 0) &&
    (type !== 'binary' || v === 0 || v === 1) &&
    (type !== 'id' || (v >= 0 && v <= MAX_EXACT_ID)) &&
    (!r || (v >= r[0] && v <= r[1]) || (rule.zeroIsNone === true && v === 0)) &&
    !Object.is(v, -0);
}

/**
 * One value: a valid one is returned as is (it is what the CSV converter would return for
 * its text); an empty or suspicious one goes through the CSV converter itself, on the
 * number's text (missing and required cells, the group's empty = never treated, whole
 * numbers, 0/1, identifiers in digits and not too long, ranges).
 */
export function numericCheck(rule: ColumnRule): (v: number, record: number) => number {
  const conv = makeConverter(rule, false);
  const ok = numericOk(rule);
  return (v, record) => (ok(v) ? v : conv.convert(v !== v ? '' : String(v), record));
}

/**
 * A whole slice of a column into `out` from row `off` on. Plain numbers without a range (the
 * outcomes) get a loop without calls; every other rule the predicate. Values are checked in
 * row order, so the first one refused is the first bad row, as in the CSV reader.
 */
export function columnCheck(rule: ColumnRule): (src: Float64Array | Int32Array, out: Float64Array, off: number) => void {
  const check = numericCheck(rule);
  if (rule.type === 'number' && !rule.range) {
    return (src, out, off) => {
      for (let i = 0; i < src.length; i++) {
        const v = src[i];
        out[off + i] = v - v === 0 && (v !== 0 || 1 / v > 0) ? v : check(v, off + i);
      }
    };
  }
  const ok = numericOk(rule);
  return (src, out, off) => {
    for (let i = 0; i < src.length; i++) {
      const v = src[i];
      out[off + i] = ok(v) ? v : check(v, off + i);
    }
  };
}

const UNSET = -2147483648; // never a period code (those are within ±(2^31 - 1))
const MAX_SPAN = 1 << 20;

export interface TimeCoder {
  /** The code of one period value (row `record`), converted and checked once per distinct value. */
  one(x: number, record: number): number;
  /** A slice of period values into `out` from row `off` on, in row order. */
  into(src: Float64Array | Int32Array, out: Int32Array, off: number): void;
  /** The distinct codes returned so far (the building then needs no pass over the rows to find them). */
  codes(): Int32Array;
}

/**
 * Period codes of numeric period values: the CSV's converter on the number's text (the same
 * checks and words) once per distinct value, remembered in a dense table over the whole
 * values seen (grown up to 2^20 wide) or, beyond that, a Map.
 */
export function timeCoder(conv: CellConverter): TimeCoder {
  let base = 0;
  let table = new Int32Array(0);
  const other = new Map<number, number>();
  const seen = new Set<number>();
  const slow = (x: number, record: number): number => {
    const known = other.get(x);
    if (known !== undefined) return known;
    const code = conv.convert(x !== x ? '' : String(x), record);
    seen.add(code);
    if (x % 1 === 0 && !Object.is(x, -0)) {
      if (table.length === 0) {
        base = x - 64;
        table = new Int32Array(256).fill(UNSET);
      }
      const lo = Math.min(base, x);
      const hi = Math.max(base + table.length, x + 1);
      if (hi - lo <= MAX_SPAN && (x < base || x >= base + table.length)) {
        // Grown with room on both sides, so a run of new periods does not copy each time.
        const pad = Math.min(hi - lo, MAX_SPAN - (hi - lo)) >> 1;
        const next = new Int32Array(hi - lo + 2 * pad).fill(UNSET);
        next.set(table, base - (lo - pad));
        base = lo - pad;
        table = next;
      }
      if (x >= base && x < base + table.length) {
        table[x - base] = code;
        return code;
      }
    }
    other.set(x, code);
    return code;
  };
  const one = (x: number, record: number): number => {
    const k = x - base;
    if (k >= 0 && k < table.length && (k | 0) === k) {
      const c = table[k];
      if (c !== UNSET) return c;
    }
    return slow(x, record);
  };
  const into = (src: Float64Array | Int32Array, out: Int32Array, off: number): void => {
    let t = table;
    let b = base;
    for (let i = 0; i < src.length; i++) {
      const k = src[i] - b;
      let c = UNSET;
      if (k >= 0 && k < t.length && (k | 0) === k) c = t[k];
      if (c === UNSET) {
        c = slow(src[i], off + i);
        t = table;
        b = base;
      }
      out[off + i] = c;
    }
  };
  return { one, into, codes: () => Int32Array.from(seen) };
}
