/**
 * R24 Figures 2–7: event studies of the team RCT (Model 1 by default), built with
 * eventStudyFigure from the dynamic aggregation of a DidGrid of TEAM_RCT_MODELS.
 */
import type { DidGrid } from '../models/did-grid';
import { gridFit } from '../models/did-grid';
import { outcomeUnit } from '../models/team-rct';
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

/** R24 Figures 2–7: the event studies of Model 1 (or another model of the grid). */
export function teamRctEventFigures(grid: DidGrid, model = 'm1'): ReportFigure[] {
  const { minE, maxE } = grid.settings.event;
  const m = grid.models.find((x) => x.key === model);
  const note = L(
    `${m ? m.label.sv : model}. Effekterna per månad kommer från den dynamiska aggregeringen av gruppernas effekter; i webbversionen av rapporten visar muspekaren över en punkt antalet personer bakom den.`,
    `${m ? m.label.en : model}. The monthly effects come from the dynamic aggregation of the groups' effects; in the web version of the report, pointing at a point shows the number of persons behind it.`,
  );
  return TEAM_RCT_EVENT_FIGURES.map((f) => {
    const panels: EventPanel[] = f.panels.map((p) => ({
      rows: gridFit(grid, model, p.y).dynamic.by,
      yTitle: p.yTitle,
      unit: outcomeUnit(p.y),
      ...(p.title ? { title: p.title } : {}),
    }));
    return eventStudyFigure({ id: f.id, title: f.title, panels, minE, maxE, notes: [note] });
  });
}
