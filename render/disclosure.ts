/**
 * Disclosure control in the render: the one place every table passes before any output.
 * `protectChapters` runs src/disclosure's primary and secondary suppression over all
 * tables of all chapters together (relations may cross tables) and returns the chapters
 * with the protected tables; `auditRender` is the auditor at the end of the render over
 * the tables and numbers as published, failing with table, row and column of any cell a
 * reader could compute back.
 */
import { auditPublished, DEFAULT_RULES, type DisclosureResult, type DisclosureRules, type TableDisclosure } from '../src/disclosure/index';
import { shownValue } from '../src/format/number';
import type { ReportTable } from '../src/report/model';
import type { NumberRecord } from '../src/report/numbers';
import { loadHighs } from '../src/disclosure/lp';
import { protectTables } from '../src/disclosure/index';
import { RenderError } from './errors';
import type { Chapter } from './notebook';

export interface DisclosureManifest {
  rules: DisclosureRules;
  solver: string;
  /** Per table: cells with a number, the primary and the complementary (secondary) suppressions. */
  tables: (TableDisclosure & { withheld: number })[];
  /** Relations left out because they name a table that is not in the report. */
  skippedRelations: { table: string; kind: string }[];
  audit: { withheld: number; primary: number; protected: number; lpSolves: number; seconds: number };
}

export function reportTables(chapters: readonly Chapter[]): ReportTable[] {
  return chapters.flatMap((ch) => ch.blocks.flatMap((b) => (b.kind === 'item' && b.item.kind === 'table' ? [b.item] : [])));
}

export async function protectChapters(chapters: readonly Chapter[], rules: DisclosureRules = DEFAULT_RULES): Promise<{ chapters: Chapter[]; result: DisclosureResult }> {
  const result = await protectTables(reportTables(chapters), rules);
  const byId = new Map(result.tables.map((t) => [t.id, t]));
  const out = chapters.map((ch) => ({
    ...ch,
    blocks: ch.blocks.map((b) => (b.kind === 'item' && b.item.kind === 'table' ? { ...b, item: byId.get(b.item.id) as ReportTable } : b)),
  }));
  return { chapters: out, result };
}

/**
 * The auditor: published tables against the originals (for the primary rules and the
 * protection levels), and numbers.json against the printed precision. Throws a
 * RenderError listing every problem; returns the manifest section otherwise.
 */
export async function auditRender(
  published: readonly ReportTable[],
  original: readonly ReportTable[],
  numbers: readonly NumberRecord[],
  protection: DisclosureResult,
  rules: DisclosureRules = DEFAULT_RULES,
): Promise<DisclosureManifest> {
  const t0 = Date.now();
  const audit = await auditPublished(published, original, rules);
  const problems = [...audit.problems];
  const formats = new Map<string, { format?: ReportTable['rows'][number]['cells'][number]['format']; suppressed: boolean }>();
  for (const t of published)
    for (const r of t.rows) {
      if (r.header) continue;
      let col = 0;
      for (const c of r.cells) {
        formats.set(`${t.id}|${r.key}|${t.columns[col]?.key ?? col}`, { format: c.format, suppressed: c.suppressed === true });
        col += c.span && c.span > 1 ? c.span : 1;
      }
    }
  for (const n of numbers) {
    const f = formats.get(`${n.id}|${n.row}|${n.column}`);
    const where = `numbers.json: ${n.id}, row "${n.row}", column "${n.column}"`;
    if (!f) problems.push(`${where}: no such cell in the published tables`);
    else if (f.suppressed && (n.value !== null || n.se !== null)) problems.push(`${where}: withheld in the table but published`);
    else if (n.value !== null && n.value !== shownValue(n.value, f.format)) problems.push(`${where}: ${n.value} has more digits than the table prints`);
  }
  if (problems.length > 0) {
    throw new RenderError(`disclosure audit failed, ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n  ${problems.join('\n  ')}`);
  }
  const tables = protection.report.map((t) => ({ ...t, withheld: t.primary.length + t.secondary.length }));
  return {
    rules,
    solver: `HiGHS ${(await loadHighs()).version.string} (WebAssembly, npm package highs), simplex`,
    tables,
    skippedRelations: protection.skipped,
    audit: {
      withheld: tables.reduce((s, t) => s + t.withheld, 0),
      primary: audit.cells.length,
      protected: audit.cells.filter((c) => c.protected).length,
      lpSolves: protection.solves,
      seconds: Number(((Date.now() - t0) / 1000).toFixed(3)),
    },
  };
}
