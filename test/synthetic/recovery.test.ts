/**
 * Recovery: the doubly robust staggered DiD (Callaway & Sant'Anna with not-yet-treated
 * controls; R24's 9 start groups, the last only as control) recovers the true effects the
 * generator wrote to truth.json, within 2.5 standard errors, for the headline outcomes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { deriveUnits, loadStudy, selectUnits, type Panel } from '../../src/data';
import { startGroups } from '../../src/data/schemas/team-rct';
import { aggte, attgtPanel } from '../../src/estimate';
import { generateTeamStudies } from './fixture';

const HEADLINE = ['wage_kr', 'subsidised_or_newstart', 'mis_studies', 'social_assistance_kr', 'social_assistance', 'sickness_benefit_net_days', 'public_support'];

let panel: Panel;
let truth: { outcomes: Record<string, Record<'all' | 'women' | 'men', { overall: number }>>; start_groups: { start: string; size: number }[] };

beforeAll(async () => {
  const out = await generateTeamStudies();
  const dir = path.join(out, 'team-rct');
  const study = await loadStudy('team-rct', dir);
  const m = study.panels.monthly;
  const groups = startGroups(m.unitCols.first_meeting_month);
  panel = deriveUnits(m, { start_group: (u: number) => groups.unitStart[u] });
  truth = JSON.parse(fs.readFileSync(path.join(dir, 'truth.json'), 'utf8'));
}, 120_000);

function estimate(p: Panel, y: string) {
  const cells = attgtPanel(p, { y, group: 'start_group', control: 'notyet', method: 'dr' });
  return { overall: aggte(cells, { type: 'group', naRm: true }), dynamic: aggte(cells, { type: 'dynamic', naRm: true }), cells };
}

describe('DR DiD recovers the synthetic truth of team-rct', () => {
  it('uses 9 start groups, 8 of them estimated (the last is only a control)', () => {
    const { cells } = estimate(panel, 'wage_kr');
    const estimated = new Set(cells.cells.filter((c) => c.post && c.att !== null).map((c) => c.group));
    expect(estimated.size).toBe(8);
    expect(truth.start_groups).toHaveLength(9);
  });

  for (const y of HEADLINE) {
    it(`${y}: group-aggregated ATT within 2.5 SE of the truth, pre-period average within 3 SE of 0`, () => {
      const { overall, dynamic } = estimate(panel, y);
      const t = truth.outcomes[y].all.overall;
      expect(overall.se!).toBeGreaterThan(0);
      expect(Math.abs(overall.att! - t) / overall.se!, `estimate ${overall.att} (SE ${overall.se}), truth ${t}`).toBeLessThan(2.5);
      // The pre-period average is a placebo whose z is N(0, 1) at a random seed: seven
      // outcomes at 2.5 fail one seed in six by chance (seed 2024 after the B6/B7
      // recalibration: −2.69 for assistance, 2.57 for sickness days, while seeds 1–7 all lie
      // within ±1.7), so the placebo gets 3 (one seed in 25); the recovery keeps 2.5.
      expect(Math.abs(dynamic.pre!.att!) / dynamic.pre!.se!, `pre-period average ${dynamic.pre!.att} (SE ${dynamic.pre!.se})`).toBeLessThan(3);
    });
  }

  for (const y of ['wage_kr', 'social_assistance_kr']) {
    it(`${y}: also for women and for men separately`, () => {
      for (const [sex, woman] of [['women', 1], ['men', 0]] as const) {
        const sub = selectUnits(panel, (u: number) => panel.unitCols.woman[u] === woman);
        const { overall } = estimate(sub, y);
        const t = truth.outcomes[y][sex].overall;
        expect(Math.abs(overall.att! - t) / overall.se!, `${sex}: estimate ${overall.att} (SE ${overall.se}), truth ${t}`).toBeLessThan(2.5);
      }
    });
  }
});
