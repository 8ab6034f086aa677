/**
 * The method chapter's exercise on few clusters: simulated panels in which whole clusters
 * start together and share period shocks (simulateClustered), the TWFE coefficient of the
 * treatment indicator (unbiased here: the effect is constant), and how often four tests
 * reject the true effect at level α:
 *   person   CR1 clustered by person, normal critical value (ignores the shared shocks)
 *   cluster  CR1 clustered by cluster, normal critical value
 *   clusterT CR1 clustered by cluster, t(G − 1) critical value (fixest's default)
 *   wcr      wild cluster restricted bootstrap of the cluster t (src/estimate)
 * A test's coverage is 1 − its rejection rate of the truth. The first sample's 95 %
 * intervals are returned too, so the exercise can show one of each.
 */
import { feOls } from '../estimate/fe-ols';
import { wildClusterBootstrap, type WildWeights } from '../estimate/wild-cluster-bootstrap';
import { qnorm } from '../estimate/distributions';
import type { Panel } from '../data/panel';
import { Rng } from '../random/rng';
import { tQuantile, tTwoSidedP } from '../stats/distributions';
import { simulateClustered, type ClusteredDesign } from './clustered';
import { DesignError } from './staggered';

export const FEW_CLUSTER_TESTS = ['person', 'cluster', 'clusterT', 'wcr'] as const;
export type FewClusterTest = (typeof FEW_CLUSTER_TESTS)[number];

export interface FewClustersOptions {
  replications: number;
  seed: number;
  /** Bootstrap draws; with Rademacher weights and 2^G ≤ draws all sign vectors are enumerated. Default 999. */
  draws?: number;
  weights?: WildWeights;
  /** Default 0.05. */
  alpha?: number;
}

export interface FewClustersResult {
  replications: number;
  clusters: number;
  /** Share of samples in which each test rejects the true effect. */
  rejection: Record<FewClusterTest, number>;
  /** Monte Carlo standard error of a rejection rate equal to α. */
  mcSe: number;
  /** Whether the bootstrap enumerated every sign vector (then its p-values are exact, not drawn). */
  enumerated: boolean;
  /** The first sample: the TWFE estimate and each test's interval at level α. */
  first: { estimate: number; ci: Record<FewClusterTest, [number, number]> };
}

/** TWFE rows of a clustered panel: treatment indicator, unit and period codes, cluster per row. */
export function clusteredRows(p: Panel): { y: Float64Array; d: Float64Array; unit: Int32Array; time: Int32Array; cluster: Float64Array; nUnits: number; nTimes: number } {
  const d = new Float64Array(p.nRows);
  const time = new Int32Array(p.nRows);
  const cluster = new Float64Array(p.nRows);
  for (let i = 0; i < p.nRows; i++) {
    const u = p.rowUnit[i];
    const g = p.unitCols.g[u];
    d[i] = g > 0 && p.rowTime[i] >= g ? 1 : 0;
    time[i] = p.rowPeriod[i];
    cluster[i] = p.unitCols.cluster[u];
  }
  return { y: p.cols.y, d, unit: p.rowUnit, time, cluster, nUnits: p.nUnits, nTimes: p.periods.length };
}

export function fewClustersExperiment(design: ClusteredDesign, options: FewClustersOptions): FewClustersResult {
  const { replications, seed } = options;
  if (!Number.isInteger(replications) || replications < 1) throw new DesignError(`replications must be a whole number ≥ 1, got ${replications}`);
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new DesignError(`alpha must lie in (0, 1), got ${alpha}`);
  const draws = options.draws ?? 999;
  const rng = new Rng(seed);
  const z = qnorm(1 - alpha / 2);
  const df = design.clusters - 1;
  const tq = tQuantile(1 - alpha / 2, df);
  const hits: Record<FewClusterTest, number> = { person: 0, cluster: 0, clusterT: 0, wcr: 0 };
  let first: FewClustersResult['first'] | null = null;
  let enumerated = false;
  for (let r = 0; r < replications; r++) {
    const rows = clusteredRows(simulateClustered(design, rng));
    const absorb = { unit: rows.unit, nUnits: rows.nUnits, time: rows.time, nTimes: rows.nTimes };
    const personSe = Math.sqrt(feOls({ y: rows.y, index: absorb, x: [rows.d] }).vcov[0]);
    const w = wildClusterBootstrap({ y: rows.y, x: [rows.d], names: ['treated'], coef: 0, cluster: rows.cluster, absorb, null: design.effect, draws, weights: options.weights, seed: seed * 7919 + r, ciAlpha: r === 0 ? alpha : undefined });
    enumerated = w.enumerated;
    const off = w.estimate - design.effect;
    if (Math.abs(off) > z * personSe) hits.person++;
    if (Math.abs(off) > z * w.se) hits.cluster++;
    if (tTwoSidedP(w.t, df) <= alpha) hits.clusterT++;
    if (w.pValue <= alpha) hits.wcr++;
    if (r === 0) {
      first = {
        estimate: w.estimate,
        ci: {
          person: [w.estimate - z * personSe, w.estimate + z * personSe],
          cluster: [w.estimate - z * w.se, w.estimate + z * w.se],
          clusterT: [w.estimate - tq * w.se, w.estimate + tq * w.se],
          wcr: [w.ci!.lower, w.ci!.upper],
        },
      };
    }
  }
  const rate = (k: FewClusterTest) => hits[k] / replications;
  return {
    replications,
    clusters: design.clusters,
    rejection: { person: rate('person'), cluster: rate('cluster'), clusterT: rate('clusterT'), wcr: rate('wcr') },
    mcSe: Math.sqrt((alpha * (1 - alpha)) / replications),
    enumerated,
    first: first!,
  };
}
