/**
 * Wall and CPU time of the wild cluster restricted bootstrap (src/estimate/wild-cluster-bootstrap.ts)
 * on a clustered staggered panel with unit and period fixed effects:
 *
 *   node -r tsx/cjs test/bench/wild.bench.ts [--clusters 20] [--units 600] [--periods 24] [--draws 9999] [--ci]
 *
 * --units is persons per cluster. With 2^clusters > draws the draws are random (Rademacher).
 * Cost: a few within transformations per cluster (O(n) each, exact two-way solve), then
 * O(draws · G²) for the bootstrap; --ci adds the test inversion (O(draws) per trial value).
 */
import { wildClusterBootstrap } from '../../src/estimate/wild-cluster-bootstrap';
import { Rng } from '../../src/random/rng';
import { simulateClustered } from '../../src/simulate/clustered';
import { clusteredRows } from '../../src/simulate/few-clusters';
import { timed } from './timed';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const clusters = arg('clusters', 20);
const units = arg('units', 600);
const periods = arg('periods', 24);
const draws = arg('draws', 9999);
const ci = process.argv.includes('--ci');
const starts = [Math.floor(periods / 3), Math.floor(periods / 2), 0];
const panel = simulateClustered({ clusters, unitsPerCluster: units, periods, starts, effect: 1, clusterSd: 0.5, noiseSd: 1 }, new Rng(1));
const rows = clusteredRows(panel);
const absorb = { unit: rows.unit, nUnits: rows.nUnits, time: rows.time, nTimes: rows.nTimes };
const run = () => wildClusterBootstrap({ y: rows.y, x: [rows.d], coef: 0, cluster: rows.cluster, absorb, null: 1, draws, ciAlpha: ci ? 0.05 : undefined });
run(); // warm-up
const t = timed(run);
const r = t.value;
console.log(
  `${rows.y.length} rows, ${clusters} clusters, ${r.draws} ${r.enumerated ? 'enumerated' : 'random'} draws${ci ? ', interval' : ''}: ` +
    `wall ${t.wall.toFixed(2)} s, CPU ${t.cpu.toFixed(2)} s; estimate ${r.estimate.toFixed(3)}, p ${r.pValue.toFixed(4)}` +
    (r.ci ? `, CI [${r.ci.lower.toFixed(3)}, ${r.ci.upper.toFixed(3)}]` : ''),
);
