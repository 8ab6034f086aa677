/**
 * selectUnits: keep the units that pass a test (e.g. men only, one start group).
 *
 *   const men = selectUnits(panel, (u) => panel.unitCols.woman[u] === 0);
 *   const first = selectUnits(panel, mask);   // mask: one truthy/falsy entry per unit
 */
import { Panel } from '../panel';
import { subsetPanel } from './subset';

export type UnitTest = ((u: number, p: Panel) => boolean) | ArrayLike<number | boolean>;

export function selectUnits(p: Panel, keep: UnitTest): Panel {
  const mask = new Uint8Array(p.nUnits);
  if (typeof keep === 'function') {
    for (let u = 0; u < p.nUnits; u++) mask[u] = keep(u, p) ? 1 : 0;
  } else {
    if (keep.length !== p.nUnits) throw new Error(`selectUnits: the mask has ${keep.length} entries for ${p.nUnits} units`);
    for (let u = 0; u < p.nUnits; u++) mask[u] = keep[u] ? 1 : 0;
  }
  return subsetPanel(p, mask, null);
}
