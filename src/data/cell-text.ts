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
 * Number() also reads 0x10, 0b11 and 0o7 (Infinity is refused by the converters as not
 * finite); a radix prefix needs a leading "0" and a letter, so two characters decide it
 * (no regular expression on the hot path).
 */
function radixPrefixed(s: string): boolean {
  let i = 0;
  while (i < s.length && s.charCodeAt(i) <= 32) i++;
  if (s.charCodeAt(i) !== 48 || i + 1 >= s.length) return false;
  const c = s.charCodeAt(i + 1) | 32;
  return c === 120 || c === 98 || c === 111;
}

/** Only digits, '.', '+', '-', 'e', 'E' and spaces (for the decimal-comma path, which is rare). */
function decimalChars(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
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
    if (s.charCodeAt(0) <= 48 && radixPrefixed(s)) return NaN;
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
