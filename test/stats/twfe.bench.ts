/**
 * Timing of the two-way fixed effects regression and the Goodman-Bacon decomposition on
 * Malmökraften-sized panels (not a test). Run: node -r tsx/cjs test/stats/twfe.bench.ts
 */
import { Rng } from '../../src/random/rng';
import { baconDecomposition } from '../../src/stats/bacon';
import { twfe } from '../../src/stats/twfe';

function panel(nUnits: number, nT: number, keep: number, seed: number) {
  const rng = new Rng(seed);
  const y: number[] = [];
  const unit: number[] = [];
  const time: number[] = [];
  const d: number[] = [];
  const x: number[] = [];
  for (let u = 0; u < nUnits; u++) {
    const start = rng.uniform() < 0.3 ? Infinity : 20 + rng.int(nT - 30);
    const a = rng.normal();
    for (let t = 0; t < nT; t++) {
      if (rng.uniform() > keep) continue;
      const dt = t >= start ? 1 : 0;
      unit.push(u);
      time.push(t);
      d.push(dt);
      x.push(rng.normal());
      y.push(a + 0.01 * t + 0.5 * dt + 0.3 * x[x.length - 1] + rng.normal());
    }
  }
  return { y: Float64Array.from(y), unit: Int32Array.from(unit), time: Int32Array.from(time), d: Float64Array.from(d), x: Float64Array.from(x) };
}

function time<T>(label: string, f: () => T): T {
  const t0 = process.hrtime.bigint();
  const r = f();
  console.log(`${label}: ${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(0)} ms`);
  return r;
}

const balanced = panel(12_000, 115, 1, 1);
console.log(`balanced: ${balanced.y.length.toLocaleString('en')} rows`);
const rb = time('twfe, balanced, 2 regressors', () => twfe({ ...balanced, x: [balanced.d, balanced.x], names: ['d', 'x'] }));
console.log(`  iterations ${rb.iterations}, d = ${rb.coef[0].est.value?.toFixed(4)} (${rb.coef[0].se.value?.toFixed(4)})`);
time('bacon, balanced', () => baconDecomposition(balanced));
const unbalanced = panel(12_000, 115, 0.8, 2);
console.log(`unbalanced: ${unbalanced.y.length.toLocaleString('en')} rows`);
const ru = time('twfe, unbalanced (80 % of rows), 2 regressors', () => twfe({ ...unbalanced, x: [unbalanced.d, unbalanced.x], names: ['d', 'x'] }));
console.log(`  iterations ${ru.iterations}, d = ${ru.coef[0].est.value?.toFixed(4)} (${ru.coef[0].se.value?.toFixed(4)})`);
