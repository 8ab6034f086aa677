/**
 * The Rambachan-Roth options of `finsam-eval did` (--sensitivity rm,sd, --mbar, --m,
 * --sensitivity-e / --sensitivity-average): parsed and checked before any data is read, so a
 * bad flag is a usage error (exit 2) that costs nothing; and the text table of the result.
 */
import type { SensitivityResult } from '../sensitivity/index';

export interface SensitivityCliOptions {
  sensitivity?: string;
  mbar?: string;
  m?: string;
  sensitivityE?: string;
  sensitivityAverage?: boolean;
}

export interface SensitivityRequest {
  readonly rm: boolean;
  readonly sd: boolean;
  /** Lists in the order given. */
  readonly mbar: readonly number[];
  /** null: the default grid scaled to the target's standard error. */
  readonly m: readonly number[] | null;
  readonly target: { readonly e: number } | 'average';
}

function usage(message: string): Error {
  const err = new Error(message);
  err.name = 'UserError';
  return err;
}

function numberList(flag: string, v: string): number[] {
  const parts = v.split(',').map((s) => s.trim());
  if (parts.length === 0 || parts.some((s) => s === '')) throw usage(`${flag} needs a comma-separated list of numbers, not "${v}"`);
  return parts.map((s) => {
    const x = Number(s);
    if (!Number.isFinite(x) || x < 0) throw usage(`${flag}: "${s}" is not a non-negative number`);
    return x;
  });
}

/** Null when no sensitivity was asked for; throws a usage error for inconsistent flags. */
export function parseSensitivityOptions(o: SensitivityCliOptions, base: string | undefined): SensitivityRequest | null {
  const any = o.sensitivity !== undefined || o.mbar !== undefined || o.m !== undefined || o.sensitivityE !== undefined || !!o.sensitivityAverage;
  if (!any) return null;
  if (o.sensitivity === undefined) throw usage('--mbar, --m, --sensitivity-e and --sensitivity-average need --sensitivity rm,sd (or rm, or sd)');
  const kinds = o.sensitivity.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const bad = kinds.filter((k) => k !== 'rm' && k !== 'sd');
  if (kinds.length === 0 || bad.length > 0) throw usage(`--sensitivity takes rm (relative magnitudes), sd (smoothness) or both as rm,sd, not "${o.sensitivity}"`);
  const rm = kinds.includes('rm');
  const sd = kinds.includes('sd');
  if ((base ?? 'varying') !== 'universal') {
    throw usage(
      '--sensitivity needs --base universal: the Rambachan-Roth restrictions bound the trend violation relative to one reference period (e = -1), ' +
        'and with a varying base period the pre-period estimates are period-to-period changes, not deviations from that reference',
    );
  }
  if (o.mbar !== undefined && !rm) throw usage('--mbar is for relative magnitudes: add rm to --sensitivity');
  if (o.m !== undefined && !sd) throw usage('--m is for smoothness: add sd to --sensitivity');
  if (o.sensitivityE !== undefined && o.sensitivityAverage) throw usage('give either --sensitivity-e E or --sensitivity-average, not both');
  let target: SensitivityRequest['target'] = { e: 0 };
  if (o.sensitivityAverage) target = 'average';
  else if (o.sensitivityE !== undefined) {
    const e = Number(o.sensitivityE);
    if (!Number.isInteger(e) || e < 0) throw usage(`--sensitivity-e must be a post-period event time (a whole number >= 0), not "${o.sensitivityE}"`);
    target = { e };
  }
  return {
    rm,
    sd,
    mbar: o.mbar !== undefined ? numberList('--mbar', o.mbar) : [0, 0.5, 1, 1.5, 2],
    m: o.m !== undefined ? numberList('--m', o.m) : null,
    target,
  };
}

/** The JSON block: {"e", "original": {lb, ub}, "rm": [{mbar, lb, ub}], "sd": [{m, lb, ub}], "breakdown": {rm, sd}}. */
export function sensitivityJson(r: SensitivityResult): Record<string, unknown> {
  return {
    e: r.e,
    original: { lb: r.original.lb, ub: r.original.ub },
    rm: r.rm.map((x) => ({ mbar: x.mbar, lb: x.lb, ub: x.ub })),
    sd: r.sd.map((x) => ({ m: x.m, lb: x.lb, ub: x.ub })),
    breakdown: { rm: r.breakdown.rm, sd: r.breakdown.sd },
  };
}

function fmt(v: number | null): string {
  if (v === null) return 'NA';
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-4)) return v.toExponential(3);
  return v.toFixed(a >= 100 ? 2 : 4);
}

/** A text table: the original interval, then one row per Mbar and per M. */
export function sensitivityText(r: SensitivityResult): string {
  const level = Math.round((1 - r.alpha) * 100);
  const target = r.e === 'average' ? `the average effect over event times ${r.eventTimes.slice(r.numPre).join(', ')}` : `the effect at event time e = ${r.e}`;
  const rows: string[][] = [['original (parallel trends)', '', fmt(r.original.lb), fmt(r.original.ub)]];
  for (const x of r.rm) rows.push(['relative magnitudes (C-LF)', `Mbar = ${x.mbar}`, fmt(x.lb), fmt(x.ub)]);
  for (const x of r.sd) rows.push(['smoothness (FLCI)', `M = ${x.m}`, fmt(x.lb), fmt(x.ub)]);
  const head = ['restriction', 'bound', 'lower', 'upper'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (cells: string[]) => cells.map((s, c) => (c < 2 ? s.padEnd(widths[c]) : s.padStart(widths[c]))).join('  ');
  const out = [
    `Sensitivity to violations of parallel trends (Rambachan & Roth 2023), ${level}% robust confidence sets for ${target}`,
    `Pre-periods ${r.numPre} (reference e = -1 dropped), post periods ${r.numPost}`,
    '',
    line(head),
    ...rows.map(line),
  ];
  const bd = (v: number | null, capped: boolean, name: string) =>
    v === null ? `${name}: zero is inside the set already at 0` : `${name}: ${capped ? 'at least ' : ''}${fmt(v)}`;
  const parts: string[] = [];
  if (r.rm.length) parts.push(bd(r.breakdown.rm, r.breakdownCapped.rm, 'Mbar'));
  if (r.sd.length) parts.push(bd(r.breakdown.sd, r.breakdownCapped.sd, 'M'));
  if (parts.length) out.push('', `Breakdown values (largest bound whose set still excludes zero): ${parts.join('; ')}`);
  return out.join('\n') + '\n';
}
