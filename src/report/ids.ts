/**
 * Which item ids the report may show: the catalog's (shared/spec/catalog.json, read-only,
 * outside the repository) and the documented extra ids of src/report/extra-ids.json (the
 * method chapter's method-…, the sensitivity sections' sens-…). The catalog's own prefixes
 * (r23-, r24-) can only come from the catalog: an extra id may not use them, so the extra
 * list cannot weaken the check of catalog ids. `checkItem` (validate.ts) keeps checking the
 * id's form; membership is checked where the catalog is at hand (the notebook tests).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const CATALOG_PREFIXES: readonly string[] = ['r23-', 'r24-'];
export const ID_FORM = /^[a-z0-9][a-z0-9-]*$/;

export interface ExtraIds {
  about: string;
  ids: Record<string, string>;
}

/** The documented extra ids (id → what it is). */
export function readExtraIds(root: string): ExtraIds {
  const file = path.join(root, 'src', 'report', 'extra-ids.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as ExtraIds;
}

/** The catalog's ids, from FINSAM_CATALOG or shared/spec/catalog.json beside the repository; null when not present. */
export function readCatalogIds(root: string): Set<string> | null {
  const candidates = [process.env.FINSAM_CATALOG, path.resolve(root, '..', 'shared', 'spec', 'catalog.json'), '/work/shared/spec/catalog.json'];
  const file = candidates.find((f): f is string => !!f && fs.existsSync(f));
  if (!file) return null;
  const cat = JSON.parse(fs.readFileSync(file, 'utf8')) as { items: { id: string }[] };
  return new Set(cat.items.map((i) => i.id));
}

/** Why `id` may not be shown, or null. Without a catalog, catalog-prefixed ids cannot be checked and pass. */
export function idProblem(id: string, catalog: ReadonlySet<string> | null, extra: Readonly<Record<string, string>>): string | null {
  if (!ID_FORM.test(id)) return `id "${id}" is not of the form a-z0-9 and hyphens`;
  const catalogPrefixed = CATALOG_PREFIXES.some((p) => id.startsWith(p));
  if (catalogPrefixed) {
    if (catalog && !catalog.has(id)) return `id "${id}" has a catalog prefix but is not in the catalog`;
    return null;
  }
  if (catalog?.has(id)) return null;
  if (Object.prototype.hasOwnProperty.call(extra, id)) return null;
  return `id "${id}" is neither a catalog id nor listed in src/report/extra-ids.json`;
}
