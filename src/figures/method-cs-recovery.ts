/**
 * method-cs-recovery: the Callaway–Sant'Anna event study of the simulated example (the
 * project's event-study figure: estimates with 95 % intervals, before and after the start)
 * with the true effect at each event time as a line and, for contrast, the single TWFE
 * coefficient as a flat line over the periods after the start.
 */
import type { MeasureUnit } from '../data/schema';
import { formatNumber } from '../format/number';
import type { Label, Lang, ReportFigure } from '../report/model';
import { LANGS } from '../report/model';
import { eventStudyFigure, type EventPoint } from './event-study';

export interface CsRecoverySpec {
  /** The dynamic aggregation's rows (aggte type "dynamic" `by`). */
  rows: readonly EventPoint[];
  /** The true effect at each event time shown. */
  truth: (e: number) => number;
  /** The TWFE coefficient, drawn over e ≥ 0; omit to leave it out. */
  twfe?: number;
  yTitle: Label;
  unit: MeasureUnit;
  notes?: Label[];
}

export const TRUTH_COLOR = '#e69f00';
export const TWFE_COLOR = '#222222';

const WORDS = {
  title: { sv: 'Callaway–Sant’Anna återskapar de sanna effekterna i det simulerade exemplet', en: 'Callaway–Sant’Anna recovers the true effects in the simulated example' },
  x: { sv: 'Månader i förhållande till start (0 = första behandlade månaden)', en: 'Months relative to the start (0 = first treated month)' },
  pre: { sv: 'CS före start', en: 'CS before the start' },
  post: { sv: 'CS från start', en: 'CS from the start' },
  truth: { sv: 'Sann effekt', en: 'True effect' },
  twfe: { sv: 'TWFE-koefficienten', en: 'TWFE coefficient' },
  note: {
    sv:
      'Punkterna är Callaway–Sant’Annas skattningar för varje månad i förhållande till start (röda före, blå från start), strecken 95 %-konfidensintervall. ' +
      'Den heldragna linjen är den sanna genomsnittliga effekten vid varje tidpunkt (noll före start), med de simulerade gruppstorlekarna som vikter; ' +
      'den prickade linjen är TWFE-koefficienten och den streckade linjen markerar noll.',
    en:
      'Points are the Callaway–Sant’Anna estimates for each month relative to the start (red before, blue from the start), bars 95% confidence intervals. ' +
      'The solid line is the true average effect at each time (zero before the start), weighted by the simulated group sizes; ' +
      'the dotted line is the TWFE coefficient and the dashed line marks zero.',
  },
} satisfies Record<string, Label>;

export function csRecoveryFigure(spec: CsRecoverySpec): ReportFigure {
  const base = eventStudyFigure({
    id: 'method-cs-recovery',
    title: WORDS.title,
    panels: [{ rows: spec.rows, yTitle: spec.yTitle, unit: spec.unit }],
    xTitle: WORDS.x,
    preName: WORDS.pre,
    postName: WORDS.post,
  });
  // The event-study builder's own note describes the report's meeting months; this figure has its own marks.
  base.notes = [...(spec.notes ?? []), WORDS.note];
  const es = spec.rows.map((r) => r.e);
  const lo = Math.min(...es);
  const hi = Math.max(...es);
  const events = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  for (const lang of LANGS) {
    const fig = base.plotly[lang as Lang];
    fig.data.push({
      type: 'scatter',
      mode: 'lines',
      name: WORDS.truth[lang],
      x: events,
      y: events.map((e) => spec.truth(e)),
      line: { color: TRUTH_COLOR, width: 2, shape: 'linear' },
      hoverinfo: 'skip',
    });
    if (spec.twfe !== undefined && Number.isFinite(spec.twfe)) {
      const post = events.filter((e) => e >= 0);
      fig.data.push({
        type: 'scatter',
        mode: 'lines',
        name: `${WORDS.twfe[lang]} (${formatNumber(spec.twfe, lang, { decimals: 2 })})`,
        x: post,
        y: post.map(() => spec.twfe),
        line: { color: TWFE_COLOR, width: 1.5, dash: 'dot' },
        hoverinfo: 'skip',
      });
    }
    const xaxis = (fig.layout.xaxis ?? {}) as Record<string, unknown>;
    fig.layout.xaxis = { ...xaxis, dtick: hi - lo > 24 ? 5 : 1 };
  }
  return base;
}
