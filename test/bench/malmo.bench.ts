/**
 * Timings of the Malmökraften effect models (R23 B12–B16) on the study's data
 * ($FINSAM_DATA/malmokraften or data-synthetic/out/malmokraften, 12,000 persons × 115 months):
 *
 * 1. one fit of the main model (m1: DR, never-treated, 15 covariate columns incl. factors)
 *    and of its not-yet-treated variant (m3), one outcome each (fitDid: cut + attgt + the
 *    three aggregations);
 * 2. columns (1)–(3) for the five outcomes with fitGrid (one attgtMany call per model), and
 *    the same fits one outcome at a time (fitDid per model and outcome), which must agree;
 * 3. column (4), five start-group models × five outcomes.
 *
 *   node -r tsx/cjs test/bench/malmo.bench.ts [--repeat 2] [--skip-separate]
 */
import { loadStudy } from '../../src/data/study';
import { fitDid, fitGrid, type DidFit } from '../../src/models/did-grid';
import { malmoPanel, malmoStartGroups, MALMO_EFFECT_OUTCOMES, MALMO_SETTINGS, pooledModels, separateModels } from '../../src/models/malmokraften';
import { timed } from './timed';

const repeat = Number(process.argv[process.argv.indexOf('--repeat') + 1] || 2) || 2;
const skipSeparate = process.argv.includes('--skip-separate');

const s2 = (x: number): string => x.toFixed(2);
const strip = (f: DidFit): string => JSON.stringify({ ...f, ms: 0 });

async function main(): Promise<void> {
  const load = await (async () => {
    const t0 = process.hrtime.bigint();
    const study = await loadStudy('malmokraften');
    return { study, wall: Number(process.hrtime.bigint() - t0) / 1e9 };
  })();
  const monthly = malmoPanel(load.study.panels.monthly);
  const groups = malmoStartGroups(monthly);
  const pooled = pooledModels(monthly, groups);
  const outcomes = MALMO_EFFECT_OUTCOMES.map((o) => o.column);
  console.log(`Malmökraften: ${monthly.nUnits} persons × ${monthly.periods.length} months (${monthly.nRows} rows), loaded in ${s2(load.wall)} s; load average ${(await import('node:os')).loadavg().map((v) => v.toFixed(1)).join(' ')}`);

  for (let run = 1; run <= repeat; run++) {
    for (const key of ['m1', 'm3']) {
      const model = pooled.find((m) => m.key === key)!;
      const one = timed(() => fitDid(monthly, model, 'wage_kr', MALMO_SETTINGS));
      console.log(`  run ${run} ${key} one fit (wage_kr): ${s2(one.wall)} s (cpu ${s2(one.cpu)} s), ${one.value.nObs} person-months, ATT ${one.value.headline.att?.toFixed(1)}`);
    }
  }
  for (let run = 1; run <= repeat; run++) {
    const grid = timed(() => fitGrid(monthly, pooled, outcomes, MALMO_SETTINGS));
    const perModel = pooled.map((m) => `${m.key} ${s2(outcomes.reduce((s, y) => s + grid.value.fits[m.key][y].ms, 0) / 1000)} s`).join(', ');
    console.log(`  run ${run} columns (1)-(3), 3 models × 5 outcomes with fitGrid: ${s2(grid.wall)} s (cpu ${s2(grid.cpu)} s; ${perModel})`);
    if (run === 1 && !skipSeparate) {
      const sep = timed(() => pooled.map((m) => outcomes.map((y) => fitDid(monthly, m, y, MALMO_SETTINGS))));
      let same = true;
      pooled.forEach((m, i) => outcomes.forEach((y, j) => (same = same && strip(sep.value[i][j]) === strip(grid.value.fits[m.key][y]))));
      console.log(`  run ${run} the same 15 fits one outcome at a time: ${s2(sep.wall)} s (cpu ${s2(sep.cpu)} s); identical to fitGrid: ${same ? 'yes' : 'NO'}`);
      if (!same) process.exitCode = 1;
    }
  }
  const separate = separateModels(monthly, groups);
  for (let run = 1; run <= repeat; run++) {
    const grid = timed(() => fitGrid(monthly, separate, outcomes, MALMO_SETTINGS));
    console.log(`  run ${run} column (4), ${separate.length} models × 5 outcomes with fitGrid: ${s2(grid.wall)} s (cpu ${s2(grid.cpu)} s)`);
  }
  console.log(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
