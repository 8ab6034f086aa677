/** A column from a formula per index, or a ready array checked for length (derive, deriveUnits). */
export function fillColumn(
  verb: string,
  name: string,
  f: ((i: number) => number) | Float64Array,
  n: number,
  what: string,
): Float64Array {
  if (typeof f !== 'function') {
    if (f.length !== n) throw new Error(`${verb}: "${name}" has ${f.length} values for ${n} ${what}`);
    return f;
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(i);
  return out;
}
