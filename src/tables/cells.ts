/**
 * Cells of descriptive comparison tables: a share or mean computed from person-level
 * values (with the persons behind it, for disclosure control), a published figure, and a
 * pair of shares printed in one cell ("59 %, 41 %").
 */
import { combinedContributors, formatNumber, valueCell } from '../format/index';
import type { Cell, NumberFormat } from '../report/model';
import type { Mask } from '../stats/mask';
import { shareOf, summarize } from '../stats/summary';

/** Shares printed as whole per cent, as the ISF comparison tables print them. */
export const PERCENT_0: NumberFormat = { decimals: 0, percent: true };

/** Share of 1s among the persons with a value (NaN = missing); n = that denominator, contributors = the 1s. */
export function shareCell(indicator: Float64Array, mask: Mask | null = null, format: NumberFormat = PERCENT_0): Cell {
  const s = shareOf(indicator, mask);
  return valueCell(s.share, { format, n: s.n, contributors: s.count });
}

/** Mean over the persons with a value; n = their number, contributors = those with a non-zero value. */
export function meanCell(values: Float64Array, mask: Mask | null = null, format: NumberFormat = { decimals: 0 }): Cell {
  const s = summarize(values, mask);
  return valueCell(s.mean, { format, n: s.n, contributors: s.nNonZero });
}

/**
 * A published figure (public statistics, not persons of our data, so no `n`): per cent
 * values are stored as shares so that every share in numbers.json is on the 0–1 scale.
 */
export function publishedCell(value: number | undefined, unit: 'percent' | 'years' | 'number', decimals = 0): Cell {
  if (value === undefined) return { value: null, na: { sv: 'uppgift saknas', en: 'not available' } };
  return unit === 'percent' ? { value: value / 100, format: { decimals, percent: true } } : { value, format: { decimals } };
}

/**
 * Two shares in one cell, printed "a, b" in each language's style. The cell's value (in
 * numbers.json) is the first share; the second is its complement or given alongside.
 * Withheld when either rests on fewer persons than disclosure control allows.
 */
export function pairCell(a: Cell, b: Cell): Cell {
  const n = Math.min(a.n ?? Infinity, b.n ?? Infinity);
  const base: Cell = { value: a.value, format: a.format };
  if (Number.isFinite(n)) base.n = n;
  // The pair is withheld when either part would be: carry the revealing part's count.
  const parts = [a.contributors, b.contributors].filter((c): c is number => c !== undefined);
  if (parts.length > 0) base.contributors = combinedContributors(parts);
  if (a.value === null || b.value === null) return { ...base, value: null, na: a.na ?? b.na };
  const text = (lang: 'sv' | 'en') => `${formatNumber(a.value as number, lang, a.format)}, ${formatNumber(b.value as number, lang, b.format)}`;
  return { ...base, text: { sv: text('sv'), en: text('en') } };
}
