/**
 * R23 Table B1: overview of the team activities in the survey evaluation (association,
 * team, period in the evaluation, target group), a text table from the report, read from
 * data-public/r23-b1-teams.csv by the notebook and laid out here: one header row per
 * association, one row per team.
 */
import type { Label, ReportTable, Row } from '../report/model';

export interface TeamOverviewRow {
  association: string;
  team: string;
  period: Label;
  /** Empty when the report names no particular target group. */
  target: Label;
  source: string;
}

/** Rows of readPublicText('r23-b1-teams') as typed rows. */
export function teamOverviewRows(raw: readonly Record<string, string>[]): TeamOverviewRow[] {
  return raw.map((r, i) => {
    for (const k of ['association', 'team', 'period_sv', 'period_en', 'target_sv', 'target_en', 'source']) {
      if (r[k] === undefined) throw new Error(`r23-b1-teams, row ${i + 1}: no column "${k}"`);
    }
    return { association: r.association, team: r.team, period: { sv: r.period_sv, en: r.period_en }, target: { sv: r.target_sv, en: r.target_en }, source: r.source };
  });
}

export function teamOverviewTable(rows: readonly TeamOverviewRow[], id = 'r23-tab-b1'): ReportTable {
  const out: Row[] = [];
  let last = '';
  for (const r of rows) {
    if (r.association !== last) {
      out.push({ key: `assoc_${out.length}`, label: { sv: r.association, en: r.association }, header: true, cells: [] });
      last = r.association;
    }
    out.push({
      key: `team_${out.length}`,
      label: { sv: r.team, en: r.team },
      cells: [
        { value: null, text: r.period },
        { value: null, text: r.target.sv ? r.target : { sv: '–', en: '–' } },
      ],
    });
  }
  return {
    kind: 'table',
    id,
    title: { sv: 'Översikt av den teamverksamhet som ingått i utvärderingen', en: 'Overview of the team activities in the evaluation' },
    stub: { sv: 'Teamverksamhet', en: 'Team activity' },
    columns: [
      { key: 'period', label: { sv: 'Period i utvärderingen', en: 'Period in the evaluation' } },
      { key: 'target', label: { sv: 'Målgrupp', en: 'Target group' } },
    ],
    rows: out,
    notes: [
      {
        sv: 'Källa: ISF:s rapport 2023:2, bilaga 1, tabell B1 (data-public/r23-b1-teams.csv). HT = hösttermin, VT = vårtermin; "–" = ingen särskild målgrupp anges.',
        en: 'Source: the ISF report 2023:2, appendix 1, Table B1 (data-public/r23-b1-teams.csv). "–" = no particular target group given.',
      },
    ],
  };
}
