/**
 * Numbers as printed in the report, per language:
 *
 *   sv  "1 014,2"   "−0,0456"   "59 %"     decimal comma, U+00A0 no-break space between
 *                                          groups of three, U+2212 minus, "NBSP%"
 *   en  "1,014.2"   "−0.0456"   "59%"      decimal point, comma between groups
 *
 * - Group separator U+00A0: the Swedish style (and what Intl 'sv-SE' prints), renders in
 *   every font including the PDF's, and never breaks a number across lines (a thin space
 *   U+2009 may break; the narrow U+202F is missing from many fonts).
 * - Minus U+2212 in both languages: the typographic minus, as wide as a digit and "+",
 *   so signed columns line up; one rule for both languages.
 * - A value that rounds to zero prints without a sign ("0,0", not "−0,0").
 * - Decimals are fixed per cell (`NumberFormat`), chosen from the measure unit by
 *   `numberFormatFor`, never from the value alone, so a column is uniform.
 */
import type { MeasureUnit } from '../data/schema';
import type { Lang, NumberFormat } from '../report/model';

export const NBSP = '\u00a0';
export const MINUS = '\u2212';

const SEPARATORS: Record<Lang, { group: string; decimal: string; percent: string }> = {
  sv: { group: NBSP, decimal: ',', percent: `${NBSP}%` },
  en: { group: ',', decimal: '.', percent: '%' },
};

function groupThousands(digits: string, sep: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += sep;
    out += digits[i];
  }
  return out;
}

/**
 * `value` with the format's decimals (default: 0 for integers, else 2), as per cent with
 * the sign when `percent`. Throws on a non-finite number: an NA must be a Cell's `na`,
 * never a printed NaN.
 */
export function formatNumber(value: number, lang: Lang, format?: NumberFormat): string {
  if (!Number.isFinite(value)) throw new RangeError(`formatNumber: ${value} is not a finite number`);
  const decimals = format?.decimals ?? (Number.isInteger(value) ? 0 : 2);
  if (!(decimals >= 0 && decimals <= 20 && Number.isInteger(decimals))) {
    throw new RangeError(`formatNumber: decimals must be an integer 0..20, got ${decimals}`);
  }
  const sep = SEPARATORS[lang];
  const shown = format?.percent ? value * 100 : value;
  const fixed = Math.abs(shown).toFixed(decimals);
  const [intPart, fracPart] = fixed.split('.');
  const isZero = /^[0.]*$/.test(fixed);
  const sign = shown < 0 && !isZero ? MINUS : '';
  const body = groupThousands(intPart, sep.group) + (fracPart !== undefined ? sep.decimal + fracPart : '');
  return sign + body + (format?.percent ? sep.percent : '');
}

/** A share (0.59) as per cent ("59 %" / "59%"). */
export function formatPercent(share: number, lang: Lang, decimals = 0): string {
  return formatNumber(share, lang, { decimals, percent: true });
}

/**
 * What the number is: a level (a mean, a share in a descriptive or balance table) or an
 * effect (an estimate with its standard error).
 */
export type NumberRole = 'level' | 'effect';

const LEVEL_DECIMALS: Record<MeasureUnit, number> = {
  kr: 0,
  days: 1,
  months: 1,
  years: 1,
  count: 0,
  score: 2,
  extent: 2,
  share: 1,
  indicator: 1,
  code: 0,
  date: 0,
};

/**
 * The one place decimals are chosen, from the measure unit:
 * - levels: kronor whole, days/months/years one decimal, scores and extents two, shares
 *   and indicators as per cent with one decimal, counts whole;
 * - effects: kronor one decimal (R24: "1 014,2 (267,5)"); everything else three
 *   significant digits of `scale` (pass the standard error; R24: "−0,0456 (0,0168)"),
 *   three decimals when no scale is given.
 */
export function numberFormatFor(unit: MeasureUnit, role: NumberRole = 'level', scale?: number): NumberFormat {
  if (role === 'level') {
    const decimals = LEVEL_DECIMALS[unit];
    return unit === 'share' || unit === 'indicator' ? { decimals, percent: true } : { decimals };
  }
  if (unit === 'kr') return { decimals: 1 };
  return { decimals: significantDecimals(scale, 3) };
}

/** Decimals that show `digits` significant digits of |scale| (0..6; 3 if scale is not usable). */
export function significantDecimals(scale: number | undefined, digits: number): number {
  if (scale === undefined || !Number.isFinite(scale) || scale === 0) return 3;
  const d = digits - 1 - Math.floor(Math.log10(Math.abs(scale)));
  return Math.min(6, Math.max(0, d));
}

/** Fixed formats for statistics that have no unit. */
export const P_VALUE_FORMAT: NumberFormat = { decimals: 4 };
export const T_STAT_FORMAT: NumberFormat = { decimals: 3 };
export const SMD_FORMAT: NumberFormat = { decimals: 3 };
export const RATIO_FORMAT: NumberFormat = { decimals: 3 };
export const R2_FORMAT: NumberFormat = { decimals: 3 };
export const COUNT_FORMAT: NumberFormat = { decimals: 0 };

/** Decimals of the stored value a format prints (a per-cent format prints two fewer). */
export function storedDecimals(value: number, format?: NumberFormat): number {
  const decimals = format?.decimals ?? (Number.isInteger(value) ? 0 : 2);
  return format?.percent ? decimals + 2 : decimals;
}

/**
 * The value at the precision the report prints it (0.022181 as per cent with one decimal
 * → 0.022): what numbers.json publishes, so it gives away nothing the tables do not.
 */
export function shownValue(value: number, format?: NumberFormat): number {
  const d = storedDecimals(value, format);
  // Rounded as formatNumber rounds (per cent: after × 100), so it equals the printed number.
  const printed = format?.percent ? Number((value * 100).toFixed(d - 2)) / 100 : Number(value.toFixed(d));
  const x = Number(printed.toFixed(d));
  return Object.is(x, -0) ? 0 : x;
}

/** Half the last printed digit, in the stored unit: how far a printed value may be from the true one. */
export function shownHalfUnit(value: number, format?: NumberFormat): number {
  return 0.5 * 10 ** -storedDecimals(value, format);
}
