/**
 * How one cell's text becomes a value, whatever the reader: the missing-value tokens, what
 * counts as a number (decimal notation only), the decimal comma, and identifiers. A reader
 * that gets text (CSV; Parquet columns cast to text) calls these through the converters of
 * convert.ts; the table is in src/data/README.md ("Reading rules").
 */

/** Cell texts read as missing. "." is Stata's and SAS's missing value. */
const MISSING = new Set(['', 'NA', 'NaN', 'nan', 'NULL', 'null', '.', 'N/A']);

export function isMissingText(s: string): boolean {
  return MISSING.has(s) || MISSING.has(s.trim());
}

/**
 * True when every character could belong to a decimal number ("-1.5e3", " 12 "). JavaScript's
 * Number() also takes 0x10, 0b11, 0o7 and Infinity; those contain other letters, so this one
 * pass (no regular expression on the hot path) is enough once Number() has parsed the text.
 */
function decimalChars(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // 0-9 . + - e E space tab
    if ((c >= 48 && c <= 57) || c === 46 || c === 43 || c === 45 || c === 101 || c === 69 || c === 32 || c === 9) continue;
    return false;
  }
  return true;
}

/**
 * Parses a number written in decimal notation; NaN when the text is not one (a blank cell
 * is missing, never 0; 0x10 is not 16). Decimal commas ("8,46") only when `decimalComma`,
 * which readers set when the field separator is not a comma.
 */
export function parseDecimal(s: string, decimalComma: boolean): number {
  const v = +s;
  if (v === v) {
    // +'' and +'  ' are 0: those cells are empty, not zero.
    if (v === 0 && (s.length === 0 || (s.charCodeAt(0) <= 32 && s.trim() === ''))) return NaN;
    if (!decimalChars(s)) return NaN;
    return v;
  }
  if (decimalComma && s.indexOf(',') !== -1 && s.indexOf(',') === s.lastIndexOf(',')) {
    const t = s.replace(',', '.');
    return decimalChars(t) ? +t : NaN;
  }
  return NaN;
}

/** The largest identifier kept exactly: 2^53 − 1 (15 digits are always safe). */
export const MAX_EXACT_ID = Number.MAX_SAFE_INTEGER;

/**
 * An identifier: digits only (no sign, decimals or exponent), kept exactly. Returns the
 * number, NaN for text that is not an identifier, or -1 for one too long to hold exactly
 * (a 19-digit register number would be rounded and could merge two persons).
 */
export function parseIdText(s: string): number {
  let t = s;
  if (t.length === 0 || t.charCodeAt(0) <= 32 || t.charCodeAt(t.length - 1) <= 32) t = t.trim();
  if (t.length === 0) return NaN;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) return NaN;
  }
  const v = +t;
  return v <= MAX_EXACT_ID ? v : -1;
}
