/**
 * Notebook markdown to HTML with `marked`, made safe for a self-contained report: raw HTML
 * in the text is shown escaped (comments dropped), images load only from the cell's own
 * attachments or data: URIs (never from the network), links only to http(s), mailto and
 * anchors. Headings are numbered by the caller through `onHeading`.
 */
import { Marked, type Tokens } from 'marked';
import { escapeHtml } from '../src/report/escape';
import type { Attachments } from './notebook';

export interface HeadingEvent {
  depth: number;
  /** The heading's inline HTML (already escaped). */
  html: string;
}

export interface MarkdownOptions {
  /** Returns the complete heading element; called for every heading in document order. */
  onHeading(event: HeadingEvent): string;
}

const SAFE_LINK = /^(https?:|mailto:|#)/i;

export function markdownRenderer(options: MarkdownOptions): (text: string, attachments?: Attachments) => string {
  let attachments: Attachments = {};
  const marked = new Marked({
    gfm: true,
    renderer: {
      heading(this: { parser: { parseInline(t: Tokens.Heading['tokens']): string } }, token: Tokens.Heading): string {
        return options.onHeading({ depth: token.depth, html: this.parser.parseInline(token.tokens) }) + '\n';
      },
      html(token: Tokens.HTML | Tokens.Tag): string {
        return /^\s*<!--[\s\S]*-->\s*$/.test(token.text) ? '' : escapeHtml(token.text);
      },
      image(token: Tokens.Image): string {
        const name = token.href.startsWith('attachment:') ? token.href.slice('attachment:'.length) : null;
        const att = name === null ? undefined : attachments[name];
        const mime = att && Object.keys(att).find((m) => m.startsWith('image/'));
        const src = att && mime ? `data:${mime};base64,${String(att[mime]).replace(/\s+/g, '')}` : /^data:image\//.test(token.href) ? token.href : null;
        if (src === null) return `<span class="missing-image">[${escapeHtml(token.text)}]</span>`;
        return `<img src="${escapeHtml(src)}" alt="${escapeHtml(token.text)}">`;
      },
      link(this: { parser: { parseInline(t: Tokens.Link['tokens']): string } }, token: Tokens.Link): string {
        const inner = this.parser.parseInline(token.tokens);
        if (!SAFE_LINK.test(token.href)) return inner;
        const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
        return `<a href="${escapeHtml(token.href)}"${title}>${inner}</a>`;
      },
    },
  });
  return (text, cellAttachments = {}) => {
    attachments = cellAttachments;
    return marked.parse(text, { async: false }) as string;
  };
}

/** Text of an HTML fragment (for the table of contents and for finding headings in the PDF). */
export function htmlToText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
