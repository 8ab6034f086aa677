/**
 * Estimates as words for the narrative (ReportText): the same numbers and formats as the
 * effect tables, so a sentence never disagrees with its table.
 */
import type { MeasureUnit } from '../data/schema';
import type { Estimate } from '../estimate/index';
import { formatNumber } from '../format/number';
import { STARS_R24 } from '../format/stars';
import type { Lang, StarRule } from '../report/model';
import { effectCell, effectRowFormat } from './effect-table';

function finite(x: number | null | undefined): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** "1 152,2 (standardfel 364,2)" / "1,152.2 (standard error 364.2)"; "–" without an estimate. */
export function estimateText(e: Estimate | null, unit: MeasureUnit, lang: Lang, rule: StarRule = STARS_R24): string {
  if (!e || !finite(e.att)) return '–';
  const format = effectRowFormat(unit, [{ estimate: e }]);
  const cell = effectCell({ estimate: e }, format, rule);
  const value = formatNumber(e.att, lang, format);
  if (!finite(cell.se)) return value;
  return `${value} (${lang === 'sv' ? 'standardfel' : 'standard error'} ${formatNumber(cell.se, lang, format)})`;
}

/** The estimate alone, in the table's format for its unit. */
export function estimateValue(e: Estimate | null, unit: MeasureUnit, lang: Lang): string {
  if (!e || !finite(e.att)) return '–';
  return formatNumber(e.att, lang, effectRowFormat(unit, [{ estimate: e }]));
}

/** Two-sided normal p-value of an estimate, or null. */
export function estimateP(e: Estimate | null): number | null {
  if (!e || !finite(e.att) || !finite(e.se)) return null;
  const cell = effectCell({ estimate: e }, { decimals: 3 }, STARS_R24);
  return finite(cell.p) ? cell.p : null;
}

/** An effect relative to a level, as whole per cent ("58 %"), or '–' when the level is 0. */
export function relativeText(effect: number | null, level: number | null, lang: Lang): string {
  if (!finite(effect) || !finite(level) || level === 0) return '–';
  return formatNumber(effect / level, lang, { decimals: 0, percent: true });
}

/** Whether the estimate differs from zero at level alpha (two-sided normal test). */
export function isSignificant(e: Estimate | null, alpha = 0.05): boolean {
  const p = estimateP(e);
  return p !== null && p < alpha;
}
