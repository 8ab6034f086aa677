/**
 * Group masks: a Uint8Array with 1 for members, one entry per unit (or row). `null` means
 * "everyone". Every descriptive and balance function takes its groups this way, so a group
 * is built once (treated, women, treated women, …) and reused across variables.
 */
export type Mask = Uint8Array;

/** Members are the positions where `values[i] === level` (NaN never matches). */
export function maskEquals(values: ArrayLike<number>, level: number): Mask {
  const m = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) m[i] = values[i] === level ? 1 : 0;
  return m;
}

/** Members are the positions where `test(values[i])` holds. */
export function maskWhere(values: ArrayLike<number>, test: (x: number) => boolean): Mask {
  const m = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) m[i] = test(values[i]) ? 1 : 0;
  return m;
}

/** Intersection of masks of equal length. */
export function maskAnd(...masks: Mask[]): Mask {
  if (masks.length === 0) throw new RangeError('maskAnd: no masks');
  const n = masks[0].length;
  const out = new Uint8Array(n).fill(1);
  for (const m of masks) {
    if (m.length !== n) throw new RangeError(`maskAnd: lengths differ (${n} and ${m.length})`);
    for (let i = 0; i < n; i++) out[i] &= m[i];
  }
  return out;
}

/** Union of masks of equal length. */
export function maskOr(...masks: Mask[]): Mask {
  if (masks.length === 0) throw new RangeError('maskOr: no masks');
  const n = masks[0].length;
  const out = new Uint8Array(n);
  for (const m of masks) {
    if (m.length !== n) throw new RangeError(`maskOr: lengths differ (${n} and ${m.length})`);
    for (let i = 0; i < n; i++) out[i] |= m[i];
  }
  return out;
}

export function maskNot(mask: Mask): Mask {
  const out = new Uint8Array(mask.length);
  for (let i = 0; i < mask.length; i++) out[i] = mask[i] ? 0 : 1;
  return out;
}

export function maskCount(mask: Mask | null, length: number): number {
  if (!mask) return length;
  let c = 0;
  for (let i = 0; i < mask.length; i++) c += mask[i] ? 1 : 0;
  return c;
}

/** Throws when a mask does not fit the values it selects from (a programming error). */
export function checkMask(mask: Mask | null | undefined, length: number, what: string): void {
  if (mask && mask.length !== length) {
    throw new RangeError(`${what}: mask has length ${mask.length}, values have length ${length}`);
  }
}
