/**
 * A small simulated survey panel with the team-survey columns (waves as periods, answer
 * dates, delays, team status, answers) and a known team effect, for the survey model and
 * table tests.
 */
import type { Panel } from '../../src/data/panel';
import { Rng } from '../../src/random/rng';
import { makePanel } from '../stats/helpers';

export interface SimulatedSurvey {
  panel: Panel;
  /** Latent team effect added to every answer given after meeting the team. */
  effect: number;
}

const DAY = 86_400_000;
const dayOf = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / DAY;

/**
 * `persons` persons, 60 % treated; wave 1 in 2019 or 2020, wave 2 six months later
 * (treated have met the team), wave 3 for controls (met the team). Answers are
 * person effect + year effect + effect·team + noise on a continuous scale (not rounded), so
 * the fixed-effects estimate is unbiased; delays 0–60 days, some items missing.
 */
export function simulateSurvey(seed: number, persons = 300, effect = 1.5): SimulatedSurvey {
  const rng = new Rng(seed);
  const rows: { unit: number; time: number; [c: string]: number }[] = [];
  const unitCols: Record<string, number[]> = { woman: [], foreign_background: [], education: [], arm: [], birth_year: [] };
  const yearEffect: Record<number, number> = { 2019: 0, 2020: -0.5, 2021: 0.4, 2022: 0.2 };
  for (let u = 0; u < persons; u++) {
    const treated = rng.uniform() < 0.6;
    const birth = 1960 + Math.floor(rng.uniform() * 40);
    unitCols.woman.push(rng.uniform() < 0.6 ? 1 : 0);
    unitCols.foreign_background.push(rng.uniform() < 0.4 ? 1 : 0);
    unitCols.education.push(rng.uniform() < 0.05 ? NaN : Math.floor(rng.uniform() * 4));
    unitCols.arm.push(treated ? 0 : 1);
    unitCols.birth_year.push(birth);
    const alpha = 4 + 2 * rng.normal();
    const start = dayOf(2019, 1, 1) + Math.floor(rng.uniform() * 500);
    const waves = treated ? [1, 2] : [1, 2, 3];
    for (const w of waves) {
      if (w > 1 && rng.uniform() < 0.15) continue;
      const sent = start + (w - 1) * 182;
      const delay = Math.floor(rng.uniform() * 60);
      const answer = sent + delay;
      const year = new Date(answer * DAY).getUTCFullYear();
      const team = (treated && w === 2) || (!treated && w === 3) ? 1 : 0;
      const y = alpha + yearEffect[year] + effect * team + rng.normal();
      rows.push({
        unit: u + 1,
        time: w,
        sent_date: sent,
        answer_date: answer,
        delay_days: delay,
        team,
        age: year - birth,
        q1: rng.uniform() < 0.03 ? NaN : y,
        q4: Math.max(0, Math.min(4, Math.round(y / 3))),
      });
    }
  }
  const panel = makePanel(rows, unitCols);
  return { panel: { ...panel, levels: { education: ['primary_lt9', 'primary_9', 'upper_secondary', 'post_secondary'], arm: ['T', 'C'] } }, effect };
}
