/**
 * Counts of persons per calendar month as grouped bars, one series per group: R24 Figure 1
 * (asked persons who consented and who declined, by month of asking).
 *
 * Disclosure control applies as in tables: a bar resting on fewer than 5 persons is not
 * drawn, its hover text says "..", and the figure gets the usual note.
 *
 *   monthlyCountsFigure({ id, title, months, series: [{ name, counts }], yTitle })
 */
import { formatMonth } from '../data/panel';
import { MIN_PERSONS, SUPPRESSION_NOTE } from '../format/index';
import type { Label, Lang, PlotlyFigure, ReportFigure } from '../report/model';

export interface MonthlySeries {
  name: Label;
  /** Persons per month, aligned with `months`. */
  counts: readonly number[];
}

export interface MonthlyCountsSpec {
  id: string;
  title: Label;
  /** Month codes (monthCode), ascending. */
  months: readonly number[];
  series: readonly MonthlySeries[];
  yTitle: Label;
  notes?: readonly Label[];
}

/** Persons per month of a unit-level month column, for each month in [first, last]; NaN and other months are skipped. */
export function countByMonth(month: ArrayLike<number>, first: number, last: number, mask?: ArrayLike<number>): number[] {
  const counts = new Array<number>(last - first + 1).fill(0);
  for (let i = 0; i < month.length; i++) {
    if (mask && !mask[i]) continue;
    const k = month[i] - first;
    if (k >= 0 && k < counts.length) counts[k]++;
  }
  return counts;
}

const withheld = (n: number) => n < MIN_PERSONS;

function figureIn(spec: MonthlyCountsSpec, lang: Lang): PlotlyFigure {
  const x = spec.months.map((m) => formatMonth(m));
  const data = spec.series.map((s) => ({
    type: 'bar',
    name: s.name[lang],
    x,
    y: s.counts.map((n) => (withheld(n) ? null : n)),
    customdata: s.counts.map((n) => (withheld(n) ? '..' : String(n))),
    hovertemplate: `%{x|%b %Y}: %{customdata}<extra>${s.name[lang]}</extra>`,
  }));
  return {
    data,
    layout: {
      barmode: 'group',
      bargap: 0.2,
      // A tick every third month from the first, at the month's first day where its bars are centred.
      xaxis: { type: 'date', tickformat: '%b<br>%Y', dtick: 'M3', tick0: x[0] },
      yaxis: { title: { text: spec.yTitle[lang] }, rangemode: 'tozero' },
    },
  };
}

export function monthlyCountsFigure(spec: MonthlyCountsSpec): ReportFigure {
  for (const s of spec.series) {
    if (s.counts.length !== spec.months.length) {
      throw new RangeError(`monthlyCountsFigure ${spec.id}: series "${s.name.en}" has ${s.counts.length} counts for ${spec.months.length} months`);
    }
  }
  const anyWithheld = spec.series.some((s) => s.counts.some(withheld));
  return {
    kind: 'figure',
    id: spec.id,
    title: spec.title,
    notes: [...(spec.notes ?? []), ...(anyWithheld ? [SUPPRESSION_NOTE] : [])],
    plotly: { sv: figureIn(spec, 'sv'), en: figureIn(spec, 'en') },
  };
}
