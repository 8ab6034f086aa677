/**
 * R24 Figures 2–7: event studies of the team RCT (Model 1 by default), built with
 * eventStudyFigure from the dynamic aggregation of a DidGrid of TEAM_RCT_MODELS, and for
 * Figures 3, 4, 5 (iii) and 6 of a fit of TEAM_RCT_FIGURES_2019 (R24's windows).
 */
import type { DidGrid } from '../models/did-grid';
import { gridFit } from '../models/did-grid';
import { measuredLabel, outcomeUnit } from '../models/team-rct';
import type { Label, ReportFigure } from '../report/model';
import { eventStudyFigure, type EventPanel } from './event-study';

const L = (sv: string, en: string): Label => ({ sv, en });

interface FigureLayout {
  readonly id: string;
  readonly title: Label;
  readonly panels: readonly { readonly y: string; readonly yTitle: Label; readonly title?: Label }[];
}

export const TEAM_RCT_EVENT_FIGURES: readonly FigureLayout[] = [
  {
    id: 'r24-fig-2',
    title: L('Skillnad i löneinkomst mellan dem som träffat teamet och kontrollgruppen, månad för månad', 'Difference in wage income between those who met the team and the control group, month by month'),
    panels: [{ y: 'wage_kr', yTitle: L('Kronor per månad', 'Kronor per month') }],
  },
  {
    id: 'r24-fig-3',
    title: L('Skillnad i sannolikheten att arbete är huvudsaklig inkomstkälla', 'Difference in the probability that work is the main income source'),
    panels: [{ y: 'mis_work', yTitle: L('Sannolikhet', 'Probability') }],
  },
  {
    id: 'r24-fig-4',
    title: L('Skillnad i sannolikheten att ha subventionerad anställning eller nystartsjobb', 'Difference in the probability of subsidised employment or a new-start job'),
    panels: [{ y: 'subsidised_or_newstart', yTitle: L('Sannolikhet', 'Probability') }],
  },
  {
    id: 'r24-fig-5',
    title: L('Skillnad i försörjningsstöd', 'Difference in social assistance'),
    panels: [
      { y: 'social_assistance', yTitle: L('Sannolikhet', 'Probability'), title: L('Försörjningsstöd, indikator', 'Social assistance, indicator') },
      { y: 'social_assistance_kr', yTitle: L('Kronor per månad', 'Kronor per month'), title: L('Försörjningsstöd, kronor per månad', 'Social assistance, kronor per month') },
      { y: 'mis_economic_assistance', yTitle: L('Sannolikhet', 'Probability'), title: L('Ekonomiskt stöd som huvudsaklig inkomstkälla', 'Economic assistance as main income source') },
    ],
  },
  {
    id: 'r24-fig-6',
    title: L('Skillnad i nettodagar med sjukpenning', 'Difference in net days of sickness benefit'),
    panels: [{ y: 'sickness_benefit_net_days', yTitle: L('Nettodagar per månad', 'Net days per month') }],
  },
  {
    id: 'r24-fig-7',
    title: L('Skillnad i sannolikheten att ha offentlig försörjning', 'Difference in the probability of public support'),
    panels: [{ y: 'public_support', yTitle: L('Sannolikhet', 'Probability') }],
  },
];

const MONTHS = {
  sv: ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};
/** "januari 2019" / "January 2019" for a month code. */
function monthText(code: number, lang: 'sv' | 'en'): string {
  const y = Math.floor(code / 12);
  return `${MONTHS[lang][code - 12 * y]} ${y}`;
}

/**
 * R24 Figures 2–7: the event studies of Model 1 (or another model of the grid). With
 * `grid2019` (a fit of TEAM_RCT_FIGURES_2019), the outcomes it holds are drawn from it on
 * its own window, as R24 draws Figures 3, 4, 5 (iii) and 6 (−20..+20 months, measured from
 * January 2019); without it every figure is `model` on the grid's window. Each figure's
 * note states its window and the months measured: the model's window cut to the months
 * the data hold (the fits' from/to), so an extract ending early is described as it is.
 */
export function teamRctEventFigures(grid: DidGrid, model = 'm1', grid2019?: DidGrid): ReportFigure[] {
  const source = (y: string) => (grid2019 && grid2019.outcomes.includes(y) ? { g: grid2019, m: grid2019.models[0].key } : { g: grid, m: model });
  return TEAM_RCT_EVENT_FIGURES.map((f) => {
    const parts = f.panels.map((p) => {
      const { g, m } = source(p.y);
      const fit = gridFit(g, m, p.y);
      const def = g.models.find((x) => x.key === m);
      return { p, g, fit, def };
    });
    const panels: EventPanel[] = parts.map(({ p, fit }) => ({
      rows: fit.dynamic.by,
      yTitle: p.yTitle,
      unit: outcomeUnit(p.y),
      ...(p.title ? { title: p.title } : {}),
    }));
    const minE = Math.min(...parts.map(({ g }) => g.settings.event.minE));
    const maxE = Math.max(...parts.map(({ g }) => g.settings.event.maxE));
    // One sentence per distinct (model, window): "Model 1, 40 months before to 20 months after …, measured January 2015–December 2023",
    // the months measured being the model's window cut to the data's months (the fit's from/to), not its definition.
    const seen = new Set<string>();
    const sentences: Label[] = [];
    parts.forEach(({ g, def, fit }, i) => {
      const { minE: a, maxE: b } = g.settings.event;
      const key = `${def?.key}|${a}|${b}|${fit.from}|${fit.to}`;
      if (seen.has(key)) return;
      seen.add(key);
      const same = (q: (typeof parts)[number]) => q.g === g && q.fit.from === fit.from && q.fit.to === fit.to;
      const more = parts.slice(i + 1).some(same);
      const which = parts.length > 1 ? { sv: `Panel ${i + 1}${more ? ' m.fl.' : ''}: `, en: `Panel ${i + 1}${more ? ' and others' : ''}: ` } : { sv: '', en: '' };
      // The model's name with the months measured where the data do not cover its defined years (then it already says them).
      const name = def ? measuredLabel(def, fit.from, fit.to) : { sv: model, en: model };
      const renamed = def !== undefined && name.sv !== def.label.sv;
      const measured = (lang: 'sv' | 'en') =>
        !renamed && Number.isFinite(fit.from) && Number.isFinite(fit.to) ? (lang === 'sv' ? `, mätt ${monthText(fit.from, 'sv')}–${monthText(fit.to, 'sv')}` : `, measured ${monthText(fit.from, 'en')}–${monthText(fit.to, 'en')}`) : '';
      sentences.push({
        sv: `${which.sv}${name.sv}; från ${-a} månader före till ${b} månader efter första mötet${measured('sv')}.`,
        en: `${which.en}${name.en}; from ${-a} months before to ${b} months after the first meeting${measured('en')}.`,
      });
    });
    const note = L(
      `${sentences.map((x) => x.sv).join(' ')} Effekterna per månad kommer från den dynamiska aggregeringen av gruppernas effekter; i webbversionen av rapporten visar muspekaren över en punkt antalet personer bakom den.`,
      `${sentences.map((x) => x.en).join(' ')} The monthly effects come from the dynamic aggregation of the groups' effects; in the web version of the report, pointing at a point shows the number of persons behind it.`,
    );
    return eventStudyFigure({ id: f.id, title: f.title, panels, minE, maxE, notes: [note] });
  });
}
