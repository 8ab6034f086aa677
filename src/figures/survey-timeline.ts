/**
 * R23 Figure 5: the timeline of the experiment and the survey waves, drawn from the data:
 * for each arm, the span of consent dates (= wave 1), of the first meetings and of each
 * later wave's sending dates, as a horizontal bar from the earliest to the latest date with
 * a mark at the median. The report's design (treatment: wave 1 at consent, meeting at once,
 * wave 2 six months later; control: wave 1 at consent, wave 2 before the meeting six months
 * later, wave 3 six months after that) shows in the bars' positions.
 */
import type { Label, Lang, PlotlyFigure, ReportFigure } from '../report/model';
import { LANGS } from '../report/model';

export interface TimelineBar {
  label: Label;
  /** ISO dates "YYYY-MM-DD". */
  dates: readonly string[];
  /** 'T' or 'C': colours the bar by arm. */
  arm: 'T' | 'C';
}

const COLOR = { T: '#1f4e79', C: '#c0504d' } as const;

function median(sorted: readonly string[]): string {
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

export function surveyTimelineFigure(spec: { id: string; title: Label; bars: readonly TimelineBar[]; notes?: readonly Label[] }): ReportFigure {
  const bars = spec.bars.filter((b) => b.dates.length > 0);
  if (bars.length === 0) throw new Error(`surveyTimelineFigure ${spec.id}: no dates`);
  const plotly = {} as Record<Lang, PlotlyFigure>;
  for (const lang of LANGS) {
    const data: unknown[] = [];
    for (const b of bars) {
      const d = [...b.dates].sort();
      const y = b.label[lang];
      const persons = lang === 'sv' ? 'personer' : 'persons';
      data.push({
        type: 'scatter',
        mode: 'lines',
        x: [d[0], d[d.length - 1]],
        y: [y, y],
        line: { color: COLOR[b.arm], width: 10 },
        text: [`${y}: ${d[0]} – ${d[d.length - 1]} (${d.length} ${persons})`, `${y}: ${d[0]} – ${d[d.length - 1]} (${d.length} ${persons})`],
        hovertemplate: '%{text}<extra></extra>',
        showlegend: false,
      });
      data.push({ type: 'scatter', mode: 'markers', x: [median(d)], y: [y], marker: { color: '#000', symbol: 'line-ns-open', size: 14 }, hovertemplate: `${lang === 'sv' ? 'Median' : 'Median'}: %{x}<extra></extra>`, showlegend: false });
    }
    const order = bars.map((b) => b.label[lang]);
    plotly[lang] = { data, layout: { xaxis: { type: 'date' }, yaxis: { type: 'category', categoryorder: 'array', categoryarray: [...order].reverse(), automargin: true }, height: 120 + 40 * bars.length, hovermode: 'closest' } };
  }
  const note: Label = {
    sv: 'Staplarna går från det tidigaste till det senaste datumet i data, strecket markerar medianen. Blått: behandlingsgruppen, rött: kontrollgruppen.',
    en: 'Bars run from the earliest to the latest date in the data; the tick marks the median. Blue: treatment group, red: control group.',
  };
  return { kind: 'figure', id: spec.id, title: spec.title, notes: [...(spec.notes ?? []), note], plotly };
}
