/**
 * finsam-eval did --data F.csv|F.parquet --y Y --time T --id ID --group G [--covariates a,b]
 *   [--method dr|ipw|reg] [--control never|notyet] [--base varying|universal]
 *   [--anticipation N] [--weights W] [--unbalanced] [--rcs] [--cluster C]
 *   [--min-e N] [--max-e N] [--balance-e N] [--bootstrap B --seed S] [--alpha A]
 *   [--na-rm] [--time-kind integer|year|month] [--json] [--timings]
 *   [--sensitivity rm,sd [--mbar 0,0.5,1] [--m 0,0.01] [--sensitivity-e 0 | --sensitivity-average]]
 *
 * Callaway & Sant'Anna ATT(g,t) with the simple, group, dynamic and calendar aggregations
 * (R did 2.5.1's att_gt + aggte). --json prints one document shaped like
 * shared/reference/mpdta_a.json (NA = null); otherwise a table like R's summary.
 * --timings adds one JSON line on stderr. With --time-kind month, periods and the group
 * column are YYYY-MM (group 0 = never treated) and are printed that way; event times are months.
 */
import { Command } from 'commander';
import * as fs from 'node:fs';
import { readPanelCsv } from '../../data/load';
import { formatMonth } from '../../data/panel';
import { checkEncoding } from '../../data/source';
import { dataWarnings, enforceStrict, estimatorWarning, writeWarnings } from '../warnings';
import type { Panel, PeriodKind } from '../../data/panel';
import { aggte, AggteResult, attgtPrepared, AttgtResult, DidSpec, prepareAttgtPanel } from '../../estimate/index';
import { warmUp } from '../../estimate/parallel';
import { defaultMs, honestInputs, sensitivity, targetWeights } from '../../sensitivity/index';
import { parseSensitivityOptions, sensitivityJson, sensitivityText, type SensitivityCliOptions } from '../sensitivity-options';

export function userError(message: string): Error {
  const err = new Error(message);
  err.name = 'UserError';
  return err;
}

export interface ModelReadOptions {
  /** The group column (did): read by the group rule (src/data/group-rule.ts). */
  group?: string;
  encoding?: string;
  strict?: boolean;
  /** Columns kept per row (the outcomes); the others are stored once per unit where constant. Default: all per row. */
  rowLevel?: readonly string[];
}

/**
 * Reads the columns a model names from a long CSV (missing cells allowed: the engine drops
 * those rows, as R, and says so). Every column named must hold at least one value. The
 * group column follows the group rule: 0, empty or NA = never treated (counted in the
 * warnings); with monthly periods it is written YYYY-MM like the time column.
 */
export async function loadModelCsv(file: string, id: string, time: string, timeKind: string, columns: string[], ro: ModelReadOptions & { rowLevel?: readonly string[] } = {}): Promise<Panel> {
  if (!['integer', 'year', 'month'].includes(timeKind)) throw userError(`--time-kind must be integer, year or month, not "${timeKind}"`);
  const encoding = checkEncoding(ro.encoding);
  const unique = Array.from(new Set(columns.filter((c) => c !== id && c !== time && c !== ro.group)));
  // Per-person storage: every column but the outcomes (`rowLevel`) is kept once per unit where it is constant within units.
  const autoPerUnit = ro.rowLevel ? unique.filter((c) => !ro.rowLevel!.includes(c)) : undefined;
  return readPanelCsv(file, {
    id,
    time,
    timeKind: timeKind as PeriodKind,
    columns: unique,
    optional: unique,
    group: ro.group,
    nonEmpty: ro.group ? [...unique, ro.group] : unique,
    encoding,
    strict: ro.strict,
    autoPerUnit,
  });
}

/**
 * Usage rules shared by the model commands, checked before any file is read: a model
 * column cannot be the id or the time column, nor be given twice in two roles.
 */
export function checkModelColumns(command: string, id: string, time: string, roles: readonly (readonly [flag: string, column: string | undefined])[]): void {
  const seen = new Map<string, string>();
  for (const [flag, column] of roles) {
    if (!column) continue;
    if (column === id) throw userError(`${command}: ${flag} "${column}" is the unit identifier (--id); it cannot also be given as ${flag}`);
    if (column === time) throw userError(`${command}: ${flag} "${column}" is the period column (--time); it cannot also be given as ${flag}`);
    const before = seen.get(column);
    if (before !== undefined) throw userError(`${command}: column "${column}" is given both as ${before} and as ${flag}`);
    seen.set(column, flag);
  }
}

export function parseList(v: string | undefined): string[] {
  return v ? v.split(',').map((s) => s.trim()).filter((s) => s.length > 0) : [];
}

/** Column names inside factor(...) are the columns to read. */
export function covariateColumns(covs: string[]): string[] {
  return covs.map((c) => /^\s*factor\(\s*([^)]+?)\s*\)\s*$/.exec(c)?.[1] ?? c);
}

export function wholeNumber(name: string, v: string | undefined, min = -Infinity): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!Number.isInteger(x) || x < min) throw userError(`${name} must be a whole number${min > -Infinity ? ` >= ${min}` : ''}, not "${v}"`);
  return x;
}

export function choice<T extends string>(name: string, v: string | undefined, allowed: readonly T[], fallback: T): T {
  if (v === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(v)) throw userError(`${name} must be one of ${allowed.join(', ')}, not "${v}"`);
  return v as T;
}

export function timingsLine(t: { load: number; estimate: number; aggregate: number; total: number; sensitivity?: number }): string {
  const r = (x: number) => Math.round(x * 1e4) / 1e4;
  return JSON.stringify({
    load_s: r(t.load),
    estimate_s: r(t.estimate),
    aggregate_s: r(t.aggregate),
    ...(t.sensitivity !== undefined ? { sensitivity_s: r(t.sensitivity) } : {}),
    total_s: r(t.total),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  });
}

interface DidCliOptions extends SensitivityCliOptions {
  data?: string;
  y?: string;
  time?: string;
  id?: string;
  group?: string;
  covariates?: string;
  method?: string;
  control?: string;
  base?: string;
  anticipation?: string;
  weights?: string;
  unbalanced?: boolean;
  rcs?: boolean;
  cluster?: string;
  minE?: string;
  maxE?: string;
  balanceE?: string;
  bootstrap?: string;
  seed?: string;
  alpha?: string;
  naRm?: boolean;
  timeKind?: string;
  json?: boolean;
  timings?: boolean;
  encoding?: string;
  strict?: boolean;
}

const seconds = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e9;

/** Periods as the data wrote them: YYYY-MM for monthly data, else the number. */
type PeriodLabel = (v: number) => number | string;

function aggJson(a: AggteResult, withBy: boolean, label: PeriodLabel = (v) => v): Record<string, unknown> {
  const out: Record<string, unknown> = { att: a.att, se: a.se };
  if (withBy) out.by = a.by.map((b) => ({ e: label(b.e), att: b.att, se: b.se }));
  return out;
}

function fmt(v: number | null, digits = 4): string {
  if (v === null) return 'NA';
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-4)) return v.toExponential(digits - 1);
  return v.toFixed(a >= 100 ? 2 : digits);
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((s, c) => s.padStart(widths[c])).join('  ');
  return [line(headers), ...rows.map(line)].join('\n');
}

/** A readable summary in the manner of R's summary(MP) and summary(aggte(...)). */
export function didText(res: AttgtResult, aggs: Record<string, AggteResult>, label: PeriodLabel = (v) => v, readWarnings: readonly string[] = []): string {
  const o = res.options;
  const level = Math.round((1 - o.alpha) * 100);
  const band = res.uniform ? 'Simult.' : 'Pointwise';
  const method = { dr: 'doubly robust', ipw: 'inverse probability weighting', reg: 'outcome regression' }[o.method];
  const out: string[] = [];
  out.push(`Group-time average treatment effects (Callaway & Sant'Anna), ${method}`);
  out.push(
    `Controls: ${o.control === 'never' ? 'never treated' : 'not yet treated'}; base period: ${o.base}; anticipation: ${o.anticipation}; ` +
      `units: ${res.n}; observations: ${res.nObs}${o.covariates.length ? `; covariates: ${o.covariates.join(', ')}` : ''}`,
  );
  out.push('');
  out.push(
    table(
      ['Group', 'Time', 'ATT(g,t)', 'Std. Error', `[${level}% ${band}`, 'Conf. Band]', ''],
      res.cells.map((c) => [
        String(label(c.group)),
        String(label(c.time)),
        fmt(c.att),
        fmt(c.se),
        fmt(c.lower),
        fmt(c.upper),
        c.lower !== null && c.upper !== null && (c.lower > 0 || c.upper < 0) ? '*' : '',
      ]),
    ),
  );
  out.push('---');
  out.push(`Critical value ${res.critical.toFixed(3)} (${res.uniform ? `uniform band, ${o.bootstrap?.draws} bootstrap draws, seed ${o.bootstrap?.seed}` : 'pointwise'})`);
  const w = res.wald;
  out.push(w ? `P-value for pre-test of parallel trends assumption: ${w.p} (Wald ${w.stat.toFixed(2)}, df ${w.df})` : 'No Wald pre-test of parallel trends (see warnings).');
  const names: Record<string, string> = { simple: 'Overall ATT (simple weighted average)', group: 'Overall ATT by group (selective timing)', dynamic: 'Event study (dynamic effects)', calendar: 'Calendar-time effects' };
  const byLabel: Record<string, string> = { group: 'Group', dynamic: 'Event time', calendar: 'Time' };
  for (const [key, a] of Object.entries(aggs)) {
    out.push('');
    out.push(`${names[key]}: ATT ${fmt(a.att)}  SE ${fmt(a.se)}  [${level}% Conf. Int. ${fmt(a.lower)}, ${fmt(a.upper)}]`);
    if (a.pre) out.push(`  average before (e < 0): ${fmt(a.pre.att)} (SE ${fmt(a.pre.se)}); after (e >= 0): ${fmt(a.post?.att ?? null)} (SE ${fmt(a.post?.se ?? null)})`);
    if (a.by.length > 0) {
      const bband = a.uniform ? 'Simult.' : 'Pointwise';
      out.push(
        table(
          [byLabel[key], 'Estimate', 'Std. Error', `[${level}% ${bband}`, 'Conf. Band]', 'Treated', ''],
          a.by.map((b) => [String(key === 'dynamic' ? b.e : label(b.e)), fmt(b.att), fmt(b.se), fmt(b.lower), fmt(b.upper), String(b.n), b.lower !== null && b.upper !== null && (b.lower > 0 || b.upper < 0) ? '*' : '']),
        ),
      );
    }
    for (const wmsg of a.warnings) out.push(`  warning: ${wmsg}`);
  }
  if (res.warnings.length > 0 || readWarnings.length > 0) {
    out.push('');
    out.push('Warnings:');
    for (const wmsg of [...readWarnings, ...res.warnings]) out.push(`  ${wmsg}`);
  }
  return out.join('\n') + '\n';
}

export function register(program: Command): void {
  program
    .command('did')
    .description("staggered difference-in-differences (Callaway & Sant'Anna ATT(g,t) with doubly robust cells) and its aggregations")
    .option('--data <file>', 'long CSV or Parquet file, one row per unit and period')
    .option('--y <col>', 'outcome column')
    .option('--time <col>', 'period column')
    .option('--id <col>', 'unit identifier column')
    .option('--group <col>', 'first treated period; 0, empty or NA = never treated (counted in the warnings); a start after the last period is never treated in the estimation (counted); YYYY-MM with --time-kind month')
    .option('--covariates <a,b>', 'covariates (factor(x) for a categorical one)')
    .option('--method <m>', 'dr | ipw | reg', 'dr')
    .option('--control <c>', 'never | notyet', 'never')
    .option('--base <b>', 'varying | universal', 'varying')
    .option('--anticipation <n>', 'periods of anticipation', '0')
    .option('--weights <col>', 'sampling weights')
    .option('--unbalanced', 'allow an unbalanced panel')
    .option('--rcs', 'repeated cross sections (panel = FALSE)')
    .option('--cluster <col>', 'cluster variable besides the unit')
    .option('--min-e <n>', 'dynamic aggregation: smallest event time')
    .option('--max-e <n>', 'dynamic aggregation: largest event time')
    .option('--balance-e <n>', 'dynamic aggregation: balance on groups observed this long after treatment')
    .option('--bootstrap <B>', 'multiplier bootstrap draws (uniform bands)')
    .option('--seed <S>', 'seed of the bootstrap')
    .option('--alpha <a>', 'significance level', '0.05')
    .option('--na-rm', 'aggregate the non-missing ATT(g,t) when some are NA (R na.rm = TRUE)')
    .option('--time-kind <k>', 'integer | year | month (YYYY-MM)', 'integer')
    .option('--json', 'print one JSON document (shape of shared/reference/mpdta_a.json)')
    .option('--timings', 'add a JSON line with timings and peak RSS on stderr')
    .option('--encoding <name>', 'text encoding of the file: utf8 (default, checked) or latin1; gzip is read as is', 'utf8')
    .option('--strict', 'production run: a warning that changes the sample (rows or units dropped, groups recoded) is an error')
    .option('--sensitivity <kinds>', 'Rambachan-Roth sensitivity of the event study: rm (relative magnitudes, C-LF), sd (smoothness, FLCI) or rm,sd; needs --base universal')
    .option('--mbar <list>', 'relative magnitudes: values of Mbar (default 0,0.5,1,1.5,2)')
    .option('--m <list>', "smoothness: values of M (default: 0..4 steps of about the target's SE / post periods / 2)")
    .option('--sensitivity-e <e>', 'target: the effect at this post event time (default 0)')
    .option('--sensitivity-average', 'target: the average effect over the post periods of the event study')
    .action(async (opts: DidCliOptions) => {
      const t0 = process.hrtime.bigint();
      for (const req of ['data', 'y', 'time', 'id', 'group'] as const) if (!opts[req]) throw userError(`did needs --${req}`);
      const sens = parseSensitivityOptions(opts, opts.base);
      const covariates = parseList(opts.covariates);
      const alpha = Number(opts.alpha);
      if (!(alpha > 0 && alpha < 1)) throw userError(`--alpha must be strictly between 0 and 1, not "${opts.alpha}"`);
      const draws = wholeNumber('--bootstrap', opts.bootstrap, 1);
      if (draws !== undefined && opts.seed === undefined) throw userError('--bootstrap needs --seed S (the draws are seeded)');
      const seed = wholeNumber('--seed', opts.seed);
      const spec: DidSpec = {
        y: opts.y!,
        group: opts.group!,
        covariates,
        weights: opts.weights,
        cluster: opts.cluster,
        method: choice('--method', opts.method, ['dr', 'ipw', 'reg'] as const, 'dr'),
        control: choice('--control', opts.control, ['never', 'notyet'] as const, 'never'),
        base: choice('--base', opts.base, ['varying', 'universal'] as const, 'varying'),
        anticipation: wholeNumber('--anticipation', opts.anticipation, 0) ?? 0,
        unbalanced: !!opts.unbalanced,
        rcs: !!opts.rcs,
        alpha,
        bootstrap: draws !== undefined ? { draws, seed: seed ?? 0, uniform: true } : null,
      };
      const dyn = {
        minE: wholeNumber('--min-e', opts.minE),
        maxE: wholeNumber('--max-e', opts.maxE),
        balanceE: wholeNumber('--balance-e', opts.balanceE, 0) ?? null,
      };
      if (dyn.minE !== undefined && dyn.maxE !== undefined && dyn.minE > dyn.maxE) {
        throw userError(`--min-e (${dyn.minE}) is greater than --max-e (${dyn.maxE}): the event-study window would be empty`);
      }
      checkEncoding(opts.encoding);
      checkModelColumns('did', opts.id!, opts.time!, [
        ['--y', spec.y],
        ['--group', spec.group],
        ...covariateColumns(covariates).map((c) => ['--covariates', c] as const),
        ['--weights', spec.weights],
      ]);
      if (spec.cluster === opts.time) throw userError(`did: --cluster "${spec.cluster}" is the period column (--time)`);
      // A big file: start the worker threads now, so they are ready when the cells are (parallel.ts).
      if (fs.existsSync(opts.data!) && fs.statSync(opts.data!).size >= 8e6) warmUp();
      const columns = [spec.y, ...covariateColumns(covariates), ...(spec.weights ? [spec.weights] : []), ...(spec.cluster && spec.cluster !== opts.id ? [spec.cluster] : [])];
      // Read and prepare in one function: once it returns nothing holds the panel, whose row
      // columns (2.75 GB at 1.2 M persons x 115 months) are then garbage before the cells
      // allocate their influence functions; the estimator keeps its own layout.
      const { prepared, panel, tLoad, tPrepare } = await (async () => {
        const p = await loadModelCsv(opts.data!, opts.id!, opts.time!, opts.timeKind ?? 'integer', columns, { group: spec.group, encoding: opts.encoding, strict: opts.strict, rowLevel: [spec.y] });
        const loaded = seconds(t0);
        const tp = process.hrtime.bigint();
        return { prepared: prepareAttgtPanel(p, spec), panel: { warnings: p.warnings, periodKind: p.periodKind }, tLoad: loaded, tPrepare: seconds(tp) };
      })();
      const t1 = process.hrtime.bigint();
      const res = attgtPrepared(prepared)[0];
      const tEst = tPrepare + seconds(t1);
      const t2 = process.hrtime.bigint();
      const naRm = !!opts.naRm;
      const aggs: Record<string, AggteResult> = {
        simple: aggte(res, { type: 'simple', naRm }),
        group: aggte(res, { type: 'group', naRm }),
        dynamic: aggte(res, { type: 'dynamic', naRm, minE: dyn.minE, maxE: dyn.maxE, balanceE: dyn.balanceE }),
        calendar: aggte(res, { type: 'calendar', naRm }),
      };
      const wald = res.wald;
      const tAgg = seconds(t2);
      // Every warning, once: the reading rules', the estimator's, each aggregation's.
      const readWarnings = dataWarnings(panel.warnings);
      const warnings = [
        ...readWarnings,
        ...res.warnings.map(estimatorWarning),
        ...Object.entries(aggs).flatMap(([k, a]) => a.warnings.map((w) => estimatorWarning(`aggte ${k}: ${w}`))),
      ];
      enforceStrict(warnings, opts.strict);
      writeWarnings(warnings);
      const t3 = process.hrtime.bigint();
      let sensResult = null;
      if (sens) {
        const inputs = honestInputs(aggs.dynamic);
        const l = targetWeights(inputs, sens.target);
        sensResult = await sensitivity(inputs, {
          target: sens.target,
          alpha,
          mbar: sens.rm ? sens.mbar : null,
          m: sens.sd ? (sens.m ?? defaultMs(inputs, l)) : null,
        });
      }
      const tSens = seconds(t3);
      const label: PeriodLabel = panel.periodKind === 'month' ? formatMonth : (v) => v;
      if (opts.json) {
        const doc = {
          n: res.n,
          n_obs: res.nObs,
          att_gt: res.cells.map((c) => ({ group: label(c.group), time: label(c.time), att: c.att, se: c.se })),
          aggte: {
            simple: aggJson(aggs.simple, false),
            group: aggJson(aggs.group, true, label),
            dynamic: { ...aggJson(aggs.dynamic, true), pre: aggs.dynamic.pre && { att: aggs.dynamic.pre.att, se: aggs.dynamic.pre.se }, post: aggs.dynamic.post && { att: aggs.dynamic.post.att, se: aggs.dynamic.post.se } },
            calendar: aggJson(aggs.calendar, true, label),
          },
          critical_value: res.critical,
          uniform_band: res.uniform,
          wald: wald && { stat: wald.stat, df: wald.df, p: wald.p },
          warnings: warnings.map((w) => w.message),
          ...(sensResult ? { sensitivity: sensitivityJson(sensResult) } : {}),
        };
        process.stdout.write(JSON.stringify(doc) + '\n');
      } else {
        process.stdout.write(didText(res, aggs, label, readWarnings.map((w) => w.message)));
        if (sensResult) process.stdout.write('\n' + sensitivityText(sensResult));
      }
      if (opts.timings) process.stderr.write(timingsLine({ load: tLoad, estimate: tEst, aggregate: tAgg, total: seconds(t0), ...(sens ? { sensitivity: tSens } : {}) }) + '\n');
    });
}
