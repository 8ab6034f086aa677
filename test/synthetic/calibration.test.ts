import { describe, expect, it } from 'vitest';
import { measureTeamRct } from '../../data-synthetic/calibration';
import { DEFAULT_SEED } from '../../data-synthetic/main';
import { simulateTeamRct } from '../../data-synthetic/team-rct';

describe('calibration of team-rct to the published figures', () => {
  it('every calibration target is met within its stated tolerance (default seed)', () => {
    const rows = measureTeamRct(simulateTeamRct(DEFAULT_SEED));
    expect(rows.length).toBeGreaterThan(50);
    const misses = rows.filter((r) => !(Math.abs(r.achieved - r.published) <= r.tolerance)).map((r) => `${r.figure}: ${r.achieved} vs ${r.published} ± ${r.tolerance}`);
    expect(misses).toEqual([]);
  }, 60_000);
});
