/**
 * `show(item)`: the one call a notebook cell makes to put a table, figure or text into
 * the report.
 *
 * In a tslab kernel it sends one display_data message whose bundle holds the item itself
 * (read back by the render step) and a view in the display language (HTML table, plotly
 * figure, markdown) for JupyterLab. Outside a kernel (tests, command line) it prints the
 * plain-text view. The display language is `setDisplayLanguage()`, else FINSAM_LANG, else sv;
 * it only affects what JupyterLab shows, the report renders both languages from the item.
 */
import { figureNotesHtml, mimeBundle } from './bundle';
import { LANGS, type Lang, type ReportItem } from './model';
import { kernelWriter } from './kernel';
import { checkItem } from './validate';

let chosen: Lang | undefined;

function asLang(value: string, where: string): Lang {
  if ((LANGS as readonly string[]).includes(value)) return value as Lang;
  throw new Error(`${where}: unknown language "${value}" (use ${LANGS.join(' or ')})`);
}

export function setDisplayLanguage(lang: Lang): void {
  chosen = asLang(lang, 'setDisplayLanguage');
}

export function displayLanguage(): Lang {
  if (chosen) return chosen;
  const env = process.env.FINSAM_LANG;
  return env ? asLang(env, 'FINSAM_LANG') : 'sv';
}

export function show(item: ReportItem): void {
  const checked = checkItem(item);
  const data = mimeBundle(checked, displayLanguage());
  const write = kernelWriter();
  if (!write) {
    process.stdout.write(`${data['text/plain']}\n`);
    return;
  }
  write({ data, metadata: {}, transient: {} }, false);
  const notes = checked.kind === 'figure' ? figureNotesHtml(checked, displayLanguage()) : null;
  if (notes) write({ data: { 'text/html': notes }, metadata: {}, transient: {} }, false);
}
