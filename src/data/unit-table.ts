/**
 * A table with one row per unit (a study's unit file: background, randomisation arm,
 * treatment start), sorted by identifier. Columns are Float64Array (NaN = missing);
 * category columns hold level indexes named in `levels`, as in a Panel.
 */
export interface UnitTable {
  /** Where it came from (file), for messages and manifests. */
  readonly source?: string;
  readonly idName: string;
  readonly nUnits: number;
  /** Unit identifiers, ascending. */
  readonly unitIds: Float64Array;
  readonly cols: Readonly<Record<string, Float64Array>>;
  readonly levels: Readonly<Record<string, readonly string[]>>;
}

/** Index of `id` in ascending `ids`, or -1. */
export function findUnit(ids: Float64Array, id: number): number {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = ids[mid];
    if (v < id) lo = mid + 1;
    else if (v > id) hi = mid - 1;
    else return mid;
  }
  return -1;
}
