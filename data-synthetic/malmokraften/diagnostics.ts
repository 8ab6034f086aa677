/**
 * Quick estimators used to calibrate and check the generator (not the project's DiD engine):
 * group-time DiD with never-treated controls and base period g − 1, either unadjusted or
 * with the controls reweighted within the 32 cells of the five quota variables (a
 * saturated propensity score). With selection on the quota variables only, the reweighted
 * version is unbiased for the truth and the unadjusted one is not.
 */

export interface DidInput {
  nUnits: number;
  nPeriods: number;
  periods: ArrayLike<number>;
  /** Outcome, row i * nPeriods + t. */
  y: ArrayLike<number>;
  /** Start group index per unit, -1 = never treated. */
  group: ArrayLike<number>;
  /** Coded start per group (same coding as periods). */
  groupStart: readonly number[];
  /** Cell of the adjustment covariates per unit (e.g. 0..31), or null for no adjustment. */
  cell: ArrayLike<number> | null;
}

/**
 * ATT(g,t) for t ≥ g by the DiD of means (weighted controls if `cell`), aggregated like
 * aggte "group": each group's mean over its post periods, weighted by group size.
 */
export function cellDid(d: DidInput): { overall: number; byGroup: number[] } {
  const G = d.groupStart.length;
  const T = d.nPeriods;
  const nCells = d.cell ? Math.max(...Array.from(d.cell)) + 1 : 1;
  const cellOf = (i: number) => (d.cell ? d.cell[i] : 0);
  const countT = new Float64Array(G * nCells);
  const countC = new Float64Array(nCells);
  for (let i = 0; i < d.nUnits; i++) {
    const g = d.group[i];
    if (g >= 0) countT[g * nCells + cellOf(i)]++;
    else countC[cellOf(i)]++;
  }
  const byGroup: number[] = [];
  let num = 0;
  let den = 0;
  for (let g = 0; g < G; g++) {
    let nG = 0;
    for (let c = 0; c < nCells; c++) nG += countT[g * nCells + c];
    // Control weights: share of the group in the cell over share of controls in the cell.
    const w = new Float64Array(nCells);
    for (let c = 0; c < nCells; c++) w[c] = countC[c] > 0 ? countT[g * nCells + c] / nG / countC[c] : 0;
    const base = periodIndex(d.periods, d.groupStart[g] - 1);
    let sum = 0;
    let cells = 0;
    for (let t = 0; t < T; t++) {
      if (d.periods[t] < d.groupStart[g] || base < 0) continue;
      let dT = 0;
      let dC = 0;
      let wC = 0;
      for (let i = 0; i < d.nUnits; i++) {
        const change = d.y[i * T + t] - d.y[i * T + base];
        if (d.group[i] === g) dT += change;
        else if (d.group[i] < 0) {
          const wi = w[cellOf(i)];
          dC += wi * change;
          wC += wi;
        }
      }
      sum += dT / nG - dC / wC;
      cells++;
    }
    byGroup.push(sum / cells);
    num += nG * (sum / cells);
    den += nG;
  }
  return { overall: num / den, byGroup };
}

function periodIndex(periods: ArrayLike<number>, value: number): number {
  for (let j = 0; j < periods.length; j++) if (periods[j] === value) return j;
  return -1;
}

/** The 32 cells of the five binary quota variables. */
export function quotaCell(woman: number, establishment: number, disability: number, saList: number, job450List: number): number {
  return woman + 2 * establishment + 4 * disability + 8 * saList + 16 * job450List;
}
