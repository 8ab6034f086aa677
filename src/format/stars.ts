/**
 * Significance stars as rule objects (`StarRule` of the report model). Each source report
 * keeps its own convention, and the table note is written from the same thresholds that
 * assign the stars, so the two cannot disagree:
 *
 *   R24 (ISF 2024:12): * p < 0.05, ** p < 0.01, *** p < 0.001
 *   R23 (ISF 2023:2):  * p < 0.1,  ** p < 0.05, *** p < 0.01
 *
 * A p-value earns the symbol of the smallest threshold it is strictly below.
 */
import type { Label, StarRule } from '../report/model';
import { pValueNormal } from '../stats/distributions';
import { formatNumber } from './number';

function decimalsOf(p: number): number {
  const s = String(p);
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

/** A rule from thresholds (any order); the note lists them from fewest to most stars. */
export function starRule(thresholds: readonly { p: number; stars: string }[]): StarRule {
  const sorted = [...thresholds].sort((a, b) => a.p - b.p);
  for (const t of sorted) {
    if (!(t.p > 0 && t.p < 1)) throw new RangeError(`starRule: threshold ${t.p} is not in (0, 1)`);
  }
  const noteIn = (lang: 'sv' | 'en'): string =>
    [...sorted]
      .reverse()
      .map((t) => `${t.stars} p < ${formatNumber(t.p, lang, { decimals: decimalsOf(t.p) })}`)
      .join(', ');
  const note: Label = { sv: noteIn('sv'), en: noteIn('en') };
  return { thresholds: sorted, note };
}

export const STARS_R24: StarRule = starRule([
  { p: 0.001, stars: '***' },
  { p: 0.01, stars: '**' },
  { p: 0.05, stars: '*' },
]);

export const STARS_R23: StarRule = starRule([
  { p: 0.01, stars: '***' },
  { p: 0.05, stars: '**' },
  { p: 0.1, stars: '*' },
]);

/** Stars for p under `rule`; '' for p at or above every threshold, or no p. */
export function starsFor(p: number | null | undefined, rule: StarRule): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '';
  // The smallest threshold above p, whatever order a hand-written rule lists them in.
  let best: { p: number; stars: string } | null = null;
  for (const t of rule.thresholds) if (p < t.p && (best === null || t.p < best.p)) best = t;
  return best ? best.stars : '';
}

/** Stars from an estimate and its standard error through the normal two-sided p-value. */
export function starsForEstimate(estimate: number, se: number, rule: StarRule): string {
  return starsFor(pValueNormal(estimate, se), rule);
}
