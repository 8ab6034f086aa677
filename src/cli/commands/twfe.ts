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
import { checkEncoding } from '../../data/source';
import { UserError } from '../main';
import { dataWarnings, enforceStrict, estimatorWarning, writeWarnings } from '../warnings';

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
  encoding?: string;
  strict?: boolean;
}

function valueOrNull(v: Value): number | null {
  return v.value;
}

/** The JSON the command prints: {"coef": {name: {est, se, t, p}}, n, units, r2, r2_within, warnings}. */
export function twfeJson(r: TwfeResult, warnings: readonly string[] = r.warnings): Record<string, unknown> {
  const coef: Record<string, Record<string, number | null>> = {};
  for (const c of r.coef) coef[c.name] = { est: valueOrNull(c.est), se: valueOrNull(c.se), t: valueOrNull(c.t), p: valueOrNull(c.p) };
  return { coef, n: r.n, units: r.units, r2: valueOrNull(r.r2), r2_within: valueOrNull(r.r2Within), warnings: [...warnings] };
}

/** A table cell: NA with a note number (the reasons are listed under the table, not run together in it). */
function show(v: Value, digits: number, notes: string[]): string {
  if (v.value !== null) return v.value.toFixed(digits);
  const reason = v.na.reason.en;
  let k = notes.indexOf(reason);
  if (k < 0) k = notes.push(reason) - 1;
  return `NA[${k + 1}]`;
}

function twfeText(r: TwfeResult, flags: TwfeFlags, warnings: readonly string[]): string {
  const notes: string[] = [];
  const lines = [
    `Two-way fixed effects: ${flags.y} ~ ${flags.x.split(',').join(' + ')} | ${flags.id} + ${flags.time}`,
    `Standard errors clustered by ${flags.cluster ?? flags.id} (${r.clusters} clusters; CR1 factor ${r.sscFactor.toFixed(6)}, K = ${r.k}); p from t(${r.dfT})`,
    '',
    ['variable', 'estimate', 'std.error', 't', 'p'].map((h) => h.padStart(12)).join(''),
  ];
  const width = Math.max(12, ...r.coef.map((c) => c.name.length + 2));
  for (const c of r.coef) {
    lines.push(c.name.padStart(width) + [show(c.est, 6, notes), show(c.se, 6, notes), show(c.t, 3, notes), show(c.p, 4, notes)].map((s) => s.padStart(12)).join(''));
  }
  lines[3] = 'variable'.padStart(width) + ['estimate', 'std.error', 't', 'p'].map((h) => h.padStart(12)).join('');
  lines.push('', `N = ${r.n}, units = ${r.units}, periods = ${r.times}, R2 = ${show(r.r2, 4, notes)}, within R2 = ${show(r.r2Within, 4, notes)}`);
  notes.forEach((n, k) => lines.push(`NA[${k + 1}]: ${n}`));
  if (r.lpm) lines.push('The outcome is 0/1: a linear probability model.');
  if (warnings.length > 0) lines.push('', 'Warnings:', ...warnings.map((w) => `  ${w}`));
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
  const encoding = checkEncoding(flags.encoding);
  const fromFile = cluster === undefined || cluster === flags.time ? [] : [cluster];
  const columns = Array.from(new Set([flags.y, ...xs, ...fromFile]));
  const panel = await readPanelCsv(flags.data, {
    id: flags.id,
    time: flags.time,
    timeKind,
    columns,
    optional: columns,
    nonEmpty: columns,
    encoding,
    strict: flags.strict,
  });
  const result = twfePanel(panel, { y: flags.y, x: xs, cluster, dropSingletons: flags.dropSingletons });
  if (result.na) throw new UserError(`twfe: nothing to estimate in ${flags.data}: ${result.na.reason.en}`);
  const warnings = [...dataWarnings(panel.warnings), ...result.warnings.map(estimatorWarning)];
  enforceStrict(warnings, flags.strict);
  writeWarnings(warnings);
  const messages = warnings.map((w) => w.message);
  return flags.json ? JSON.stringify(twfeJson(result, messages)) + '\n' : twfeText(result, flags, messages);
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
    .option('--json', 'print JSON: {"coef": {name: {est, se, t, p}}, n, units, r2, r2_within, warnings}')
    .option('--encoding <name>', 'text encoding of the file: utf8 (default, checked) or latin1; gzip is read as is', 'utf8')
    .option('--strict', 'production run: a warning that changes the sample (rows left out) is an error')
    .action(async (flags: TwfeFlags) => {
      process.stdout.write(await runTwfe(flags));
    });
}
