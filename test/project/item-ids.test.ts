import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG_PREFIXES, idProblem, readCatalogIds, readExtraIds } from '../../src/report/ids';

const root = path.resolve(__dirname, '..', '..');

describe('item ids: the catalog and the documented extra ids', () => {
  const extra = readExtraIds(root);
  const catalog = readCatalogIds(root);

  it('every extra id is well formed, documented, not a catalog id and not catalog-prefixed', () => {
    for (const [id, what] of Object.entries(extra.ids)) {
      expect(idProblem(id, catalog, extra.ids), id).toBeNull();
      expect(what.length, id).toBeGreaterThan(10);
      expect(CATALOG_PREFIXES.some((p) => id.startsWith(p)), id).toBe(false);
      if (catalog) expect(catalog.has(id), id).toBe(false);
    }
  });

  it('the check for catalog ids is not weakened: an unknown r24- id fails even if someone lists it as extra', () => {
    const cat = new Set(['r24-tab-1']);
    expect(idProblem('r24-tab-1', cat, {})).toBeNull();
    expect(idProblem('r24-tab-99', cat, { 'r24-tab-99': 'sneaked in' })).toMatch(/not in the catalog/);
    expect(idProblem('method-foo', cat, {})).toMatch(/neither a catalog id nor listed/);
    expect(idProblem('method-foo', cat, { 'method-foo': 'x' })).toBeNull();
    expect(idProblem('Bad Id', cat, {})).toMatch(/form/);
  });
});
