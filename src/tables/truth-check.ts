/**
 * Estimates next to a known truth (synthetic data): a markdown table per language with the
 * estimate, its standard error, the truth and the distance in standard errors. Not a
 * catalog table: it documents that the estimator recovers what the generator put in.
 */
import type { MeasureUnit } from '../data/schema';
import type { Estimate } from '../estimate/index';
import { formatNumber } from '../format/number';
import type { Label, Lang, ReportText } from '../report/model';
import { effectRowFormat } from './effect-table';

export interface TruthRow {
  readonly label: Label;
  readonly unit: MeasureUnit;
  readonly estimate: Estimate | null;
  readonly truth: number;
}

const HEAD: Record<Lang, string[]> = {
  sv: ['Utfall', 'Skattning', 'Standardfel', 'Sann effekt', 'Avvikelse i standardfel'],
  en: ['Outcome', 'Estimate', 'Standard error', 'True effect', 'Deviation in standard errors'],
};

/** (estimate − truth) / SE, or null. */
export function truthDeviation(r: TruthRow): number | null {
  const e = r.estimate;
  if (!e || e.att === null || e.se === null || !(e.se > 0)) return null;
  return (e.att - r.truth) / e.se;
}

function table(rows: readonly TruthRow[], lang: Lang): string {
  const lines = [`| ${HEAD[lang].join(' | ')} |`, '|:--|--:|--:|--:|--:|'];
  for (const r of rows) {
    const f = effectRowFormat(r.unit, [{ estimate: r.estimate }]);
    const num = (x: number | null | undefined) => (typeof x === 'number' && Number.isFinite(x) ? formatNumber(x, lang, f) : '–');
    const z = truthDeviation(r);
    lines.push(`| ${r.label[lang]} | ${num(r.estimate?.att)} | ${num(r.estimate?.se)} | ${num(r.truth)} | ${z === null ? '–' : formatNumber(z, lang, { decimals: 2 })} |`);
  }
  return lines.join('\n');
}

export function truthCheckText(rows: readonly TruthRow[], intro?: Label): ReportText {
  const md = (lang: Lang) => (intro ? `${intro[lang]}\n\n` : '') + table(rows, lang);
  return { kind: 'text', markdown: { sv: md('sv'), en: md('en') } };
}
