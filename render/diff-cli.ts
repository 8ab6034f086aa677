/**
 * npm run report:diff -- vA vB [--reports DIR] [--out FILE] [--exit-code]
 *
 * Prints every number that changed from version A to version B (id, row, column, old, new, Δ)
 * and writes the same list as an HTML page (default reports/diff-vA-vB.html). With
 * --exit-code the status is 1 when something changed, like `git diff --exit-code`.
 */
import { Command } from 'commander';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diffHtml, diffNumbers, diffText, readNumbers } from './diff';
import { ROOT } from './paths';

function main(argv: string[]): number {
  const program = new Command('report:diff')
    .argument('<versionA>', 'the older version (name in the reports directory, or a path)')
    .argument('<versionB>', 'the newer version')
    .option('--reports <dir>', 'reports directory', process.env.FINSAM_REPORTS || path.join(ROOT, 'reports'))
    .option('--out <file>', 'HTML page to write (default <reports>/diff-A-B.html)')
    .option('--exit-code', 'exit with status 1 when a number changed')
    .exitOverride();
  program.parse(argv);
  const [a, b] = program.args;
  const opts = program.opts<{ reports: string; out?: string; exitCode?: boolean }>();
  const reports = path.resolve(opts.reports);
  const changes = diffNumbers(readNumbers(reports, a), readNumbers(reports, b));
  process.stdout.write(diffText(a, b, changes) + '\n');
  const out = opts.out ?? path.join(reports, `diff-${path.basename(a)}-${path.basename(b)}.html`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, diffHtml(a, b, changes));
  process.stdout.write(`HTML: ${out}\n`);
  return opts.exitCode && changes.length > 0 ? 1 : 0;
}

try {
  process.exitCode = main(process.argv);
} catch (err) {
  const e = err as Error & { code?: string; exitCode?: number };
  if (e.code?.startsWith('commander.')) process.exitCode = e.exitCode ?? 2;
  else {
    process.stderr.write(`report:diff: ${e.message}\n`);
    process.exitCode = 2;
  }
}
