/**
 * Where each report item comes from in the ISF reports: the `source` of every id in the
 * shared catalog (spec/catalog.json: R24 = ISF 2024:12, R23 = ISF 2023:2), so that a caption
 * can name the original ("Tabell 3.1 (R24 tabell 1)") and the report's own numbering never
 * hides which ISF table or figure a reader should compare with. Copied from the catalog;
 * test/report/sources.test.ts checks it against the test fixture copy when present.
 */
import type { Label } from './model';

export const ITEM_SOURCES: Readonly<Record<string, string>> = {
  'r24-fig-1': "R24 Figur 1 / R23 Figur 3",
  'r24-referrals': "R24 section 2.5",
  'r24-tab-b1': "R24 Tabell B1",
  'r24-tab-b2': "R24 Tabell B2",
  'r24-tab-b3': "R24 Tabell B3",
  'r24-tab-b4': "R24 Tabell B4",
  'r24-tab-b5': "R24 Tabell B5",
  'r24-tab-b6': "R24 Tabell B6",
  'r24-tab-b7': "R24 Tabell B7",
  'r24-tab-1': "R24 Tabell 1",
  'r24-tab-2': "R24 Tabell 2",
  'r24-tab-3': "R24 Tabell 3",
  'r24-tab-4': "R24 Tabell 4",
  'r24-tab-5': "R24 Tabell 5",
  'r24-tab-6': "R24 Tabell 6",
  'r24-tab-7': "R24 Tabell 7",
  'r24-tab-8': "R24 Tabell 8",
  'r24-tab-9': "R24 Tabell 9",
  'r24-tab-b8': "R24 Tabell B8",
  'r24-tab-b9': "R24 Tabell B9",
  'r24-tab-b10': "R24 Tabell B10",
  'r24-tab-b11': "R24 Tabell B11",
  'r24-tab-b12': "R24 Tabell B12",
  'r24-tab-b13': "R24 Tabell B13",
  'r24-tab-b14': "R24 Tabell B14",
  'r24-tab-b15': "R24 Tabell B15",
  'r24-tab-b16': "R24 Tabell B16",
  'r24-fig-2': "R24 Figur 2",
  'r24-fig-3': "R24 Figur 3",
  'r24-fig-4': "R24 Figur 4",
  'r24-fig-5': "R24 Figur 5",
  'r24-fig-6': "R24 Figur 6",
  'r24-fig-7': "R24 Figur 7",
  'r23-tab-1': "R23 Tabell 1",
  'r23-fig-4': "R23 Figur 4",
  'r23-fig-6': "R23 Figur 6 a-c",
  'r23-fig-b1': "R23 Figur B1 a-c",
  'r23-tab-b2': "R23 Tabell B2",
  'r23-tab-b3': "R23 Tabell B3",
  'r23-tab-2': "R23 Tabell 2",
  'r23-tab-b4': "R23 Tabell B4",
  'r23-tab-b5': "R23 Tabell B5",
  'r23-tab-b6': "R23 Tabell B6",
  'r23-tab-b7': "R23 Tabell B7",
  'r23-tab-b8': "R23 Tabell B8",
  'r23-tab-b9': "R23 Tabell B9",
  'r23-tab-b10': "R23 Tabell B10",
  'r23-tab-b11': "R23 Tabell B11",
  'r23-tab-b12': "R23 Tabell B12",
  'r23-tab-b13': "R23 Tabell B13",
  'r23-tab-b14': "R23 Tabell B14",
  'r23-tab-b15': "R23 Tabell B15",
  'r23-tab-b16': "R23 Tabell B16",
  'r23-tab-b17': "R23 Tabell B17",
  'r23-fig-7': "R23 Figur 7",
  'r23-fig-8': "R23 Figur 8",
  'r23-fig-9': "R23 Figur 9",
  'r23-fig-10': "R23 Figur 10",
  'r23-fig-11': "R23 Figur 11",
  'r23-fig-12': "R23 Figur 12",
  'r23-fig-13': "R23 Figur 13",
  'r23-fig-14': "R23 Figur 14",
  'r23-fig-15': "R23 Figur 15",
  'r23-fig-16': "R23 Figur 16",
  'r23-fig-b5': "R23 Figur B5",
  'r23-fig-b6': "R23 Figur B6",
  'r23-fig-b7': "R23 Figur B7",
  'r23-fig-b8': "R23 Figur B8",
  'r23-fig-b9': "R23 Figur B9",
  'r23-fig-b10': "R23 Figur B10",
  'r23-fig-1': "R23 Figur 1",
  'r23-fig-2': "R23 Figur 2",
  'r23-fig-5': "R23 Figur 5",
  'r23-tab-b1': "R23 Tabell B1",
  'r23-fig-b2': "R23 Figur B2",
  'r23-fig-b3': "R23 Figur B3",
};

/**
 * The source of a report item as a caption suffix in each language ("R24 tabell 1" /
 * "R24 Table 1"), or null for items without an ISF original (method and sensitivity items).
 */
export function itemSource(id: string): Label | null {
  const s = ITEM_SOURCES[id];
  if (s === undefined) return null;
  return {
    sv: s.replace(/\bTabell\b/g, 'tabell').replace(/\bFigur\b/g, 'figur').replace(/\bsection\b/g, 'avsnitt'),
    en: s.replace(/\bTabell\b/g, 'Table').replace(/\bFigur\b/g, 'Figure'),
  };
}
