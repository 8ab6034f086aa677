/**
 * Values the prose quotes: periods, counts and dates computed in a notebook from the data
 * or the model definition, written into a markdown cell as `{{name}}`.
 *
 *   showValues({ panelFirst: monthLabel(first), nPersons: countLabel(n) });
 *
 * A markdown cell cannot compute, and a literal "April 2024" goes stale when the data
 * end elsewhere. The render fills every `{{name}}` of a chapter's markdown from the values
 * its cells showed (anywhere in the chapter, so an introduction can quote what a later
 * cell computes); a name no cell defines stops the render with the notebook and cell.
 * In JupyterLab the cell's output lists the values, the markdown shows `{{name}}`.
 */
import { monthOfYear, monthYear, type Panel } from '../data/panel';
import { periodWindow, type PeriodBound } from '../data/verbs/restrict-periods';
import { formatNumber } from './format-bridge';
import { displayLanguage } from './display';
import { kernelWriter } from './kernel';
import { LANGS, type Label, type Lang } from './model';

export const VALUES_MIME = 'application/vnd.finsam.values+json';
export type TextValues = Record<string, Label>;

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

const MONTHS: Record<Lang, string[]> = {
  sv: ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** "januari 2015" / "January 2015" for a month code (src/data/panel). */
export function monthLabel(code: number): Label {
  if (!Number.isInteger(code)) throw new RangeError(`monthLabel: ${code} is not a month code`);
  const m = monthOfYear(code) - 1;
  const y = monthYear(code);
  return { sv: `${MONTHS.sv[m]} ${y}`, en: `${MONTHS.en[m]} ${y}` };
}

/** A whole number with the language's thousands separator ("12 028" / "12,028"). */
export function countLabel(n: number): Label {
  return { sv: formatNumber(n, 'sv', { decimals: 0 }), en: formatNumber(n, 'en', { decimals: 0 }) };
}

/** The same text in both languages (a year, a number that needs no separator). */
export function plainLabel(text: string | number): Label {
  return { sv: String(text), en: String(text) };
}

export function checkValues(value: unknown): TextValues {
  const problems: string[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.keys(value).length === 0) {
    throw new Error('values must be an object of {sv, en} texts by name');
  }
  for (const [name, label] of Object.entries(value as Record<string, unknown>)) {
    if (!NAME.test(name)) problems.push(`value name "${name}" must start with a letter and hold letters, digits and _`);
    const l = label as Partial<Label> | null;
    for (const lang of LANGS) if (typeof l?.[lang] !== 'string' || !l[lang]) problems.push(`value "${name}" needs a non-empty ${lang} text`);
  }
  if (problems.length > 0) throw new Error(problems.join('; '));
  return value as TextValues;
}

/** Names quoted in a text, in order of appearance. */
export function quotedNames(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

/** The text with every `{{name}}` replaced; throws naming the first name not in `values`. */
export function fillValues(text: string, values: Readonly<TextValues>, lang: Lang, where: string): string {
  return text.replace(PLACEHOLDER, (_all, name: string) => {
    const v = values[name];
    if (!v) {
      const known = Object.keys(values);
      throw new Error(`${where}: the text quotes {{${name}}}, which no cell of the notebook shows (showValues)${known.length ? `; shown: ${known.join(', ')}` : ''}`);
    }
    return v[lang];
  });
}

/** Sends the values to the report (and lists them in the notebook's output). */
export function showValues(values: TextValues, lang?: Lang): void {
  const checked = checkValues(values);
  const shownLang = lang ?? displayLanguage();
  const lines = Object.entries(checked).map(([name, v]) => `{{${name}}} = ${v[shownLang]}`);
  const write = kernelWriter();
  if (!write) {
    process.stdout.write(`${lines.join('\n')}\n`);
    return;
  }
  write({ data: { [VALUES_MIME]: checked, 'text/markdown': lines.map((l) => `\`${l.replace(/ = .*/, '')}\`${l.slice(l.indexOf(' = '))}`).join('  \n'), 'text/plain': lines.join('\n') }, metadata: {}, transient: {} }, false);
}

/** First and last period present in a panel, within an optional window (a model's from/to). */
export function periodSpan(panel: Panel, from: PeriodBound = null, to: PeriodBound = null): [number, number] {
  const { lo, hi } = periodWindow(panel, from, to);
  const inside = Array.from(panel.periods).filter((t) => t >= lo && t <= hi);
  if (inside.length === 0) throw new RangeError(`periodSpan: no period of the data lies in ${from ?? '…'}–${to ?? '…'}`);
  return [inside[0], inside[inside.length - 1]];
}

const WORDS: Record<Lang, string[]> = {
  sv: ['noll', 'en', 'två', 'tre', 'fyra', 'fem', 'sex', 'sju', 'åtta', 'nio', 'tio', 'elva', 'tolv'],
  en: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'],
};

/** A count in words up to twelve ("nio" / "nine"), in digits above. */
export function countWord(n: number): Label {
  return Number.isInteger(n) && n >= 0 && n <= 12 ? { sv: WORDS.sv[n], en: WORDS.en[n] } : countLabel(n);
}
