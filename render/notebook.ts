/**
 * An executed notebook read back as a chapter: markdown per language, code with its
 * printed output (shown under a toggle), and the items `show()` sent, in cell order.
 * Only the `application/vnd.finsam.item+json` part of a display is read; nothing is
 * parsed from HTML.
 */
import * as path from 'node:path';
import { ITEM_MIME, LANGS, type Lang, type ReportItem } from '../src/report/model';
import { checkValues, fillValues, quotedNames, type TextValues, VALUES_MIME } from '../src/report/values';
import { checkItem } from '../src/report/validate';
import { RenderError } from './errors';

export type Block =
  | { kind: 'markdown'; lang: Lang | null; text: string; attachments: Attachments }
  | { kind: 'code'; cell: number; source: string; output: string }
  | { kind: 'item'; cell: number; item: ReportItem };

/** Cell attachments: name → MIME type → base64 data. */
export type Attachments = Record<string, Record<string, string>>;

export interface Chapter {
  file: string;
  /** 1-based position in the report. */
  number: number;
  title: Record<Lang, string>;
  blocks: Block[];
}

export interface NbCell {
  cell_type: string;
  source: string | string[];
  outputs?: NbOutput[];
  attachments?: Attachments;
}
export interface NbOutput {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
}

const LANG_MARKER = /^\s*<!--\s*lang:\s*([a-z]+)\s*-->[ \t]*\r?\n?/;
const joinText = (s: string | string[] | undefined): string => (Array.isArray(s) ? s.join('') : (s ?? ''));

/** Splits a markdown cell's language marker from its text; no marker means both languages. */
export function markdownLanguage(source: string, where: string): { lang: Lang | null; text: string } {
  const m = LANG_MARKER.exec(source);
  if (!m) return { lang: null, text: source };
  if (!(LANGS as readonly string[]).includes(m[1])) {
    throw new RenderError(`${where}: unknown language marker "${m[1]}" (use <!-- lang: sv --> or <!-- lang: en -->)`);
  }
  return { lang: m[1] as Lang, text: source.slice(m[0].length) };
}

/** The first level-1 heading ("# …") of a language's markdown, without markup. */
export function chapterTitle(blocks: Block[], lang: Lang): string | null {
  for (const b of blocks) {
    if (b.kind !== 'markdown' || (b.lang !== null && b.lang !== lang)) continue;
    const m = /^# +(.+?)\s*#*\s*$/m.exec(b.text.replace(/^```[\s\S]*?^```/gm, ''));
    if (m) return m[1];
  }
  return null;
}

function outputText(out: NbOutput): string {
  if (out.output_type === 'stream') return joinText(out.text);
  if (out.output_type === 'error') return '';
  const plain = out.data?.['text/plain'];
  return plain === undefined ? '' : joinText(plain as string | string[]) + '\n';
}

/** Every value the notebook's cells showed with showValues, by name; a name shown twice must agree. */
function chapterValues(nb: { cells: NbCell[] }, name: string): TextValues {
  const values: TextValues = {};
  nb.cells.forEach((cell, index) => {
    for (const out of cell.outputs ?? []) {
      const data = out.data?.[VALUES_MIME];
      if (data === undefined) continue;
      const where = `${name}, cell ${index + 1}`;
      let shown: TextValues;
      try {
        shown = checkValues(data);
      } catch (err) {
        throw new RenderError(`${where}: ${(err as Error).message}`);
      }
      for (const [key, label] of Object.entries(shown)) {
        const before = values[key];
        if (before && (before.sv !== label.sv || before.en !== label.en)) throw new RenderError(`${where}: value {{${key}}} shown twice with different texts`);
        values[key] = label;
      }
    }
  });
  return values;
}

export function readChapter(nb: { cells: NbCell[] }, file: string, number: number): Chapter {
  const name = path.basename(file);
  const blocks: Block[] = [];
  const values = chapterValues(nb, name);
  nb.cells.forEach((cell, index) => {
    const where = `${name}, cell ${index + 1}`;
    const source = joinText(cell.source);
    if (cell.cell_type === 'markdown') {
      const { lang, text } = markdownLanguage(source, where);
      if (!text.trim()) return;
      const attachments = cell.attachments ?? {};
      // {{name}}: a value a code cell of this notebook computed (src/report/values.ts).
      const fill = (l: Lang) => {
        try {
          return fillValues(text, values, l, where);
        } catch (err) {
          throw new RenderError((err as Error).message);
        }
      };
      if (lang === null && quotedNames(text).length > 0) for (const l of LANGS) blocks.push({ kind: 'markdown', lang: l, text: fill(l), attachments });
      else blocks.push({ kind: 'markdown', lang, text: lang === null ? text : fill(lang), attachments });
      return;
    }
    if (cell.cell_type !== 'code') return;
    const items: Block[] = [];
    let output = '';
    for (const out of cell.outputs ?? []) {
      const data = out.data?.[ITEM_MIME];
      if (data === undefined) {
        output += outputText(out);
        continue;
      }
      try {
        items.push({ kind: 'item', cell: index + 1, item: checkItem(data) });
      } catch (err) {
        throw new RenderError(`${where}: ${(err as Error).message}`);
      }
    }
    if (source.trim() || output) blocks.push({ kind: 'code', cell: index + 1, source, output });
    blocks.push(...items);
  });
  const fallback = name.replace(/\.ipynb$/, '');
  const title = { sv: chapterTitle(blocks, 'sv') ?? fallback, en: chapterTitle(blocks, 'en') ?? fallback };
  return { file: name, number, title, blocks };
}

/** Every catalog id must appear once in the report. */
export function checkUniqueIds(chapters: Chapter[]): void {
  const seen = new Map<string, string>();
  for (const ch of chapters)
    for (const b of ch.blocks) {
      if (b.kind !== 'item' || b.item.kind === 'text') continue;
      const here = `${ch.file}, cell ${b.cell}`;
      const before = seen.get(b.item.id);
      if (before) throw new RenderError(`id "${b.item.id}" is shown twice: ${before} and ${here}`);
      seen.set(b.item.id, here);
    }
}
