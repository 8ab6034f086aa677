/**
 * Monte Carlo check that truth.json defines what the estimator estimates: for many seeds,
 * generate team-rct, estimate the headline effects with the doubly robust staggered DiD
 * (not-yet-treated controls, R24's 9 start groups) and summarise z = (estimate − truth) / SE.
 * With a correct truth, z has mean about 0 and standard deviation about 1.
 *
 *   node -r tsx/cjs data-synthetic/check-recovery.ts [--seeds 24] [--from 100]
 *
 * Takes about 4–5 s per seed on 2 cores (too slow for the test suite; the suite checks one
 * seed in test/synthetic/recovery.test.ts).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deriveUnits, loadStudy } from '../src/data';
import { startGroups } from '../src/data/schemas/team-rct';
import { aggte, attgtPanel } from '../src/estimate';
import { synth } from './main';

const OUTCOMES = ['wage_kr', 'wage', 'subsidised_or_newstart', 'mis_studies', 'social_assistance_kr', 'social_assistance', 'sickness_benefit_net_days', 'public_support'];

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const seeds = arg('--seeds', 24);
  const from = arg('--from', 100);
  const z: Record<string, number[]> = {};
  for (let s = from; s < from + seeds; s++) {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'recovery-'));
    try {
      await synth({ seed: s, out, studies: ['team-rct'] }, () => {});
      const dir = path.join(out, 'team-rct');
      const study = await loadStudy('team-rct', dir);
      const groups = startGroups(study.panels.monthly.unitCols.first_meeting_month);
      const panel = deriveUnits(study.panels.monthly, { start_group: (u: number) => groups.unitStart[u] });
      const truth = JSON.parse(fs.readFileSync(path.join(dir, 'truth.json'), 'utf8'));
      for (const y of OUTCOMES) {
        const a = aggte(attgtPanel(panel, { y, group: 'start_group', control: 'notyet', method: 'dr' }), { type: 'group', naRm: true });
        (z[y] ??= []).push((a.att! - truth.outcomes[y].all.overall) / a.se!);
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }
  console.log(`| outcome | mean z | sd z | max abs z |  (${seeds} seeds from ${from})\n|---|---:|---:|---:|`);
  for (const y of OUTCOMES) {
    const v = z[y];
    const m = v.reduce((a, b) => a + b, 0) / v.length;
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
    console.log(`| ${y} | ${m.toFixed(2)} | ${sd.toFixed(2)} | ${Math.max(...v.map(Math.abs)).toFixed(2)} |`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
