import { describe, expect, it } from 'vitest';
import { feOls } from '../../src/estimate/fe-ols';
import { wildClusterBootstrap } from '../../src/estimate/wild-cluster-bootstrap';
import { Rng } from '../../src/random/rng';
import { simulateClustered } from '../../src/simulate/clustered';
import { clusteredRows, fewClustersExperiment } from '../../src/simulate/few-clusters';

const DESIGN = { clusters: 8, unitsPerCluster: 12, periods: 6, starts: [3, 5, 0], effect: 1, clusterSd: 0.6, noiseSd: 1 };

describe('the few-clusters exercise', () => {
  it('rows: treatment from the cluster start, one cluster per unit, TWFE equal to feOls on the same rows', () => {
    const p = simulateClustered(DESIGN, new Rng(5));
    const rows = clusteredRows(p);
    expect(rows.y.length).toBe(8 * 12 * 6);
    // cluster 1 starts in period 3, cluster 3 never
    expect(Array.from(rows.d.subarray(0, 6))).toEqual([0, 0, 1, 1, 1, 1]);
    expect(Array.from(rows.d.subarray(2 * 12 * 6, 2 * 12 * 6 + 6))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(new Set(Array.from(rows.cluster)).size).toBe(8);
    const absorb = { unit: rows.unit, nUnits: rows.nUnits, time: rows.time, nTimes: rows.nTimes };
    const w = wildClusterBootstrap({ y: rows.y, x: [rows.d], coef: 0, cluster: rows.cluster, absorb });
    expect(Math.abs(w.estimate - feOls({ y: rows.y, index: absorb, x: [rows.d] }).beta[0])).toBeLessThan(1e-12);
  });

  it('person-level SEs reject the true effect far too often; the WCR test near α; the same seed gives the same answer', () => {
    const a = fewClustersExperiment(DESIGN, { replications: 150, seed: 3 });
    const b = fewClustersExperiment(DESIGN, { replications: 150, seed: 3 });
    expect(a).toEqual(b);
    expect(a.enumerated).toBe(true);
    expect(a.rejection.person).toBeGreaterThan(0.2);
    expect(a.rejection.person).toBeGreaterThan(a.rejection.cluster);
    expect(Math.abs(a.rejection.wcr - 0.05)).toBeLessThan(3 * a.mcSe);
    // the first sample's intervals: person narrowest, t(G−1) wider than normal, all around the estimate
    const ci = a.first.ci;
    const width = (k: keyof typeof ci) => ci[k][1] - ci[k][0];
    expect(width('person')).toBeLessThan(width('cluster'));
    expect(width('cluster')).toBeLessThan(width('clusterT'));
    for (const k of Object.keys(ci) as (keyof typeof ci)[]) {
      expect(ci[k][0]).toBeLessThan(a.first.estimate);
      expect(ci[k][1]).toBeGreaterThan(a.first.estimate);
    }
  });

  it('checks its options', () => {
    expect(() => fewClustersExperiment(DESIGN, { replications: 0, seed: 1 })).toThrow(/replications/);
    expect(() => fewClustersExperiment(DESIGN, { replications: 5, seed: 1, alpha: 2 })).toThrow(/alpha/);
  });
});
