/**
 * Monte Carlo check of the synthetic team-rct data against R24 Model 1: for many seeds,
 * generate the study (through the CSV files, as the notebooks read it), estimate the
 * headline effects with the doubly robust staggered DiD (not-yet-treated controls, R24's 9
 * start groups, group aggregation) and summarise
 * - recovery: z = (estimate - truth) / SE, whose mean should be about 0 and standard
 *   deviation about 1 (somewhat below 1 where the effect falls on few persons: the truth is
 *   the sample's own average effect, while the SE also covers how the effect varies between
 *   persons), and the coverage of the 95 % interval;
 * - realism: the mean SE against R24's published SE, and the mean truth against R24's effect.
 *
 *   node -r tsx/cjs data-synthetic/check-recovery.ts [--seeds 24] [--from 100]
 *   node -r tsx/cjs data-synthetic/check-recovery.ts --table [--seed 2024]   one seed, by sex
 *
 * About 4 s per seed on 2 cores (too slow for the test suite, which checks the default seed
 * in test/synthetic/recovery.test.ts).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deriveUnits, loadStudy, selectUnits, type Panel } from '../src/data';
import { startGroups } from '../src/data/schemas/team-rct';
import { aggte, attgtPanel } from '../src/estimate';
import { R24_MODEL1 } from './calibration';
import { DEFAULT_SEED, synth } from './main';

const OUTCOMES = Object.keys(R24_MODEL1);
type Part = 'all' | 'women' | 'men';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

interface SeedResult {
  truth: Record<string, Record<Part, number>>;
  estimate: Record<string, Record<Part, { att: number; se: number }>>;
}

/** Generates one seed into a temporary directory and estimates every outcome (all, and by sex if asked). */
export async function estimateSeed(seed: number, bySex = false): Promise<SeedResult> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'recovery-'));
  try {
    await synth({ seed, out, studies: ['team-rct'] }, () => {});
    const dir = path.join(out, 'team-rct');
    const study = await loadStudy('team-rct', dir);
    const groups = startGroups(study.panels.monthly.unitCols.first_meeting_month);
    const panel = deriveUnits(study.panels.monthly, { start_group: (u: number) => groups.unitStart[u] });
    const parts: [Part, Panel][] = [['all', panel]];
    if (bySex) parts.push(['women', selectUnits(panel, (u: number) => panel.unitCols.woman[u] === 1)], ['men', selectUnits(panel, (u: number) => panel.unitCols.woman[u] === 0)]);
    const truthFile = JSON.parse(fs.readFileSync(path.join(dir, 'truth.json'), 'utf8'));
    const result: SeedResult = { truth: {}, estimate: {} };
    for (const y of OUTCOMES) {
      const t = truthFile.outcomes[y];
      result.truth[y] = { all: t.all.overall, women: t.women.overall, men: t.men.overall };
      result.estimate[y] = {} as SeedResult['estimate'][string];
      for (const [part, p] of parts) {
        const a = aggte(attgtPanel(p, { y, group: 'start_group', control: 'notyet', method: 'dr' }), { type: 'group', naRm: true });
        result.estimate[y][part] = { att: a.att!, se: a.se! };
      }
    }
    return result;
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const sd = (v: number[]) => Math.sqrt(v.reduce((a, b) => a + (b - mean(v)) ** 2, 0) / (v.length - 1));
const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(2));

async function monteCarlo(seeds: number, from: number): Promise<void> {
  const runs: SeedResult[] = [];
  for (let s = from; s < from + seeds; s++) runs.push(await estimateSeed(s));
  console.log(`${seeds} seeds from ${from}\n`);
  console.log('| outcome | mean SE | R24 SE | ratio | mean truth | R24 effect | mean estimate | mean z | sd z | max abs z | 95 % coverage |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const y of OUTCOMES) {
    const se = runs.map((r) => r.estimate[y].all.se);
    const truth = runs.map((r) => r.truth[y].all);
    const est = runs.map((r) => r.estimate[y].all.att);
    const z = runs.map((r, i) => (est[i] - truth[i]) / se[i]);
    const pub = R24_MODEL1[y];
    const cover = z.filter((x) => Math.abs(x) <= 1.96).length / z.length;
    console.log(
      `| ${pub.label} | ${fmt(mean(se))} | ${pub.se} | ${(mean(se) / pub.se).toFixed(2)} | ${fmt(mean(truth))} | ${pub.att} | ${fmt(mean(est))} | ${mean(z).toFixed(2)} | ${sd(z).toFixed(2)} | ${Math.max(...z.map(Math.abs)).toFixed(2)} | ${(100 * cover).toFixed(0)} % |`,
    );
  }
}

async function table(seed: number): Promise<void> {
  const r = await estimateSeed(seed, true);
  console.log(`seed ${seed}\n`);
  console.log('| outcome | truth all / women / men | estimate (SE), all | women | men | R24 all (SE) / women / men |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const y of OUTCOMES) {
    const t = r.truth[y];
    const e = r.estimate[y];
    const pub = R24_MODEL1[y];
    const es = (p: Part) => `${fmt(e[p].att)} (${fmt(e[p].se)})`;
    console.log(`| ${pub.label} | ${fmt(t.all)} / ${fmt(t.women)} / ${fmt(t.men)} | ${es('all')} | ${es('women')} | ${es('men')} | ${pub.att} (${pub.se}) / ${pub.women} / ${pub.men} |`);
  }
}

if (require.main === module) {
  const run = process.argv.includes('--table') ? table(arg('--seed', DEFAULT_SEED)) : monteCarlo(arg('--seeds', 24), arg('--from', 100));
  run.catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
