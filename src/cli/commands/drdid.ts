/**
 * finsam-eval drdid --data F.csv --y Y --time T --id ID --treated D [--covariates a,b]
 *   [--method dr|dr-imp|ipw|ipw-std|reg] [--weights W] [--time-kind …] [--json] [--timings]
 *
 * Sant'Anna & Zhao's 2x2 DiD on a two-period panel (R DRDID::drdid(panel = TRUE)):
 * dr = traditional doubly robust, dr-imp = improved (inverse probability tilting),
 * ipw = Horvitz-Thompson IPW, ipw-std = normalised IPW, reg = outcome regression.
 * Prints {att, se} (with --json) or a line of text.
 */
import { Command } from 'commander';
import { drdidFromPanel, PANEL_METHODS, PanelMethod } from '../../estimate/index';
import { checkEncoding } from '../../data/source';
import { dataWarnings, enforceStrict, estimatorWarning, writeWarnings } from '../warnings';
import { checkModelColumns, choice, covariateColumns, loadModelCsv, parseList, timingsLine, userError } from './did';

interface DrdidCliOptions {
  data?: string;
  y?: string;
  time?: string;
  id?: string;
  treated?: string;
  covariates?: string;
  method?: string;
  weights?: string;
  timeKind?: string;
  json?: boolean;
  timings?: boolean;
  encoding?: string;
  strict?: boolean;
}

const seconds = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e9;

export function register(program: Command): void {
  program
    .command('drdid')
    .description("Sant'Anna & Zhao doubly robust DiD on a two-period panel")
    .option('--data <file>', 'long CSV with two periods per unit')
    .option('--y <col>', 'outcome column')
    .option('--time <col>', 'period column')
    .option('--id <col>', 'unit identifier column')
    .option('--treated <col>', 'treatment indicator (0/1, constant within unit)')
    .option('--covariates <a,b>', 'covariates, taken from the first period (factor(x) for a categorical one)')
    .option('--method <m>', PANEL_METHODS.join(' | '), 'dr')
    .option('--weights <col>', 'sampling weights (first period)')
    .option('--time-kind <k>', 'integer | year | month (YYYY-MM)', 'integer')
    .option('--json', 'print {"att","se"} as JSON')
    .option('--timings', 'add a JSON line with timings and peak RSS on stderr')
    .option('--encoding <name>', 'text encoding of the file: utf8 (default, checked) or latin1; gzip is read as is', 'utf8')
    .option('--strict', 'production run: a warning that changes the sample (rows or units dropped) is an error')
    .action(async (opts: DrdidCliOptions) => {
      const t0 = process.hrtime.bigint();
      for (const req of ['data', 'y', 'time', 'id', 'treated'] as const) if (!opts[req]) throw userError(`drdid needs --${req}`);
      const method = choice<PanelMethod>('--method', opts.method, PANEL_METHODS, 'dr');
      const covariates = parseList(opts.covariates);
      checkEncoding(opts.encoding);
      checkModelColumns('drdid', opts.id!, opts.time!, [
        ['--y', opts.y],
        ['--treated', opts.treated],
        ...covariateColumns(covariates).map((c) => ['--covariates', c] as const),
        ['--weights', opts.weights],
      ]);
      const columns = [opts.y!, opts.treated!, ...covariateColumns(covariates), ...(opts.weights ? [opts.weights] : [])];
      const panel = await loadModelCsv(opts.data!, opts.id!, opts.time!, opts.timeKind ?? 'integer', columns, { encoding: opts.encoding, strict: opts.strict });
      const tLoad = seconds(t0);
      const t1 = process.hrtime.bigint();
      const res = drdidFromPanel(panel, { y: opts.y!, treated: opts.treated!, covariates, weights: opts.weights, method });
      const tEst = seconds(t1);
      const warnings = [...dataWarnings(panel.warnings), ...res.warnings.map(estimatorWarning)];
      enforceStrict(warnings, opts.strict);
      writeWarnings(warnings);
      if (opts.json) {
        process.stdout.write(JSON.stringify({ att: Number.isFinite(res.att) ? res.att : null, se: Number.isFinite(res.se) ? res.se : null, n: res.n, n_treated: res.nTreated, method, warnings: res.warnings }) + '\n');
      } else {
        const z = 1.959963984540054;
        process.stdout.write(
          `DiD (${method}), periods ${res.periods[0]} -> ${res.periods[1]}, ${res.n} units (${res.nTreated} treated)\n` +
            `ATT ${res.att.toFixed(4)}  SE ${res.se.toFixed(4)}  95% CI [${(res.att - z * res.se).toFixed(4)}, ${(res.att + z * res.se).toFixed(4)}]\n` +
            res.warnings.map((w) => `warning: ${w}\n`).join(''),
        );
      }
      if (opts.timings) process.stderr.write(timingsLine({ load: tLoad, estimate: tEst, aggregate: 0, total: seconds(t0) }) + '\n');
    });
}
