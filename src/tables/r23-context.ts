/**
 * R23's published context (data-public/): the teams of Table B1 and the values its text
 * states for Figures 1, 2 and B3, in the shapes the builders take. Notebooks reach
 * data-public through here, since they import the library root-relative (./src/...).
 */
import { readPublicAnchors, readPublicText } from '../../data-public/index';
import type { Anchor } from '../figures/published-anchors';
import { teamOverviewRows, type TeamOverviewRow } from './team-overview';

/** R23 Table B1's rows (data-public/r23-b1-teams.csv). */
export function r23TeamOverview(): TeamOverviewRow[] {
  return teamOverviewRows(readPublicText('r23-b1-teams'));
}

/** The values R23's text states for one figure (data-public/r23-context-anchors.csv). */
export function r23Anchors(figure: 'r23-fig-1' | 'r23-fig-2' | 'r23-fig-b3'): Anchor[] {
  return readPublicAnchors()
    .filter((a) => a.figure === figure)
    .map((a) => ({ series: { sv: a.series_sv, en: a.series_en }, yearFrom: a.year_from, yearTo: a.year_to, low: a.low, high: a.high, unit: a.unit, source: a.source }));
}
