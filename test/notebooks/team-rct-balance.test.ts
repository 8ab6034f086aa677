/**
 * notebooks/02-team-rct-balance.ipynb under the real tslab kernel: runs without errors,
 * shows R24 Tables B3–B7, and its numbers are those of the library computed here directly
 * (and, for a few cells, from first principles on the raw panel).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadStudy, monthCode, type Study } from '../../src/data/index';
import { tableNumbers } from '../../src/report/numbers';
import { everInState } from '../../src/stats/descriptive';
import { teamRctBalanceData, teamRctBalanceTables, teamRctHistoryTable } from '../../src/tables/team-rct-balance';
import { executeNotebookAsync, type ExecutedNotebook } from '../helpers/notebook';
import { ensureTeamRctData, errorOutputs, notebookPath, shownItems, type ShownItems } from './team-rct-helpers';

let nb: ExecutedNotebook;
let shown: ShownItems;
let study: Study;

beforeAll(async () => {
  const dir = await ensureTeamRctData();
  nb = await executeNotebookAsync(notebookPath('02-team-rct-balance.ipynb'));
  shown = shownItems(nb);
  study = await loadStudy('team-rct', dir);
}, 600_000);

/** A cell's value as the notebook computed it (numbers.json rounds it to the printed precision). */
const num = (s: ShownItems, id: string, row: string, column: string) => {
  const t = s.tables.get(id)!;
  const j = t.columns.findIndex((c) => c.key === column);
  return { value: t.rows.find((r) => r.key === row)!.cells[j].value };
};

describe('02-team-rct-balance notebook', () => {
  it('executes headless without error output', () => {
    expect(nb.status, nb.stderr.slice(-2000)).toBe(0);
    expect(errorOutputs(nb)).toEqual([]);
  });

  it('shows Tables B3–B7 under their catalog ids, and computed text', () => {
    expect([...shown.tables.keys()].sort()).toEqual(['r24-tab-b3', 'r24-tab-b4', 'r24-tab-b5', 'r24-tab-b6', 'r24-tab-b7']);
    expect(shown.texts.length).toBeGreaterThanOrEqual(4);
    for (const t of shown.texts) expect(t.markdown.sv).not.toMatch(/NaN|undefined/);
  });

  it('has the numbers of the balance library computed directly', () => {
    const data = teamRctBalanceData(study);
    const direct = { ...teamRctBalanceTables(data), b4: teamRctHistoryTable(data) };
    for (const [k, t] of Object.entries(direct)) {
      expect(tableNumbers(shown.tables.get(`r24-tab-${k}`)!), k).toEqual(tableNumbers(t));
    }
  });

  it('agrees with first principles on the raw panel for a few cells', () => {
    const m = study.panels.monthly;
    const u = m.unitCols;
    const T = m.levels.arm.indexOf('T');
    // Share of women in the treatment group.
    let nT = 0;
    let womenT = 0;
    for (let i = 0; i < m.nUnits; i++) if (u.arm[i] === T) (nT++, (womenT += u.woman[i]));
    expect(num(shown, 'r24-tab-b3', 'woman', 'a').value).toBeCloseTo(womenT / nT, 14);
    expect(num(shown, 'r24-tab-b3', 'observations', 'a').value).toBe(nT);
    // Social assistance in kronor over the 12 months before consent, control group mean.
    let sum = 0;
    let nC = 0;
    const sa = m.cols.social_assistance_kr;
    for (let i = 0; i < m.nUnits; i++) {
      if (u.arm[i] === T) continue;
      nC++;
      for (let r = m.rowStart[i]; r < m.rowStart[i + 1]; r++) {
        const d = m.rowTime[r] - u.consent_month[i];
        if (d >= -12 && d <= -1) sum += sa[r];
      }
    }
    expect(num(shown, 'r24-tab-b3', 'fs_kr', 'b').value).toBeCloseTo(sum / nC, 8);
    // Months with social assistance from January 2015 to the first meeting (B4), via everInState.
    const months = new Float64Array(m.nUnits);
    for (let i = 0; i < m.nUnits; i++)
      for (let r = m.rowStart[i]; r < m.rowStart[i + 1]; r++)
        if (m.rowTime[r] >= monthCode(2015, 1) && m.rowTime[r] < u.first_meeting_month[i] && sa[r] > 0) months[i]++;
    const all = everInState(months);
    expect(num(shown, 'r24-tab-b4', 'fs_all', 'all').value).toBeCloseTo(all.all.mean.value!, 12);
    expect(num(shown, 'r24-tab-b4', 'fs_share', 'all').value).toBeCloseTo(all.ever.share.value!, 12);
    expect(num(shown, 'r24-tab-b4', 'fs_ever', 'all').value).toBeCloseTo(all.amongEver.mean.value!, 12);
  });

  it('prints p-values between 0 and 1 and no NaN anywhere', () => {
    for (const t of shown.tables.values()) {
      for (const r of tableNumbers(t)) {
        if (r.column === 'p' && r.value !== null) expect(r.value).toBeGreaterThanOrEqual(0), expect(r.value).toBeLessThanOrEqual(1);
        if (r.value !== null) expect(Number.isFinite(r.value)).toBe(true);
      }
    }
  });
});
