/**
 * The start groups of a staggered design as computed text (the catalog has no table for
 * them): for each group its months of first meeting, coded start, persons (treated arm,
 * control arm) and role: estimated, or only a not-yet-treated comparison (the last group
 * when nobody is never treated).
 */
import { formatMonth, type Panel } from '../data/panel';
import type { StartGroups } from '../data/schemas/team-rct';
import { SUPPRESSED_MARK } from '../format/cell';
import { MIN_PERSONS } from '../format/disclosure';
import { formatNumber } from '../format/number';
import type { Label, Lang, ReportText } from '../report/model';

export interface StartGroupRow {
  /** 1-based group number. */
  readonly group: number;
  /** Coded start (month code): the treatment start the estimator gets. */
  readonly start: number;
  readonly firstMonth: number;
  readonly lastMonth: number;
  readonly persons: number;
  /** Persons in the treated arm and in the control arm. */
  readonly treated: number;
  readonly control: number;
  /** Only a comparison group (nobody later to compare it with). */
  readonly controlOnly: boolean;
}

/** One row per start group from the first-meeting months and the randomised arm. */
export function startGroupRows(panel: Panel, groups: StartGroups, firstMeeting = 'first_meeting_month', arm = 'arm', treatedLevel = 'T'): StartGroupRow[] {
  const fm = panel.unitCols[firstMeeting];
  const armCol = panel.unitCols[arm];
  if (!fm || !armCol) throw new Error(`startGroupRows: the panel needs the per-unit columns "${firstMeeting}" and "${arm}"`);
  if (groups.group.length !== panel.nUnits) throw new Error(`startGroupRows: ${groups.group.length} group codes for ${panel.nUnits} units`);
  const t = (panel.levels[arm] ?? []).indexOf(treatedLevel);
  const k = groups.groupStart.length;
  return Array.from({ length: k }, (_, g) => {
    let first = Infinity;
    let last = -Infinity;
    let treated = 0;
    let control = 0;
    for (let u = 0; u < panel.nUnits; u++) {
      if (groups.group[u] !== g) continue;
      first = Math.min(first, fm[u]);
      last = Math.max(last, fm[u]);
      if (armCol[u] === t) treated++;
      else control++;
    }
    return { group: g + 1, start: groups.groupStart[g], firstMonth: first, lastMonth: last, persons: groups.size[g], treated, control, controlOnly: g === k - 1 };
  });
}

const HEAD: Record<Lang, string[]> = {
  sv: ['Startgrupp', 'Första möte', 'Kodad start', 'Personer', 'varav behandling', 'varav kontroll', 'Roll'],
  en: ['Start group', 'First meeting', 'Coded start', 'Persons', 'of which treatment', 'of which control', 'Role'],
};
const ROLE: Record<'estimated' | 'control', Label> = {
  estimated: { sv: 'effekt skattas', en: 'effect estimated' },
  control: { sv: 'endast jämförelse', en: 'comparison only' },
};

const WITHHELD_NOTE: Label = {
  sv: `.. = antalet redovisas inte eftersom det är färre än ${MIN_PERSONS} personer (eller skulle kunna räknas fram ur gruppens summa).`,
  en: `.. = not shown because it is fewer than ${MIN_PERSONS} persons (or could be worked out from the group's total).`,
};

function markdown(rows: readonly StartGroupRow[], lang: Lang, intro: Label | undefined): string {
  // Counts under MIN_PERSONS are withheld as in the tables (".."); when one arm is, the
  // other is too, since the group total beside them would give it away.
  const n = (x: number): string => formatNumber(x, lang, { decimals: 0 });
  const lines = [`| ${HEAD[lang].join(' | ')} |`, `|${HEAD[lang].map((_, i) => (i === 0 || i === 1 || i === 2 || i === 6 ? ':--' : '--:')).join('|')}|`];
  let withheld = false;
  for (const r of rows) {
    const span = r.firstMonth === r.lastMonth ? formatMonth(r.firstMonth) : `${formatMonth(r.firstMonth)} – ${formatMonth(r.lastMonth)}`;
    const smallGroup = r.persons < MIN_PERSONS;
    const smallArm = smallGroup || r.treated < MIN_PERSONS || r.control < MIN_PERSONS;
    withheld ||= smallArm;
    const persons = smallGroup ? SUPPRESSED_MARK : n(r.persons);
    const [treated, control] = smallArm ? [SUPPRESSED_MARK, SUPPRESSED_MARK] : [n(r.treated), n(r.control)];
    lines.push(`| ${r.group} | ${span} | ${formatMonth(r.start)} | ${persons} | ${treated} | ${control} | ${(r.controlOnly ? ROLE.control : ROLE.estimated)[lang]} |`);
  }
  const table = lines.join('\n') + (withheld ? `\n\n${WITHHELD_NOTE[lang]}` : '');
  return (intro ? `${intro[lang]}\n\n` : '') + table;
}

/** The start groups as a markdown table in both languages, optionally after a sentence. */
export function startGroupsText(rows: readonly StartGroupRow[], intro?: Label): ReportText {
  return { kind: 'text', markdown: { sv: markdown(rows, 'sv', intro), en: markdown(rows, 'en', intro) } };
}
