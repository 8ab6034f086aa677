/**
 * Which persons and months a staggered-DiD model keeps, stated before any estimation, so a
 * reader (and a test) can see a model's sample rules apart from the engine:
 *
 * 1. persons: the model's units (`units`), with the outcome and every covariate recorded in
 *    each month of the window (the engine keeps a balanced panel: a person missing a month
 *    leaves the whole model, as did's panel mode does); under the `unbalanced` option every
 *    person with at least one such month, with the months recorded;
 * 2. months: the model's window for this outcome (`modelForOutcome`: the later of `from`
 *    and the outcome's own first month), ending before the last start group's coded start
 *    when nobody is never treated and the comparison is the not-yet-treated: from that
 *    month on nobody is left to compare with (did and csdid behave the same way), so the
 *    last group serves only as comparison;
 * 3. rows = persons × months (the engine's nObs, "Observationer"); unbalanced: the months
 *    recorded, summed over the persons.
 */
import type { Panel } from '../data/panel';
import { periodWindow } from '../data/verbs/restrict-periods';
import { modelForOutcome, type DidModel, type DidSettings } from './did-grid';

export interface ModelSample {
  /** Unit indices of the persons kept, ascending. */
  readonly persons: readonly number[];
  /** First and last month (period codes) kept. */
  readonly from: number;
  readonly to: number;
  /** Months kept (from..to present in the panel). */
  readonly months: number;
  /** Person-months: persons × months (unbalanced: the recorded months of the persons kept). */
  readonly rows: number;
  /** Coded start of the last start group when it is comparison only (months from it on are left out), else null. */
  readonly lastGroupStart: number | null;
}

/** The persons and months `model` keeps for `outcome` (the rules in the module comment). */
export function modelSample(panel: Panel, model: DidModel, outcome: string, settings: DidSettings): ModelSample {
  const m = modelForOutcome(panel, model, outcome);
  const { lo, hi } = periodWindow(panel, m.from ?? null, m.to ?? null);
  const g = panel.unitCols[settings.group];
  if (!g) throw new Error(`modelSample: no per-unit column "${settings.group}"`);
  const y = panel.cols[outcome];
  if (!y) throw new Error(`modelSample: no outcome column "${outcome}"`);
  const covs = (m.covariates ?? []).map((c) => (c.startsWith('factor(') ? c.slice(7, -1) : c));
  const inUnits = (u: number): boolean =>
    m.units === undefined ? true : typeof m.units === 'function' ? m.units(u, panel) : Boolean(m.units[u]);
  const candidates: number[] = [];
  for (let u = 0; u < panel.nUnits; u++) if (inUnits(u)) candidates.push(u);
  // The last group is comparison only when nobody is never treated under not-yet-treated controls.
  const opts = { ...settings.options, ...m.options };
  const control = opts.control ?? 'never';
  let maxG = -Infinity;
  let never = false;
  for (const u of candidates) {
    const gu = g[u];
    if (!Number.isFinite(gu) || gu === 0) never = true;
    else maxG = Math.max(maxG, gu);
  }
  const lastGroupStart = control !== 'never' && !never && Number.isFinite(maxG) ? maxG : null;
  const top = lastGroupStart === null ? hi : Math.min(hi, lastGroupStart - 1);
  const periods = Array.from(panel.periods).filter((t) => t >= lo && t <= top);
  const persons: number[] = [];
  let rows = 0;
  for (const u of candidates) {
    let seen = 0;
    let recorded = 0;
    for (let r = panel.rowStart[u]; r < panel.rowStart[u + 1]; r++) {
      const t = panel.rowTime[r];
      if (t < lo || t > top) continue;
      seen++;
      let ok = Number.isFinite(y[r]);
      for (const c of covs) {
        const v = panel.unitCols[c]?.[u] ?? panel.cols[c]?.[r];
        if (v === undefined || Number.isNaN(v)) ok = false;
      }
      if (ok) recorded++;
    }
    // Balanced: every month of the window recorded; unbalanced: at least one.
    const keep = opts.unbalanced ? recorded > 0 : recorded === periods.length && seen === periods.length;
    if (keep) {
      persons.push(u);
      rows += recorded;
    }
  }
  return {
    persons,
    from: periods[0] ?? lo,
    to: periods[periods.length - 1] ?? top,
    months: periods.length,
    rows,
    lastGroupStart,
  };
}
