/**
 * Words of the report itself (title page, table of contents, captions, toggles), in both
 * languages. Narrative and table labels live in the notebooks and builders; this is the frame.
 */
import type { Label, Lang } from '../i18n/label';

export const REPORT_TEXT = {
  title: {
    sv: 'Samordnat stöd i rehabiliteringsteam',
    en: 'Coordinated support in rehabilitation teams',
  },
  subtitle: {
    sv: 'Reproducerbara analyser av Inspektionen för socialförsäkringens utvärderingar 2023:2 och 2024:12',
    en: 'Reproducible analyses of the Swedish Social Insurance Inspectorate’s evaluations 2023:2 and 2024:12',
  },
  version: { sv: 'Version', en: 'Version' },
  date: { sv: 'Datum', en: 'Date' },
  data: { sv: 'Data', en: 'Data' },
  commit: { sv: 'Källkod (git)', en: 'Source code (git)' },
  uncommitted: { sv: 'med ändringar som inte är incheckade', en: 'with uncommitted changes' },
  syntheticData: {
    sv: 'Syntetiska data med registerdatas struktur – inga verkliga personer',
    en: 'Synthetic data with the structure of the register data – no real persons',
  },
  realData: { sv: 'Registerdata', en: 'Register data' },
  realDataUnlabelled: { sv: 'Registerdata (ingen beteckning angiven)', en: 'Register data (no label given)' },
  seed: { sv: 'frö', en: 'seed' },
  contents: { sv: 'Innehåll', en: 'Contents' },
  table: { sv: 'Tabell', en: 'Table' },
  figure: { sv: 'Figur', en: 'Figure' },
  note: { sv: 'Anm.', en: 'Note' },
  code: { sv: 'Kod', en: 'Code' },
  cell: { sv: 'cell', en: 'cell' },
  showAllCode: { sv: 'Visa all kod', en: 'Show all code' },
  hideAllCode: { sv: 'Dölj all kod', en: 'Hide all code' },
  skipToContent: { sv: 'Hoppa till rapporten', en: 'Skip to the report' },
  figureData: { sv: 'Siffrorna i figuren', en: 'The numbers in the figure' },
  page: { sv: 'Sida', en: 'Page' },
  of: { sv: 'av', en: 'of' },
  otherLanguage: { sv: 'In English', en: 'På svenska' },
  versions: { sv: 'Versioner av rapporten', en: 'Report versions' },
  created: { sv: 'Skapad', en: 'Created' },
  fingerprint: { sv: 'Datafingeravtryck', en: 'Data fingerprint' },
  files: { sv: 'Filer', en: 'Files' },
} satisfies Record<string, Label>;

export type ReportTextKey = keyof typeof REPORT_TEXT;

export function t(key: ReportTextKey, lang: Lang): string {
  return REPORT_TEXT[key][lang];
}

/** "3 februari 2025" / "3 February 2025". */
export function longDate(date: Date, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}
