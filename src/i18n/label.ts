/**
 * The two languages of the report and a text in both. The lowest layer: statistics,
 * models, tables and the render all label what they produce with these, so they live
 * here rather than in the report model (a lower layer never imports a higher one).
 */
export type Lang = 'sv' | 'en';
export const LANGS: readonly Lang[] = ['sv', 'en'];

export interface Label {
  sv: string;
  en: string;
}
