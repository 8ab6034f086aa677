/**
 * finsam-eval twfe: two-way fixed effects regression on a long CSV.
 *
 *   finsam-eval twfe --data survey_panel.csv --y y --id id --time year --x team,x1,x2 --json
 *
 * Unit and period fixed effects, standard errors clustered by unit (or --cluster), as
 * fixest::feols(y ~ x | id + time, cluster = ~id). Rows with an empty y, x or cluster cell
 * are left out, as fixest does.
 */
import type { Command } from 'commander';
import { readPanelCsv } from '../../data/load';
import type { Value } from '../../stats/na';
import { twfePanel, type TwfeResult } from '../../stats/twfe';
import { UserError } from '../main';

interface TwfeFlags {
  data: string;
  y: string;
  id: string;
  time: string;
  x: string;
  cluster?: string;
  timeKind: string;
  dropSingletons?: boolean;
  json?: boolean;
}

function valueOrNull(v: Value): number | null {
  return v.value;
}

/** The JSON the command prints: {"coef": {name: {est, se, t, p}}, n, units, r2, r2_within}. */
export function twfeJson(r: TwfeResult): Record<string, unknown> {
  const coef: Record<string, Record<string, number | null>> = {};
  for (const c of r.coef) coef[c.name] = { est: valueOrNull(c.est), se: valueOrNull(c.se), t: valueOrNull(c.t), p: valueOrNull(c.p) };
  return { coef, n: r.n, units: r.units, r2: valueOrNull(r.r2), r2_within: valueOrNull(r.r2Within) };
}

function show(v: Value, digits: number): string {
  return v.value === null ? `NA (${v.na.reason.en})` : v.value.toFixed(digits);
}

function twfeText(r: TwfeResult, flags: TwfeFlags): string {
  const lines = [
    `Two-way fixed effects: ${flags.y} ~ ${flags.x.split(',').join(' + ')} | ${flags.id} + ${flags.time}`,
    `Standard errors clustered by ${flags.cluster ?? flags.id} (${r.clusters} clusters; CR1 factor ${r.sscFactor.toFixed(6)}, K = ${r.k}); p from t(${r.dfT})`,
    '',
    ['variable', 'estimate', 'std.error', 't', 'p'].map((h) => h.padStart(12)).join(''),
  ];
  for (const c of r.coef) lines.push([c.name, show(c.est, 6), show(c.se, 6), show(c.t, 3), show(c.p, 4)].map((s) => s.padStart(12)).join(''));
  lines.push('', `N = ${r.n}, units = ${r.units}, periods = ${r.times}, R2 = ${show(r.r2, 4)}, within R2 = ${show(r.r2Within, 4)}`);
  if (r.dropped.missing > 0 || r.dropped.singletons > 0) {
    lines.push(`Left out: ${r.dropped.missing} rows with missing values, ${r.dropped.singletons} singleton rows`);
  }
  if (r.lpm) lines.push('The outcome is 0/1: a linear probability model.');
  return lines.join('\n') + '\n';
}

export async function runTwfe(flags: TwfeFlags): Promise<string> {
  const xs = flags.x
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (xs.length === 0) throw new UserError('twfe: --x needs at least one regressor');
  const timeKind = flags.timeKind;
  if (timeKind !== 'integer' && timeKind !== 'year' && timeKind !== 'month') {
    throw new UserError(`twfe: --time-kind must be integer, year or month, not "${timeKind}"`);
  }
  const cluster = flags.cluster === flags.id ? undefined : flags.cluster;
  for (const name of [flags.y, ...xs]) {
    if (name === flags.id || name === flags.time) throw new UserError(`twfe: "${name}" is the id or time column; it cannot be the outcome or a regressor`);
  }
  const repeated = xs.find((n, i) => xs.indexOf(n) !== i || n === flags.y);
  if (repeated !== undefined) throw new UserError(`twfe: column "${repeated}" is given twice`);
  const fromFile = cluster === undefined || cluster === flags.time ? [] : [cluster];
  const columns = Array.from(new Set([flags.y, ...xs, ...fromFile]));
  const panel = await readPanelCsv(flags.data, {
    id: flags.id,
    time: flags.time,
    timeKind,
    columns,
    optional: columns,
  });
  const result = twfePanel(panel, { y: flags.y, x: xs, cluster, dropSingletons: flags.dropSingletons });
  if (result.na) throw new UserError(`twfe: nothing to estimate in ${flags.data}: ${result.na.reason.en}`);
  return flags.json ? JSON.stringify(twfeJson(result)) + '\n' : twfeText(result, flags);
}

export function register(program: Command): void {
  program
    .command('twfe')
    .description('two-way fixed effects regression (unit and period FE) with cluster-robust standard errors')
    .requiredOption('--data <file>', 'long CSV, one row per unit and period')
    .requiredOption('--y <column>', 'outcome')
    .requiredOption('--id <column>', 'unit identifier (unit fixed effects)')
    .requiredOption('--time <column>', 'period, a whole number (period fixed effects)')
    .requiredOption('--x <columns>', 'regressors, comma-separated')
    .option('--time-kind <kind>', 'how periods are written: integer (any whole number), year, or month ("YYYY-MM")', 'integer')
    .option('--cluster <column>', 'cluster variable (default: the unit identifier)')
    .option('--drop-singletons', 'leave out units observed once (fixest fixef.rm = "singleton"); default keeps them, as feols')
    .option('--json', 'print JSON: {"coef": {name: {est, se, t, p}}, n, units, r2, r2_within}')
    .action(async (flags: TwfeFlags) => {
      process.stdout.write(await runTwfe(flags));
    });
}
