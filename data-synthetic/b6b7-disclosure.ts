/**
 * How many cells of R24 Tables B6/B7 (women / men, treatment vs control in the year before
 * consent) disclosure control withholds on a data directory, and the shares behind them:
 * a check that suppression on synthetic data reflects what the real data would need
 * (issue 13, item 12). Runs the report's own protectTables over B3, B5, B6 and B7 (the
 * tables tied to B6/B7 by relations), so secondary suppression is the render's.
 *
 *   node -r tsx/cjs data-synthetic/b6b7-disclosure.ts [--data DIR]    (default: out/team-rct)
 */
import * as path from 'node:path';
import { loadStudy } from '../src/data/study';
import { protectTables } from '../src/disclosure/index';
import { teamRctBalanceData, teamRctBalanceTables } from '../src/tables/team-rct-balance';

async function main(): Promise<void> {
  const i = process.argv.indexOf('--data');
  const dir = i > 0 ? process.argv[i + 1] : path.join(__dirname, 'out', 'team-rct');
  const study = await loadStudy('team-rct', dir);
  const t = teamRctBalanceTables(teamRctBalanceData(study));
  const res = await protectTables([t.b3, t.b5, t.b6, t.b7]);
  for (const r of res.report) {
    if (r.id !== 'r24-tab-b6' && r.id !== 'r24-tab-b7') continue;
    const rows = new Set([...r.primary.map((c) => c.row), ...r.secondary.map((c) => c.row)]);
    console.log(`${r.id}: ${r.numbers} numbers; withheld ${r.primary.length} primary + ${r.secondary.length} secondary cells in ${rows.size} rows`);
    for (const c of r.primary) console.log(`  primary   ${c.row} / ${c.column} (${c.rule})`);
    for (const c of r.secondary) console.log(`  secondary ${c.row} / ${c.column}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
