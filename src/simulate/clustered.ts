/**
 * A staggered panel with few clusters (offices, municipalities): whole clusters start
 * together, and every cluster has its own shock each period that all its units share, so
 * units in a cluster are not independent. Used for the method chapter's exercise on few
 * clusters: unit-level standard errors are then too small, cluster-robust ones rest on few
 * clusters, and a wild cluster bootstrap (one Rademacher weight per cluster) is the usual
 * remedy (Cameron, Gelbach and Miller 2008).
 *
 *   y_it = a_i + 0.1 t + s_{c(i) t} + 1{t ≥ g_c} · effect + e_it,
 *   a_i ~ N(0, 1), s_ct ~ N(0, clusterSd²), e_it ~ N(0, noiseSd²).
 */
import type { Panel } from '../data/panel';
import type { Rng } from '../random/rng';
import { DesignError } from './staggered';

export interface ClusteredDesign {
  clusters: number;
  unitsPerCluster: number;
  periods: number;
  /** Start periods handed to clusters in turn; a 0 in the list means never treated. */
  starts: readonly number[];
  effect: number;
  clusterSd: number;
  noiseSd: number;
}

export function simulateClustered(d: ClusteredDesign, rng: Rng): Panel {
  for (const [name, v, min] of [['clusters', d.clusters, 2], ['unitsPerCluster', d.unitsPerCluster, 1], ['periods', d.periods, 2]] as const) {
    if (!Number.isInteger(v) || v < min) throw new DesignError(`${name} must be a whole number ≥ ${min}, got ${v}`);
  }
  if (d.starts.length === 0) throw new DesignError('starts must list at least one start period (0 = never treated)');
  d.starts.forEach((g, q) => {
    if (!Number.isInteger(g) || g < 0 || g > d.periods) throw new DesignError(`starts[${q}] must be 0 (never) or a period 1..${d.periods}, got ${g}`);
  });
  if (!(d.clusterSd >= 0) || !(d.noiseSd >= 0)) throw new DesignError('clusterSd and noiseSd must be ≥ 0');
  const n = d.clusters * d.unitsPerCluster;
  const T = d.periods;
  const g = new Float64Array(n);
  const cluster = new Float64Array(n);
  const y = new Float64Array(n * T);
  const rowUnit = new Int32Array(n * T);
  const rowTime = new Int32Array(n * T);
  const rowPeriod = new Int32Array(n * T);
  const rowStart = new Int32Array(n + 1);
  const shock = new Float64Array(d.clusters * T);
  for (let k = 0; k < shock.length; k++) shock[k] = rng.normal(0, d.clusterSd);
  for (let i = 0; i < n; i++) {
    const c = Math.floor(i / d.unitsPerCluster);
    cluster[i] = c + 1;
    g[i] = d.starts[c % d.starts.length];
    const level = rng.normal();
    rowStart[i] = i * T;
    for (let t = 1; t <= T; t++) {
      const r = i * T + t - 1;
      rowUnit[r] = i;
      rowTime[r] = t;
      rowPeriod[r] = t - 1;
      y[r] = level + 0.1 * t + shock[c * T + t - 1] + (g[i] > 0 && t >= g[i] ? d.effect : 0) + rng.normal(0, d.noiseSd);
    }
  }
  rowStart[n] = n * T;
  return {
    source: 'simulateClustered',
    idName: 'id',
    timeName: 'period',
    periodKind: 'integer',
    nUnits: n,
    nRows: n * T,
    unitIds: Float64Array.from({ length: n }, (_, i) => i + 1),
    rowStart,
    rowUnit,
    rowTime,
    periods: Int32Array.from({ length: T }, (_, t) => t + 1),
    rowPeriod,
    cols: { y },
    unitCols: { g, cluster },
    levels: {},
  };
}
