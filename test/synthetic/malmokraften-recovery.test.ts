/**
 * Recovery of the Malmökraften truth by the project's staggered DiD (R23's main model):
 * doubly robust cells, never-treated controls, propensity score and outcome regression on
 * the five list-quota variables, aggregated like aggte(type = "group"). Treatment was
 * drawn on the quota variables only, so this model is consistent for truth.json; without
 * the covariates it is biased in the direction the generator builds in: upwards for wage
 * income (the quota groups' work rises faster after 2018) and downwards for social
 * assistance (households on assistance at the list date leave it faster).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateMalmokraften, type MalmokraftenTruth } from '../../data-synthetic/malmokraften';
import { loadStudy, type Panel } from '../../src/data';
import { QUOTA_COLUMNS } from '../../src/data/schemas/malmokraften';
import { didPanel } from '../../src/estimate';

const SEED = 2024;
let monthly: Panel;
let truth: MalmokraftenTruth;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'malmokraften-recovery-'));
  await generateMalmokraften(dir, SEED);
  monthly = (await loadStudy('malmokraften', dir)).panels.monthly;
  truth = JSON.parse(fs.readFileSync(path.join(dir, 'truth.json'), 'utf8'));
}, 120_000);

function groupAtt(y: string, covariates: readonly string[]) {
  const res = didPanel(monthly, { y, group: 'start_month', covariates, method: 'dr', control: 'never' }, [{ type: 'group' }]);
  expect(res.attgt.warnings).toEqual([]);
  const agg = res.aggte[0];
  if (agg.att === null || agg.se === null) throw new Error(`${y}: the overall effect is NA`);
  return { att: agg.att, se: agg.se, by: agg.by };
}

describe('malmokraften: staggered DR DiD recovers the truth only with the quota covariates', () => {
  for (const [y, sign] of [
    ['wage_kr', 1],
    ['social_assistance', -1],
  ] as const) {
    it(`${y}: within 2.5 SE of the truth with the quota covariates; biased ${sign > 0 ? 'upwards' : 'downwards'} by more than 2.5 SE without`, () => {
      const target = truth.outcomes[y].overall;
      const adjusted = groupAtt(y, QUOTA_COLUMNS);
      expect(adjusted.se).toBeGreaterThan(0);
      expect(Math.abs(adjusted.att - target) / adjusted.se).toBeLessThan(2.5);
      // Every start group is estimated (G3 is small but has overlap).
      expect(adjusted.by.map((b) => b.att === null)).toEqual([false, false, false, false, false]);
      const unadjusted = groupAtt(y, []);
      expect((sign * (unadjusted.att - target)) / unadjusted.se).toBeGreaterThan(2.5);
    });
  }
});
